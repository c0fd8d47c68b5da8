import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

export interface GitOpsProps {
  /** The Git repository ArgoCD reads `dist/` from, e.g. `https://git.example.com/platform/chaos.git`. */
  readonly repoURL: string;

  /**
   * Branch, tag or commit ArgoCD follows.
   * @default 'main'
   */
  readonly targetRevision?: string;

  /**
   * Where the synthesized output lies inside the repository.
   * @default 'dist'
   */
  readonly path?: string;

  /**
   * Namespace of ArgoCD itself (Applications live there).
   * @default 'argocd'
   */
  readonly argocdNamespace?: string;

  /**
   * ArgoCD project of both Applications.
   * @default 'default'
   */
  readonly project?: string;

  /**
   * Prefix of the Application names (`<prefix>-platform`, `<prefix>-experiments`).
   * @default 'chaos-mesh'
   */
  readonly namePrefix?: string;
}

export interface GitOpsApplicationsProps extends GitOpsProps {
  /** Sub-folders of `path` holding each part. */
  readonly folders: { readonly platform: string; readonly experiments: string };
}

/**
 * The two ArgoCD Applications of the layout.
 *
 * - platform: automated sync with prune and self-heal. Namespaces, the chart and RBAC are
 *   declarative state; drift is repaired.
 * - experiments: NO automated sync. Anything in an auto-synced path runs the moment a PR merges;
 *   the reference's rule was "I press the button when I'm watching". Prune is still enabled for
 *   manual syncs, so the previous (content-named) experiment object is removed when its
 *   successor is synced.
 */
export class GitOpsApplications extends Construct {
  public readonly platform: ApiObject;
  public readonly experiments: ApiObject;

  constructor(scope: Construct, id: string, props: GitOpsApplicationsProps) {
    super(scope, id);
    const prefix = props.namePrefix ?? 'chaos-mesh';
    const base = (props.path ?? 'dist').replace(/\/+$/, '');
    const application = (name: string, folder: string, syncPolicy: Record<string, unknown>, annotations: Record<string, string>) =>
      new ApiObject(this, name, {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: `${prefix}-${name}`, namespace: props.argocdNamespace ?? 'argocd', annotations },
        spec: {
          project: props.project ?? 'default',
          source: {
            repoURL: props.repoURL,
            targetRevision: props.targetRevision ?? 'main',
            path: `${base}/${folder}`,
            directory: { recurse: false },
          },
          destination: { server: 'https://kubernetes.default.svc' },
          syncPolicy,
        },
      });

    this.platform = application('platform', props.folders.platform, {
      automated: { prune: true, selfHeal: true },
      syncOptions: ['CreateNamespace=false'],
    }, { 'cdk8s-chaos-mesh.io/sync': 'automatic' });

    this.experiments = application('experiments', props.folders.experiments, {
      syncOptions: ['CreateNamespace=false', 'PruneLast=true'],
    }, {
      'cdk8s-chaos-mesh.io/sync': 'manual: press Sync while you watch the probe',
    });
  }
}
