import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { IPolicyRule } from 'kubernetes-models/rbac.authorization.k8s.io/v1/PolicyRule';
import { isDnsLabel } from '../_k8s-names';
import { ChaosExperiment } from '../experiments/base';

/** Who the dashboard account is. */
export enum DashboardAccessLevel {
  /** The reference: create, change and delete any chaos object in any namespace. */
  CLUSTER_MANAGER = 'cluster-manager',
  /** Create, change and delete chaos objects only in the listed target namespaces. */
  NAMESPACE_MANAGER = 'namespace-manager',
  /** Read chaos objects (get/list/watch only): everywhere, or in the listed namespaces. */
  VIEWER = 'viewer',
}

export interface DashboardAccessProps {
  /** Which of the three accounts. */
  readonly level: DashboardAccessLevel;

  /**
   * Namespace of the Chaos Mesh install, where the ServiceAccount and its token live.
   * @default 'chaos-mesh'
   */
  readonly namespace?: string;

  /**
   * Namespaces the account may act in. Required for NAMESPACE_MANAGER; for VIEWER it limits
   * reading to them (without it the viewer reads everywhere).
   * @default - none (cluster-wide)
   */
  readonly targetNamespaces?: readonly string[];

  /**
   * @default 'chaos-dashboard-operator' (CLUSTER_MANAGER, the reference), 'chaos-dashboard-namespace-manager', 'chaos-dashboard-viewer'
   */
  readonly serviceAccountName?: string;

  /**
   * Name of the (Cluster)Role holding the chaos-mesh.org rules.
   * @default 'chaos-mesh-cluster-manager' (CLUSTER_MANAGER, the reference), 'chaos-mesh-namespace-manager', 'chaos-mesh-viewer'
   */
  readonly roleName?: string;

  /**
   * NAMESPACE_MANAGER and namespaced VIEWER: allow reading pods in every namespace instead of
   * only the target ones. Off: a cluster-wide pod read shows every pod spec (including env
   * values) of every namespace, which a namespace-scoped account has no need for; the dashboard's
   * selectors only list pods in the namespaces an experiment names.
   * @default false
   */
  readonly clusterWidePodRead?: boolean;

  /**
   * Local file the access instructions write the token to.
   * @default '~/.chaos-dashboard-token' (CLUSTER_MANAGER), '~/.chaos-dashboard-<level>-token'
   */
  readonly tokenFile?: string;
}

const READ = ['get', 'list', 'watch'];
/** The reference's verbs, in its order. Never `*`: a wildcard would also grant verbs added later. */
const MANAGE = ['get', 'list', 'watch', 'create', 'delete', 'patch', 'update'];
const RBAC = 'rbac.authorization.k8s.io/v1';

/**
 * A dashboard login: a ServiceAccount, its RBAC, and a token Secret (type
 * `kubernetes.io/service-account-token`, annotation only: Kubernetes fills in the token, no value
 * is ever written to Git).
 *
 * Three choices: the reference cluster-wide manager (ClusterRole `chaos-mesh-cluster-manager`),
 * a namespace-scoped manager (a Role and RoleBinding in each target namespace, plus a
 * ClusterRole to list namespaces for the dashboard's selectors), and a read-only viewer. No rule
 * uses a wildcard verb; the only wildcard resource is `*` within `chaos-mesh.org`.
 *
 * To log in (see `accessInstructions()`): with `umask 077`, read the token into a 0600 file,
 * `kubectl -n chaos-mesh port-forward --address 127.0.0.1 svc/chaos-dashboard 2333:2333`, open
 * http://localhost:2333 and paste the token.
 *
 * @see https://chaos-mesh.org/docs/manage-user-permissions/
 */
export class DashboardAccess extends Construct {
  public readonly level: DashboardAccessLevel;
  public readonly namespaceName: string;
  public readonly serviceAccountName: string;
  /** The token Secret's name (`<serviceAccountName>-token`). */
  public readonly tokenSecretName: string;
  public readonly tokenFile: string;
  /** Every object emitted, in order. */
  public readonly objects: readonly ApiObject[];

