import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

export interface RestrictedNamespaceProps {
  /** Name of the namespace. */
  readonly name: string;

  /**
   * ArgoCD sync wave, so the namespace exists before anything is synced into it.
   * @default -10
   */
  readonly syncWave?: number;
}

/**
 * A namespace at Pod Security "restricted" (enforce, audit and warn) for the workloads this
 * library runs next to experiments: probe Jobs and PreSync guards. They need no privilege, so
 * the namespace refuses any pod that asks for one, unlike the `chaos-mesh` namespace, which must
 * admit the privileged chaos-daemon.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export class RestrictedNamespace extends Construct {
  /** The Namespace object (`node.defaultChild`). */
  public readonly apiObject: ApiObject;
  public readonly name: string;

  constructor(scope: Construct, id: string, props: RestrictedNamespaceProps) {
    super(scope, id);
    this.name = props.name;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: props.name,
        labels: {
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
        annotations: { 'argocd.argoproj.io/sync-wave': String(props.syncWave ?? -10) },
      },
    });
  }
}
