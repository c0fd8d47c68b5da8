import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { defaultExperimentNamespace, DEFAULT_CHAOS_NAMESPACE } from '../_app-defaults';
import { rendered } from '../_render-pass';
import type { ChaosTarget } from '../target';
import { guardLabels, sharedLabels } from './_argocd';
import { faultBodies } from './_experiment-facts';
import { readGuardScript } from './_script';
import { sharedConfigMap } from '../shared-config-map';
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
   * @default - where the experiment goes when it names no namespace: with one target namespace and
   * a ChaosMeshApp that sets `experimentsInTargetNamespace`, that namespace; else 'chaos-mesh'
   */
  readonly chaosNamespace?: string;
}

/** Props of {@link ContainmentCheck.forTarget}. */
export interface ContainmentTargetProps extends Pick<GuardTargetProps, 'image'> {
  /**
   * The readable name of the experiment that will run the Task (its `name`, or construct id):
   * names the check's objects and prefixes its log lines.
   */
  readonly experiment: string;
  /** The experiment's target: namespace, pod labels and container names are read from it. */
  readonly target: ChaosTarget;
  /**
   * Namespace of the experiment's Workflow (the experiment's `namespace`).
   *
   * @default - where the experiment goes when it names no namespace: the target's namespace when
   * the ChaosMeshApp sets `experimentsInTargetNamespace`, else 'chaos-mesh'
   */
  readonly chaosNamespace?: string;
}

/** Options for {@link ContainmentCheck.taskTemplate}. */
export type ContainmentTaskOptions = Pick<ContainmentTaskProps, 'name' | 'deadline'>;