  constructor(scope: Construct, id: string, props: DashboardAccessProps) {
    super(scope, id);
    this.level = props.level;
    if (!Object.values(DashboardAccessLevel).includes(this.level)) {
      throw new Error(`DashboardAccess: level ${JSON.stringify(props.level)} is not one of ${Object.values(DashboardAccessLevel).join(', ')}.`);
    }
    this.namespaceName = props.namespace ?? 'chaos-mesh';
    const cluster = this.level === DashboardAccessLevel.CLUSTER_MANAGER;
    this.serviceAccountName = props.serviceAccountName ?? (cluster ? 'chaos-dashboard-operator' : `chaos-dashboard-${this.level}`);
    const roleName = props.roleName ?? (cluster ? 'chaos-mesh-cluster-manager' : `chaos-mesh-${this.level}`);
    this.tokenSecretName = `${this.serviceAccountName}-token`;
    this.tokenFile = props.tokenFile ?? (cluster ? '~/.chaos-dashboard-token' : `~/.chaos-dashboard-${this.level}-token`);
    const targets = [...(props.targetNamespaces ?? [])];
    this.validate(props, targets);

    const objects: ApiObject[] = [];
    const add = (cid: string, body: Record<string, unknown>): void => {
      objects.push(new ApiObject(this, cid, body as any));
    };
    const subject = { kind: 'ServiceAccount', name: this.serviceAccountName, namespace: this.namespaceName };
    add('ServiceAccount', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: this.serviceAccountName, namespace: this.namespaceName } });

    const verbs = this.level === DashboardAccessLevel.VIEWER ? READ : MANAGE;
    const chaosRule: IPolicyRule = { apiGroups: ['chaos-mesh.org'], resources: ['*'], verbs };
    if (targets.length === 0) {
      // Cluster-wide (the reference's shape, rule for rule).
      const rules: IPolicyRule[] = [{ apiGroups: [''], resources: ['pods', 'namespaces'], verbs: ['get', 'watch', 'list'] }, chaosRule];
      add('ClusterRole', { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: roleName }, rules });
      add('ClusterRoleBinding', {
        apiVersion: RBAC,
        kind: 'ClusterRoleBinding',
        metadata: { name: `${this.serviceAccountName}-binding` },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
        subjects: [subject],
      });
    } else {
      const podRead = props.clusterWidePodRead ?? false;
      // Namespaces are cluster-scoped: listing them (the dashboard's namespace picker) needs a ClusterRole.
      const clusterRules: IPolicyRule[] = [{ apiGroups: [''], resources: podRead ? ['namespaces', 'pods'] : ['namespaces'], verbs: READ }];
      add('ReadClusterRole', { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: `${roleName}-read` }, rules: clusterRules });
      add('ReadClusterRoleBinding', {
        apiVersion: RBAC,
        kind: 'ClusterRoleBinding',
        metadata: { name: `${this.serviceAccountName}-read-binding` },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${roleName}-read` },
        subjects: [subject],
      });
      for (const ns of targets) {
        const rules: IPolicyRule[] = [...(podRead ? [] : [{ apiGroups: [''], resources: ['pods'], verbs: READ }]), chaosRule];
        add(`Role-${ns}`, { apiVersion: RBAC, kind: 'Role', metadata: { name: roleName, namespace: ns }, rules });
        add(`RoleBinding-${ns}`, {
          apiVersion: RBAC,
          kind: 'RoleBinding',
          metadata: { name: `${this.serviceAccountName}-binding`, namespace: ns },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: roleName },
          subjects: [subject],
        });
      }
    }
    // The token controller fills `data.token` in the cluster; the manifest carries no value.
    add('TokenSecret', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: this.tokenSecretName,
        namespace: this.namespaceName,
        annotations: { 'kubernetes.io/service-account.name': this.serviceAccountName },
      },
      type: 'kubernetes.io/service-account-token',
    });
    this.objects = objects;
    if (targets.length > 0) this.node.addValidation({ validate: () => this.unreachableExperiments(targets) });
  }

  /**
   * A namespace-scoped account acts only in its namespaces, and Chaos Mesh creates an
   * experiment's chaos objects in the experiment's own namespace: an experiment aimed at one of
   * them but living elsewhere (`chaos-mesh` by default) is one this account can neither see nor
   * pause, which is refused.
   */
  private unreachableExperiments(targets: readonly string[]): string[] {
    return this.node.root.node.findAll()
      .filter((c): c is ChaosExperiment => c instanceof ChaosExperiment)
      .filter((e) => targets.includes(e.target.namespace) && !targets.includes(e.namespace))
      .map((e) => `experiment "${e.node.path}" targets namespace "${e.target.namespace}" but is created in "${e.namespace}", `
        + `where the ${this.level} account "${this.serviceAccountName}" (namespaces ${targets.join(', ')}) can neither see nor `
        + `pause it. Create it in its target's namespace: namespace: '${e.target.namespace}' on the experiment, or `
        + 'experimentsInTargetNamespace: true on the ChaosMeshApp for every experiment.');
  }

  private validate(props: DashboardAccessProps, targets: readonly string[]): void {
    if (this.level === DashboardAccessLevel.NAMESPACE_MANAGER && targets.length === 0) {
      throw new Error('DashboardAccess: level NAMESPACE_MANAGER needs targetNamespaces (the namespaces the account may run experiments in).');
    }
    if (this.level === DashboardAccessLevel.CLUSTER_MANAGER && targets.length > 0) {
      throw new Error('DashboardAccess: level CLUSTER_MANAGER acts in every namespace; remove targetNamespaces or use NAMESPACE_MANAGER.');
    }
    if (props.clusterWidePodRead !== undefined && targets.length === 0) {
      throw new Error('DashboardAccess: clusterWidePodRead only applies with targetNamespaces (a cluster-wide account already reads pods everywhere).');
    }
    for (const ns of [this.namespaceName, ...targets]) {
      if (!isDnsLabel(ns)) throw new Error(`DashboardAccess: namespace ${JSON.stringify(ns)} is not a valid namespace name.`);
    }
    if (new Set(targets).size !== targets.length) throw new Error(`DashboardAccess: targetNamespaces lists a namespace twice: ${targets.join(', ')}.`);
  }

  /**
   * The shell steps to log in: read the token into a file only you can read, port-forward the
   * dashboard to localhost, paste the token.
   */
  public accessInstructions(): string {
    const ns = this.namespaceName;
    return [
      `# Chaos Dashboard login as ${this.serviceAccountName} (${this.level}).`,
      '# 1. Read the token into a file only you can read (umask first, so it is never readable by others):',
      '(',
      '  umask 077',
      `  kubectl -n ${ns} get secret ${this.tokenSecretName} -o jsonpath='{.data.token}' | base64 -d > ${this.tokenFile}`,
      `  chmod 600 ${this.tokenFile}  # in case the file already existed`,
      ')',
      `#    (a short-lived token instead: kubectl -n ${ns} create token ${this.serviceAccountName} --duration 1h)`,
      '# 2. Reach the dashboard through the API server; its Service stays ClusterIP:',
      `kubectl -n ${ns} port-forward --address 127.0.0.1 svc/chaos-dashboard 2333:2333`,
      `# 3. Open http://localhost:2333 and paste the token from ${this.tokenFile}.`,
      '',
    ].join('\n');
  }
}
