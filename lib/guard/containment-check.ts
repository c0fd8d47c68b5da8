import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { guardLabels } from './_argocd';
import { readGuardScript } from './_script';
import { checkExperimentName, checkNamespace, checkNamespaces, selectorText, checkContainerNames, checkImage } from './_validate';
import {
  CONTAINMENT_CHECK_SCRIPT, CONTAINMENT_KUBECONFIG_KEY, ContainmentCheckNames, containmentCheckNames, containmentCheckTask,
  containmentKubeconfig, ContainmentTaskProps, WorkflowTaskTemplate,
} from './containment-task';
import { GuardTargetProps } from './guard-target';

export interface ContainmentCheckProps extends GuardTargetProps {
  /**
   * Namespace of the experiment's Workflow: Chaos Mesh creates the Task's pod there, and a pod
   * can only mount a Secret and a ConfigMap of its own namespace.
   *
   * @default 'chaos-mesh'
   */
  readonly chaosNamespace?: string;
}

/** Options for {@link ContainmentCheck.taskTemplate}. */
export type ContainmentTaskOptions = Pick<ContainmentTaskProps, 'name' | 'deadline'>;

/**
 * What the containment Task needs, in the Workflow's namespace: a dedicated ServiceAccount, its
 * token Secret (type `kubernetes.io/service-account-token`: the annotation names the account and
 * the token controller fills in the data; the manifest carries no secret), the script and a
 * kubeconfig in a ConfigMap, and read-only RBAC:
 * - a ClusterRole with `get`/`list` on pods: node-mates live in every namespace, and listing
 *   pods by `spec.nodeName` across namespaces needs cluster scope;
 * - a Role with `get` on `workflows.chaos-mesh.org` in the chaos namespace, to read the start
 *   time (by name, so no `list`).
 * The namespace's `default` account, which a Task pod runs as, is granted nothing.
 *
 * Placement: all of it belongs in the platform chart (`dist/platform`): it must exist before the
 * Workflow reaches the Task, it is read-only, and the experiments app may not be allowed
 * cluster-scoped RBAC. Only the Task template ({@link taskTemplate}) goes into the experiment's
 * Workflow (`dist/experiments`). ArgoCD applies a ServiceAccount before a Secret (kind order),
 * which the token controller needs.
 */
export class ContainmentCheck extends Construct {
  public readonly serviceAccount: ApiObject;
  public readonly tokenSecret: ApiObject;
  public readonly configMap: ApiObject;
  public readonly clusterRole: ApiObject;
  public readonly clusterRoleBinding: ApiObject;
  public readonly workflowRole: ApiObject;
  public readonly workflowRoleBinding: ApiObject;
  /** Every object above, for placement. */
  public readonly objects: ApiObject[];
  public readonly names: ContainmentCheckNames;
  /** The script, byte for byte as in the ConfigMap. */
  public readonly script: string;
  private readonly props: ContainmentCheckProps;

  constructor(scope: Construct, id: string, props: ContainmentCheckProps) {
    super(scope, id);
    const owner = `ContainmentCheck "${id}"`;
    const experiment = checkExperimentName(owner, props.experiment);
    // Validated here too, so a bad target fails where the construct is declared.
    checkNamespaces(owner, props.namespaces);
    selectorText(owner, props.labels);
    checkContainerNames(owner, props.containerNames);
    if (props.image !== undefined) checkImage(owner, props.image);
    const namespace = checkNamespace(owner, 'chaosNamespace', props.chaosNamespace ?? 'chaos-mesh');
    this.props = props;
    this.names = containmentCheckNames(experiment);
    this.script = readGuardScript(CONTAINMENT_CHECK_SCRIPT);
    const labels = guardLabels('containment-check', experiment);
    const rbac = 'rbac.authorization.k8s.io';

    this.serviceAccount = new ApiObject(this, 'ServiceAccount', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: this.names.serviceAccount, namespace, labels },
      automountServiceAccountToken: false,
    });
    this.tokenSecret = new ApiObject(this, 'Token', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: this.names.tokenSecret,
        namespace,
        labels,
        annotations: { 'kubernetes.io/service-account.name': this.names.serviceAccount },
      },
      type: 'kubernetes.io/service-account-token',
    });
    this.configMap = new ApiObject(this, 'Script', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: this.names.configMap, namespace, labels },
      data: { [CONTAINMENT_CHECK_SCRIPT]: this.script, [CONTAINMENT_KUBECONFIG_KEY]: containmentKubeconfig() },
    });
    this.clusterRole = new ApiObject(this, 'ClusterRole', {
      apiVersion: `${rbac}/v1`,
      kind: 'ClusterRole',
      metadata: { name: this.names.clusterRole, labels },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
    });
    const subjects = [{ kind: 'ServiceAccount', name: this.names.serviceAccount, namespace }];
    this.clusterRoleBinding = new ApiObject(this, 'ClusterRoleBinding', {
      apiVersion: `${rbac}/v1`,
      kind: 'ClusterRoleBinding',
      metadata: { name: this.names.clusterRole, labels },
      roleRef: { apiGroup: rbac, kind: 'ClusterRole', name: this.names.clusterRole },
      subjects,
    });
    this.workflowRole = new ApiObject(this, 'WorkflowRole', {
      apiVersion: `${rbac}/v1`,
      kind: 'Role',
      metadata: { name: this.names.role, namespace, labels },
      rules: [{ apiGroups: ['chaos-mesh.org'], resources: ['workflows'], verbs: ['get'] }],
    });
    this.workflowRoleBinding = new ApiObject(this, 'WorkflowRoleBinding', {
      apiVersion: `${rbac}/v1`,
      kind: 'RoleBinding',
      metadata: { name: this.names.role, namespace, labels },
      roleRef: { apiGroup: rbac, kind: 'Role', name: this.names.role },
      subjects,
    });
    this.objects = [
      this.serviceAccount, this.tokenSecret, this.configMap,
      this.clusterRole, this.clusterRoleBinding, this.workflowRole, this.workflowRoleBinding,
    ];
  }

  /** The Workflow `Task` template for this experiment (see {@link containmentCheckTask}). */
  public taskTemplate(options: ContainmentTaskOptions = {}): WorkflowTaskTemplate {
    const { chaosNamespace: _ignored, ...target } = this.props;
    return containmentCheckTask({ ...target, ...options });
  }
}