/**
 * What the containment Task needs, in the Workflow's namespace: a dedicated ServiceAccount, its
 * token Secret (type `kubernetes.io/service-account-token`: the annotation names the account and
 * the token controller fills in the data; the manifest carries no secret), the script and a
 * kubeconfig in a ConfigMap (`containment-check-script`, emitted once per chaos
 * namespace and chart and shared by every check), and read-only RBAC:
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
  /**
   * The check for the experiment that will target `target`, the target's namespace, labels and
   * container names read from it (the check must exist before the experiment, which takes its
   * {@link taskTemplate} in `afterRecovery`).
   *
   * @example
   * const containment = ContainmentCheck.forTarget(app.platform, 'podinfo-memory-stress-containment', {
   *   experiment: 'podinfo-memory-stress', target: podinfo,
   * });
   */
  public static forTarget(scope: Construct, id: string, props: ContainmentTargetProps): ContainmentCheck {
    const owner = `ContainmentCheck.forTarget "${id}"`;
    const target = props.target;
    if (target === undefined || target === null || typeof target.selector !== 'function') {
      throw new Error(`${owner}: target must be a ChaosTarget (ChaosTarget.fromDeclaration(...) or ChaosTarget.fromWorkload(...)).`);
    }
    const containerNames = target.containerNames;
    return new ContainmentCheck(scope, id, {
      experiment: props.experiment,
      namespaces: [target.namespace],
      labels: target.labels,
      ...(containerNames === undefined ? {} : { containerNames }),
      ...(props.image === undefined ? {} : { image: props.image }),
      ...(props.chaosNamespace === undefined ? {} : { chaosNamespace: props.chaosNamespace }),
    });
  }

  public readonly serviceAccount: ApiObject;
  public readonly tokenSecret: ApiObject;
  /** The script and kubeconfig ConfigMap, shared with the other checks of the chaos namespace. */
  public readonly configMap: ApiObject;
  public readonly clusterRole: ApiObject;
  public readonly clusterRoleBinding: ApiObject;
  public readonly workflowRole: ApiObject;
  public readonly workflowRoleBinding: ApiObject;
  /** Namespace of the objects, which must be the Workflow's. */
  public readonly chaosNamespace: string;
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
    const namespace = checkNamespace(owner, 'chaosNamespace', props.chaosNamespace
      ?? (props.namespaces.length === 1 ? defaultExperimentNamespace(scope, props.namespaces[0]) : DEFAULT_CHAOS_NAMESPACE));
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
    this.chaosNamespace = namespace;
    this.configMap = sharedConfigMap(this, {
      name: this.names.configMap,
      namespace,
      labels: sharedLabels('containment-check'),
      data: { [CONTAINMENT_CHECK_SCRIPT]: this.script, [CONTAINMENT_KUBECONFIG_KEY]: containmentKubeconfig() },
      owner,
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
    ContainmentCheck.register(this);
  }

  /** The checks under each root, by token Secret name: how a Workflow's Task names its check. */
  private static readonly checksByRoot = new WeakMap<IConstruct, Map<string, ContainmentCheck[]>>();

  /**
   * Adds `check` to its root's registry; the first check of a root adds the one validation that
   * checks every Workflow of the app against the checks it runs (a walk and a render per
   * Workflow per synth, however many checks there are).
   */
  private static register(check: ContainmentCheck): void {
    const root = check.node.root;
    let checks = ContainmentCheck.checksByRoot.get(root);
    if (!checks) {
      checks = new Map();
      ContainmentCheck.checksByRoot.set(root, checks);
      const registry = checks;
      root.node.addValidation({ validate: () => ContainmentCheck.mismatchedWorkflows(root, registry) });
    }
    checks.set(check.names.tokenSecret, [...(checks.get(check.names.tokenSecret) ?? []), check]);
  }

  /**
   * Workflows of the app that run a check's Task but cannot use it as built. Reported at synth
   * (construct validation of the root: each message names the Workflow and the check).
   */
  private static mismatchedWorkflows(root: IConstruct, checks: ReadonlyMap<string, readonly ContainmentCheck[]>): string[] {
    const errors: string[] = [];
    for (const obj of root.node.findAll()) {
      if (!ApiObject.isApiObject(obj) || obj.kind !== 'Workflow' || obj.apiVersion !== 'chaos-mesh.org/v1alpha1') continue;
      const json = rendered(obj);
      const templates: any[] = Array.isArray(json.spec?.templates) ? json.spec.templates : [];
      const run = new Set<ContainmentCheck>();
      for (const t of templates) {
        if (t?.templateType !== 'Task' || !Array.isArray(t.task?.volumes)) continue;
        for (const v of t.task.volumes) for (const check of checks.get(v?.secret?.secretName) ?? []) run.add(check);
      }
      for (const check of run) errors.push(...check.mismatches(obj, json));
    }
    return errors;
  }

  /**
   * Why `workflow` (rendered as `json`), which runs this check's Task, cannot use it as built:
   * it runs from another namespace (the Task pod could not mount the token Secret and the
   * ConfigMap: a pod mounts only its own namespace's), or its fault is aimed at other pods or
   * containers than the check excludes (a stressed container the check does not know would count
   * as a node-mate, and its expected OOM kill as a containment failure).
   */
  private mismatches(workflow: ApiObject, json: any): string[] {
    const errors: string[] = [];
    const p = this.props;
    const watched = {
      namespaces: [...p.namespaces].sort().join(','),
      selector: selectorText('', p.labels),
      containers: [...(p.containerNames ?? [])].sort().join(','),
    };
    const where = `Workflow "${workflow.node.path}" runs the containment check "${this.node.path}"`;
    const namespace = json.metadata?.namespace;
    if (namespace !== this.chaosNamespace) {
      errors.push(`${where} from namespace "${namespace}", but the check's Secret and ConfigMap are in namespace `
        + `"${this.chaosNamespace}" and a Task pod mounts only its own namespace's. Build both in one namespace: `
        + `chaosNamespace: "${namespace}" on the check, or namespace: "${this.chaosNamespace}" on the experiment.`);
    }
    for (const body of faultBodies(json)) {
      const aimed = {
        namespaces: [...(body.selector.namespaces ?? [])].sort().join(','),
        selector: selectorOrMark(body.selector.labelSelectors),
        containers: [...(Array.isArray(body.containerNames) ? body.containerNames : [])].sort().join(','),
      };
      for (const key of ['namespaces', 'selector', 'containers'] as const) {
        if (aimed[key] !== watched[key]) {
          errors.push(`${where}, but its fault's ${key} "${aimed[key]}" differ from the check's "${watched[key]}": `
            + 'build both from the same target (ContainmentCheck.forTarget with the experiment\'s target, and the '
            + 'same containerNames).');
        }
      }
    }
    return errors;
  }

  /** The Workflow `Task` template for this experiment: a list of `afterRecovery` takes it. */
  public taskTemplate(options: ContainmentTaskOptions = {}): WorkflowTaskTemplate {
    const { chaosNamespace: _ignored, ...target } = this.props;
    return containmentCheckTask({ ...target, ...options });
  }
}

/** A fault's labelSelectors in the check's spelling, or "?" when they are not plain equality labels. */
function selectorOrMark(labels: unknown): string {
  try {
    return selectorText('', labels);
  } catch {
    return '?';
  }
}
