import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/** Annotation that records why the namespace runs at the `privileged` Pod Security level. */
export const POD_SECURITY_REASON_ANNOTATION = 'cdk8s-chaos-mesh.io/pod-security-reason';

const POD_SECURITY_REASON = 'chaos-daemon (a DaemonSet on every node) runs privileged with hostPID and hostIPC to enter '
  + 'target pods\' network namespaces (tc/netem) and cgroups (stress); the controller and dashboard are unprivileged. '
  + 'Probe Jobs and PreSync guards never run here: they run in their own namespaces at the restricted level.';

export interface ChaosMeshNamespaceProps {
  /**
   * Name of the namespace the chart is installed into.
   * @default 'chaos-mesh'
   */
  readonly name?: string;

  /**
   * ArgoCD sync wave, so the namespace exists before the chart's Application syncs into it
   * (the Application uses `CreateNamespace=false`).
   * @default -10
   */
  readonly syncWave?: number;
}

/**
 * The namespace of the Chaos Mesh install, labelled for Pod Security Admission at `privileged`
 * (enforce, audit and warn).
 *
 * Why privileged: chaos-daemon is the fault-injection engine; it enters other pods' network
 * namespaces and cgroups and talks to the container runtime socket, so it runs privileged with
 * hostPID/hostIPC, which any lower level would refuse. Keeping Chaos Mesh in a namespace of its
 * own contains that exception: the probe and guard workloads of this library run in other
 * namespaces at `restricted`, and the namespace itself is protected from experiments (CM005).
 * The namespace deliberately does NOT carry `chaos-mesh.org/inject: enabled`.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
 */
export class ChaosMeshNamespace extends Construct {
  /** The Namespace object (`node.defaultChild`). */
  public readonly apiObject: ApiObject;
  public readonly name: string;

  constructor(scope: Construct, id: string, props: ChaosMeshNamespaceProps = {}) {
    super(scope, id);
    this.name = props.name ?? 'chaos-mesh';
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: this.name,
        labels: {
          'pod-security.kubernetes.io/enforce': 'privileged',
          'pod-security.kubernetes.io/audit': 'privileged',
          'pod-security.kubernetes.io/warn': 'privileged',
        },
        annotations: {
          'argocd.argoproj.io/sync-wave': String(props.syncWave ?? -10),
          [POD_SECURITY_REASON_ANNOTATION]: POD_SECURITY_REASON,
        },
      },
    });
  }
}
