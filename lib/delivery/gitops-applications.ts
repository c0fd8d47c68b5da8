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
  /**
   * The experiments: each is the file `<name>.yaml` in the experiments folder and gets an
   * Application of its own.
   */
  readonly experiments: readonly string[];
  /**
   * Further folders of the layout (charts added with `ChaosMeshApp.addChart`), each synced like
   * the platform by an Application `<prefix>-<folder>`.
   * @default - none
   */
  readonly charts?: readonly string[];
}

/**
 * The ArgoCD Applications of the layout.
 *
 * - `<prefix>-platform`: automated sync with prune and self-heal. Namespaces, the chart and RBAC
 *   are declarative state; drift is repaired.
 * - `<prefix>-experiment-<name>`, one per experiment: NO automated sync. Anything in an
 *   auto-synced path runs the moment a PR merges; the reference's rule was "I press the button
 *   when I'm watching". One Application per experiment, so pressing Sync runs one experiment:
 *   two faults against the same pods at once would break each other's guarantees (a pod kill
 *   while the other replica is OOM-killed leaves nothing serving) and mix up the probes' numbers.
 *   Press Sync with Prune: an edited experiment has a new (content-hashed) name, and the prune
 *   removes its predecessor.
 */
export class GitOpsApplications extends Construct {
  public readonly platform: ApiObject;
  public readonly experiments: ApiObject[];
  /** One per further folder (`charts`). */
  public readonly charts: ApiObject[];

  constructor(scope: Construct, id: string, props: GitOpsApplicationsProps) {
    super(scope, id);
    const prefix = props.namePrefix ?? 'chaos-mesh';
    const base = (props.path ?? 'dist').replace(/\/+$/, '');
    const application = (name: string, source: Record<string, unknown>, syncPolicy: Record<string, unknown>, annotations: Record<string, string>) =>
      new ApiObject(this, name, {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: `${prefix}-${name}`, namespace: props.argocdNamespace ?? 'argocd', annotations },
        spec: {
          project: props.project ?? 'default',
          source: { repoURL: props.repoURL, targetRevision: props.targetRevision ?? 'main', ...source },
          destination: { server: 'https://kubernetes.default.svc' },
          syncPolicy,
        },
      });

    const automatic = (name: string, folder: string) => application(name, { path: `${base}/${folder}`, directory: { recurse: false } }, {
      automated: { prune: true, selfHeal: true },
      syncOptions: ['CreateNamespace=false'],
    }, { 'cdk8s-chaos-mesh.io/sync': 'automatic' });
    this.platform = automatic('platform', props.folders.platform);
    this.charts = (props.charts ?? []).map((folder) => automatic(folder, folder));

    this.experiments = props.experiments.map((experiment) => application(`experiment-${experiment}`, {
      path: `${base}/${props.folders.experiments}`,
      directory: { recurse: false, include: `${experiment}.yaml` },
    }, {
      syncOptions: ['CreateNamespace=false', 'PruneLast=true'],
    }, {
      'cdk8s-chaos-mesh.io/sync': 'manual: press Sync (with Prune) while you watch the probe',
    }));
  }
}
