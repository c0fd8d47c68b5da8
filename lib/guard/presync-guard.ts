import { ApiObject, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import type { ChaosExperiment } from '../experiments';
import { guardLabels, preSyncHookAnnotations, sharedLabels } from './_argocd';
import { guardTargetsOf, nthTargetName } from './_experiment-facts';
import { guardResources, restrictedContainerSecurityContext, restrictedPodSecurityContext, SCRATCH_DIR, SCRATCH_SIZE } from './_pod-security';
import { readGuardScript } from './_script';
import { sharedConfigMap } from '../shared-config-map';
import {
  checkContainerNames, checkExperimentName, checkImage, checkNamespace, checkNamespaces, checkPositiveInteger,
  checkQuantity, fail, selectorText,
} from './_validate';
import { GuardTargetProps } from './guard-target';
import { KUBECTL_IMAGE } from './kubectl-image';

/** File name of the guard script, in this folder and in its ConfigMap. */
export const PRESYNC_GUARD_SCRIPT = 'presync-guard.sh';

/** Name of the one script ConfigMap every guard of a guard namespace mounts (with a `supportScope`). */
export const PRESYNC_GUARD_SCRIPT_CONFIGMAP = 'presync-guard-script';

/** Where the guard's supporting objects (ServiceAccount, Roles, RoleBindings, ConfigMap) go. */
export enum GuardSupportPlacement {
  /**
   * Plain objects in `supportScope`, meant to be the auto-synced platform app: they exist before
   * any experiment sync, are reviewed with the other RBAC, and are pruned with the experiment.
   */
  SUPPORT_SCOPE = 'support-scope',
  /**
   * PreSync hooks one wave before the Job, next to it: the experiment app is self-contained, but
   * ArgoCD never prunes hooks, so removed experiments leave their RBAC behind. The script
   * ConfigMap is then the guard's own (a hook belongs to one Application's sync, so it cannot be
   * shared between experiments synced separately).
   */
  PRESYNC_HOOKS = 'presync-hooks',
}

/**
 * Where and how the guard runs: everything but the target (for {@link PresyncGuard.forExperiment},
 * which reads the target from the experiment).
 */
export interface PresyncGuardOptions extends Pick<GuardTargetProps, 'image'> {
  /**
   * Namespace the Job and its ServiceAccount run in: one at Pod Security "restricted".
   *
   * @default 'chaos-probes'
   */
  readonly guardNamespace?: string;
  /**
   * Scope for the ServiceAccount, the Roles and RoleBindings (one per target namespace) and the
   * script ConfigMap: normally the chart written to `dist/platform`.
   *
   * Why not next to the Job: a PreSync hook runs before the sync applies any normal resource, so
   * objects the Job needs must already exist (platform app, auto-synced) or be hooks themselves
   * in an earlier wave. Only the first keeps RBAC with the other RBAC for review and lets ArgoCD
   * prune it; the objects are read-only and inert, so syncing them automatically is harmless.
   *
   * @default - the Job's own scope, as PreSync hooks one wave before the Job
   */
  readonly supportScope?: Construct;
  /**
   * ArgoCD sync wave of the hook Job among the PreSync hooks (support objects placed as hooks
   * take the wave before). Hooks run before every normal resource of the sync anyway; the wave
   * orders the guard before other PreSync hooks, so a failed guard stops them too.
   *
   * @default -1
   */
  readonly syncWave?: number;
  /**
   * Upper bound on the Job, image pull included (`activeDeadlineSeconds`).
   *
   * @default Duration.minutes(5)
   */
  readonly activeDeadline?: Duration;
  /**
   * How long the finished Job (and its log) stays (`ttlSecondsAfterFinished`). Not short: ArgoCD
   * can miss the completion of a hook whose Job the TTL controller already deleted
   * (argoproj/argo-cd#21055), and a failed guard's log is the reason the sync stopped.
   *
   * @default Duration.days(1)
   */
  readonly ttlAfterFinished?: Duration;
}

export interface PresyncGuardProps extends GuardTargetProps, PresyncGuardOptions {
  /**
   * The replica count the experiment declares (`cdk8s-chaos-mesh.io/target-replicas`); the sync
   * fails when fewer replicas are ready.
   */
  readonly replicas: number;
  /**
   * The smallest memory limit the experiment declares (`cdk8s-chaos-mesh.io/target-memory-limit`),
   * a Kubernetes quantity such as `"256Mi"`.
   *
   * @default - none; required when `checkMemoryLimit` is true
   */
  readonly memoryLimit?: string;
  /**
   * Check every targeted container's live memory limit: present, and not smaller than
   * `memoryLimit`. For memory stress experiments; the guard then also reads pods and
   * ReplicaSets (and its Roles allow that).
   *
   * @default - true when `memoryLimit` is given
   */
  readonly checkMemoryLimit?: boolean;
}

/** Object names of an experiment's guard. */
export interface PresyncGuardNames {
  /** The hook Job (`<experiment>-presync-guard`). */
  readonly job: string;
  readonly serviceAccount: string;
  /** Name of the Role and of the RoleBinding in each target namespace. */
  readonly role: string;
  /**
   * The script ConfigMap: `presync-guard-script`, shared by every guard of the
   * guard namespace, when the support objects have a `supportScope`; the guard's own name when
   * they are PreSync hooks (hooks belong to one Application's sync, so they are not shared).
   */
  readonly configMap: string;
}

/** The names {@link PresyncGuard} gives its objects for `experiment` (`placement`: see {@link PresyncGuardNames.configMap}). */
export function presyncGuardNames(
  experiment: string, placement: GuardSupportPlacement = GuardSupportPlacement.SUPPORT_SCOPE,
): PresyncGuardNames {
  const name = `${checkExperimentName('presyncGuardNames', experiment)}-presync-guard`;
  const configMap = placement === GuardSupportPlacement.SUPPORT_SCOPE ? PRESYNC_GUARD_SCRIPT_CONFIGMAP : name;
  return { job: name, serviceAccount: name, role: name, configMap };
}

const SCRIPT_DIR = '/opt/presync-guard';

/** The target as the script reads it: validated, in the environment's spelling. @hidden */
interface GuardFacts {
  readonly experiment: string;
  readonly namespaces: string[];
  readonly selector: string;
  readonly containers: string[];
  readonly replicas: number;
  readonly checkMemory: boolean;
  readonly memoryLimit?: string;
}

/** @hidden (private to this module; kept out of the API reference) */
type GuardTarget = Pick<PresyncGuardProps,
'experiment' | 'namespaces' | 'labels' | 'containerNames' | 'replicas' | 'memoryLimit' | 'checkMemoryLimit'>;

function guardFacts(owner: string, props: GuardTarget): GuardFacts {
  const checkMemory = props.checkMemoryLimit ?? props.memoryLimit !== undefined;
  if (checkMemory && props.memoryLimit === undefined) {
    fail(owner, 'checkMemoryLimit is true but memoryLimit is not set: give the declared smallest memory limit, '
      + 'e.g. memoryLimit: "256Mi".');
  }
  return {
    experiment: checkExperimentName(owner, props.experiment),
    namespaces: checkNamespaces(owner, props.namespaces),
    selector: selectorText(owner, props.labels),
    containers: checkContainerNames(owner, props.containerNames),
    replicas: checkPositiveInteger(owner, 'replicas', props.replicas),
    checkMemory,
    memoryLimit: props.memoryLimit === undefined ? undefined : checkQuantity(owner, 'memoryLimit', props.memoryLimit),
  };
}

function guardEnv(facts: GuardFacts): { name: string; value: string }[] {
  const env = [
    { name: 'HOME', value: SCRATCH_DIR },
    { name: 'GUARD_EXPERIMENT', value: facts.experiment },
    { name: 'GUARD_NAMESPACES', value: facts.namespaces.join(',') },
    { name: 'GUARD_SELECTOR', value: facts.selector },
    { name: 'GUARD_REPLICAS', value: String(facts.replicas) },
    { name: 'GUARD_CHECK_MEMORY_LIMIT', value: String(facts.checkMemory) },
  ];
  if (facts.memoryLimit !== undefined) env.push({ name: 'GUARD_MEMORY_LIMIT', value: facts.memoryLimit });
  if (facts.containers.length > 0) env.push({ name: 'GUARD_CONTAINERS', value: facts.containers.join(',') });
  return env;
}

/**
 * An ArgoCD PreSync hook Job that checks an experiment's live target before the experiment is
 * applied, and fails the sync when it does not hold what the experiment declares: no matching
 * Deployment/StatefulSet/DaemonSet, fewer ready replicas than declared, or (memory stress) a
 * targeted container without a memory limit or with a smaller one than declared.
 *
 * Prefer {@link PresyncGuard.forExperiment}: it reads every fact from the experiment, so the
 * guard cannot check something other than what the experiment declares.
 *
 * Placement: the hook Job ({@link job}) belongs with the experiment (`dist/experiments`, the
 * manually synced app). The supporting objects ({@link supportObjects}) go to `supportScope`,
 * normally the platform chart (`dist/platform`); see {@link PresyncGuardOptions.supportScope}.
 * There the script ConfigMap is emitted once per guard namespace and chart
 * (`presync-guard-script`), shared by every guard.
 *
 * Least privilege: the ServiceAccount lives in the guard namespace; in each target namespace a
 * Role grants only `get`/`list` on what the script reads: Deployments, StatefulSets and
 * DaemonSets, plus ReplicaSets and Pods when memory limits are checked.
 */
export class PresyncGuard extends Construct {
  /**
   * The guard for `experiment`, every fact read from it: the readable name, the target's
   * namespace, labels and replica count, and, exactly when the experiment is a memory stress
   * (a BoundedSchedule of one included), the target's memory limit and the stressed containers.
   * Refuses a memory stress whose target has no known memory limit, and a target whose replica
   * count is unknown. A workload target's facts are read again at synth, as the experiment
   * reads them for its annotations.
   *
   * @example
   * PresyncGuard.forExperiment(experiment, 'guard', experiment, { guardNamespace: 'chaos-probes', supportScope: app.platform });
   */
  public static forExperiment(
    scope: Construct, id: string, experiment: ChaosExperiment, options: PresyncGuardOptions = {},
  ): PresyncGuard {
    return PresyncGuard.forTarget(scope, id, experiment, 0, options);
  }

  /**
   * One guard per target of `experiment` (a GameDay's steps may aim at several workloads), each
   * as {@link forExperiment} builds it: the first with id `id` and the experiment's name, the
   * N-th with id and name suffixed `-t<N>`. Each checks the union of the facts its target's
   * faults need (the memory limit as soon as one of them is a memory stress).
   */
  public static forEveryTarget(
    scope: Construct, id: string, experiment: ChaosExperiment, options: PresyncGuardOptions = {},
  ): PresyncGuard[] {
    return experiment.targets.map((_, i) => PresyncGuard.forTarget(scope, nthTargetName(id, i), experiment, i, options));
  }

  private static forTarget(
    scope: Construct, id: string, experiment: ChaosExperiment, index: number, options: PresyncGuardOptions,
  ): PresyncGuard {
    const owner = `PresyncGuard.forExperiment "${scope.node.path ? `${scope.node.path}/${id}` : id}"`;
    const guard = new PresyncGuard(scope, id, { ...options, ...guardTargetsOf(owner, experiment)[index] });
    guard.liveTarget = () => guardTargetsOf(owner, experiment)[index];
    return guard;
  }

  /** The hook Job (`node.defaultChild`). */
  public readonly job: ApiObject;
  public readonly serviceAccount: ApiObject;
  /** The script ConfigMap (shared with the other guards of the namespace when there is a `supportScope`). */
  public readonly configMap: ApiObject;
  /** One Role per target namespace. */
  public readonly roles: ApiObject[];
  /** One RoleBinding per target namespace. */
  public readonly roleBindings: ApiObject[];
  /** ServiceAccount, ConfigMap, Roles and RoleBindings: everything but the Job. */
  public readonly supportObjects: ApiObject[];
  public readonly supportPlacement: GuardSupportPlacement;
  public readonly names: PresyncGuardNames;
  /** The script, byte for byte as in the ConfigMap. */
  public readonly script: string;
  /** The facts written into the Job, as read at construction. */
  private readonly facts: GuardFacts;
  /** Set by {@link forExperiment}: the facts re-read at synth. */
  private liveTarget?: () => GuardTarget;

  constructor(scope: Construct, id: string, props: PresyncGuardProps) {
    super(scope, id);
    const owner = `PresyncGuard "${id}"`;
    const facts = guardFacts(owner, props);
    this.facts = facts;
    const { experiment, namespaces, checkMemory } = facts;
    const image = checkImage(owner, props.image ?? KUBECTL_IMAGE);
    const guardNamespace = checkNamespace(owner, 'guardNamespace', props.guardNamespace ?? 'chaos-probes');
    const wave = props.syncWave ?? -1;
    if (!Number.isSafeInteger(wave)) fail(owner, `syncWave ${JSON.stringify(wave)} must be a whole number.`);
    const deadline = wholeSeconds(owner, 'activeDeadline', props.activeDeadline ?? Duration.minutes(5));
    const ttl = wholeSeconds(owner, 'ttlAfterFinished', props.ttlAfterFinished ?? Duration.days(1));

    this.supportPlacement = props.supportScope ? GuardSupportPlacement.SUPPORT_SCOPE : GuardSupportPlacement.PRESYNC_HOOKS;
    this.names = presyncGuardNames(experiment, this.supportPlacement);
    const name = this.names.job;
    this.script = readGuardScript(PRESYNC_GUARD_SCRIPT);
    const labels = guardLabels('presync-guard', experiment);

    const supportParent = props.supportScope ? new Construct(props.supportScope, `${experiment}-presync-guard`) : this;
    const supportAnnotations = props.supportScope ? undefined : preSyncHookAnnotations(wave - 1);
    const meta = (namespace: string) => ({
      name, namespace, labels, ...(supportAnnotations ? { annotations: supportAnnotations } : {}),
    });

    this.serviceAccount = new ApiObject(supportParent, 'ServiceAccount', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: meta(guardNamespace),
      automountServiceAccountToken: false,
    });
    const data = { [PRESYNC_GUARD_SCRIPT]: this.script };
    this.configMap = props.supportScope
      ? sharedConfigMap(props.supportScope, {
        name: this.names.configMap, namespace: guardNamespace, data, labels: sharedLabels('presync-guard'), owner,
      })
      : new ApiObject(this, 'Script', { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(guardNamespace), data });

    const rules: Record<string, unknown>[] = [{
      apiGroups: ['apps'],
      resources: checkMemory ? ['daemonsets', 'deployments', 'replicasets', 'statefulsets'] : ['daemonsets', 'deployments', 'statefulsets'],
      verbs: ['get', 'list'],
    }];
    if (checkMemory) rules.push({ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] });
    this.roles = [];
    this.roleBindings = [];
    for (const ns of namespaces) {
      this.roles.push(new ApiObject(supportParent, `Role-${ns}`, {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: meta(ns),
        rules,
      }));
      this.roleBindings.push(new ApiObject(supportParent, `RoleBinding-${ns}`, {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: meta(ns),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
        subjects: [{ kind: 'ServiceAccount', name, namespace: guardNamespace }],
      }));
    }
    this.supportObjects = [this.serviceAccount, this.configMap, ...this.roles, ...this.roleBindings];

    this.job = new ApiObject(this, 'Resource', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name, namespace: guardNamespace, labels, annotations: preSyncHookAnnotations(wave) },
      spec: {
        activeDeadlineSeconds: deadline,
        backoffLimit: 0,
        ttlSecondsAfterFinished: ttl,
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: true,
            containers: [{
              name: 'presync-guard',
              image,
              imagePullPolicy: 'IfNotPresent',
              command: ['/bin/sh', `${SCRIPT_DIR}/${PRESYNC_GUARD_SCRIPT}`],
              env: Lazy.any({ produce: () => guardEnv(this.currentFacts(owner)) }),
              resources: guardResources(),
              securityContext: restrictedContainerSecurityContext(),
              terminationMessagePolicy: 'FallbackToLogsOnError',
              volumeMounts: [
                { name: 'script', mountPath: SCRIPT_DIR, readOnly: true },
                { name: 'scratch', mountPath: SCRATCH_DIR },
              ],
            }],
            enableServiceLinks: false,
            restartPolicy: 'Never',
            securityContext: restrictedPodSecurityContext(),
            serviceAccountName: name,
            volumes: [
              { name: 'script', configMap: { name: this.names.configMap, defaultMode: 0o444 } },
              { name: 'scratch', emptyDir: { sizeLimit: SCRATCH_SIZE } },
            ],
          },
        },
      },
    });
  }

  /**
   * The facts for the Job's environment: as constructed, or (from {@link forExperiment}) re-read
   * from the experiment. Names, namespaces and the memory check shaped the objects and the
   * RBAC, so they may not change after construction.
   */
  private currentFacts(owner: string): GuardFacts {
    if (!this.liveTarget) return this.facts;
    const now = guardFacts(owner, this.liveTarget());
    const was = this.facts;
    if (now.experiment !== was.experiment || now.namespaces.join() !== was.namespaces.join() || now.checkMemory !== was.checkMemory) {
      fail(owner, `the experiment changed after the guard was built (name "${was.experiment}" -> "${now.experiment}", `
        + `namespaces "${was.namespaces.join()}" -> "${now.namespaces.join()}", memory check ${was.checkMemory} -> `
        + `${now.checkMemory}): build the guard after the experiment is complete.`);
    }
    return now;
  }
}

function wholeSeconds(owner: string, prop: string, d: Duration): number {
  const s = d.toSeconds({ integral: false });
  if (!Number.isSafeInteger(s) || s < 1) fail(owner, `${prop} must be a whole number of seconds, at least 1 (got ${s}s).`);
  return s;
}
