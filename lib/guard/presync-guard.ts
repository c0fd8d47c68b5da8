import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { guardLabels, preSyncHookAnnotations } from './_argocd';
import { guardResources, restrictedContainerSecurityContext, restrictedPodSecurityContext, SCRATCH_DIR, SCRATCH_SIZE } from './_pod-security';
import { readGuardScript } from './_script';
import {
  checkContainerNames, checkExperimentName, checkImage, checkNamespace, checkNamespaces, checkPositiveInteger,
  checkQuantity, fail, selectorText,
} from './_validate';
import { GuardTargetProps } from './guard-target';
import { KUBECTL_IMAGE } from './kubectl-image';

/** File name of the guard script, in this folder and in its ConfigMap. */
export const PRESYNC_GUARD_SCRIPT = 'presync-guard.sh';

/** Where the guard's supporting objects (ServiceAccount, Roles, RoleBindings, ConfigMap) go. */
export enum GuardSupportPlacement {
  /**
   * Plain objects in `supportScope`, meant to be the auto-synced platform app: they exist before
   * any experiment sync, are reviewed with the other RBAC, and are pruned with the experiment.
   */
  SUPPORT_SCOPE = 'support-scope',
  /**
   * PreSync hooks one wave before the Job, next to it: the experiment app is self-contained, but
   * ArgoCD never prunes hooks, so removed experiments leave their RBAC behind.
   */
  PRESYNC_HOOKS = 'presync-hooks',
}

export interface PresyncGuardProps extends GuardTargetProps {
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

/** Object names of an experiment's guard (all objects share one name, in different kinds). */
export interface PresyncGuardNames {
  readonly job: string;
  readonly serviceAccount: string;
  readonly configMap: string;
  /** Name of the Role and of the RoleBinding in each target namespace. */
  readonly role: string;
}

/** The names {@link PresyncGuard} gives its objects for `experiment`. */
export function presyncGuardNames(experiment: string): PresyncGuardNames {
  const name = `${checkExperimentName('presyncGuardNames', experiment)}-presync-guard`;
  return { job: name, serviceAccount: name, configMap: name, role: name };
}

const SCRIPT_DIR = '/opt/presync-guard';

/**
 * An ArgoCD PreSync hook Job that checks an experiment's live target before the experiment is
 * applied, and fails the sync when it does not hold what the experiment declares: no matching
 * Deployment/StatefulSet/DaemonSet, fewer ready replicas than declared, or (memory stress) a
 * targeted container without a memory limit or with a smaller one than declared.
 *
 * Placement: the hook Job ({@link job}) belongs with the experiment (`dist/experiments`, the
 * manually synced app). The supporting objects ({@link supportObjects}) go to `supportScope`,
 * normally the platform chart (`dist/platform`); see {@link PresyncGuardProps.supportScope}.
 *
 * Least privilege: the ServiceAccount lives in the guard namespace; in each target namespace a
 * Role grants only `get`/`list` on what the script reads: Deployments, StatefulSets and
 * DaemonSets, plus ReplicaSets and Pods when memory limits are checked.
 */
export class PresyncGuard extends Construct {
  /** The hook Job (`node.defaultChild`). */
  public readonly job: ApiObject;
  public readonly serviceAccount: ApiObject;
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

  constructor(scope: Construct, id: string, props: PresyncGuardProps) {
    super(scope, id);
    const owner = `PresyncGuard "${id}"`;
    const experiment = checkExperimentName(owner, props.experiment);
    const namespaces = checkNamespaces(owner, props.namespaces);
    const selector = selectorText(owner, props.labels);
    const containers = checkContainerNames(owner, props.containerNames);
    const replicas = checkPositiveInteger(owner, 'replicas', props.replicas);
    const image = checkImage(owner, props.image ?? KUBECTL_IMAGE);
    const guardNamespace = checkNamespace(owner, 'guardNamespace', props.guardNamespace ?? 'chaos-probes');
    const checkMemory = props.checkMemoryLimit ?? props.memoryLimit !== undefined;
    if (checkMemory && props.memoryLimit === undefined) {
      fail(owner, 'checkMemoryLimit is true but memoryLimit is not set: give the declared smallest memory limit, '
        + 'e.g. memoryLimit: "256Mi".');
    }
    const memoryLimit = props.memoryLimit === undefined ? undefined : checkQuantity(owner, 'memoryLimit', props.memoryLimit);
    const wave = props.syncWave ?? -1;
    if (!Number.isSafeInteger(wave)) fail(owner, `syncWave ${JSON.stringify(wave)} must be a whole number.`);
    const deadline = wholeSeconds(owner, 'activeDeadline', props.activeDeadline ?? Duration.minutes(5));
    const ttl = wholeSeconds(owner, 'ttlAfterFinished', props.ttlAfterFinished ?? Duration.days(1));

    this.names = presyncGuardNames(experiment);
    const name = this.names.job;
    this.script = readGuardScript(PRESYNC_GUARD_SCRIPT);
    const labels = guardLabels('presync-guard', experiment);

    this.supportPlacement = props.supportScope ? GuardSupportPlacement.SUPPORT_SCOPE : GuardSupportPlacement.PRESYNC_HOOKS;
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
    this.configMap = new ApiObject(supportParent, 'Script', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(guardNamespace),
      data: { [PRESYNC_GUARD_SCRIPT]: this.script },
    });

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

    const env: { name: string; value: string }[] = [
      { name: 'HOME', value: SCRATCH_DIR },
      { name: 'GUARD_EXPERIMENT', value: experiment },
      { name: 'GUARD_NAMESPACES', value: namespaces.join(',') },
      { name: 'GUARD_SELECTOR', value: selector },
      { name: 'GUARD_REPLICAS', value: String(replicas) },
      { name: 'GUARD_CHECK_MEMORY_LIMIT', value: String(checkMemory) },
    ];
    if (memoryLimit !== undefined) env.push({ name: 'GUARD_MEMORY_LIMIT', value: memoryLimit });
    if (containers.length > 0) env.push({ name: 'GUARD_CONTAINERS', value: containers.join(',') });

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
              env,
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
              { name: 'script', configMap: { name, defaultMode: 0o444 } },
              { name: 'scratch', emptyDir: { sizeLimit: SCRATCH_SIZE } },
            ],
          },
        },
      },
    });
  }
}

function wholeSeconds(owner: string, prop: string, d: Duration): number {
  const s = d.toSeconds({ integral: false });
  if (!Number.isSafeInteger(s) || s < 1) fail(owner, `${prop} must be a whole number of seconds, at least 1 (got ${s}s).`);
  return s;
}
