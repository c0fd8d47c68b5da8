import { Duration } from 'cdk8s';
import { isDnsLabel } from '../_k8s-names';
import { guardResources, restrictedContainerSecurityContext, SCRATCH_DIR, SCRATCH_SIZE } from './_pod-security';
import { checkContainerNames, checkExperimentName, checkImage, checkNamespaces, fail, selectorText } from './_validate';
import { GuardTargetProps } from './guard-target';
import { KUBECTL_IMAGE } from './kubectl-image';

/** File name of the containment script, in this folder and in its ConfigMap. */
export const CONTAINMENT_CHECK_SCRIPT = 'containment-check.sh';

/**
 * Name of the one ConfigMap (script and kubeconfig) in a chaos namespace that every containment
 * check of the namespace mounts.
 */
export const CONTAINMENT_SCRIPT_CONFIGMAP = 'containment-check-script';

/** ConfigMap key of the kubeconfig that points kubectl at the mounted token. */
export const CONTAINMENT_KUBECONFIG_KEY = 'kubeconfig';

/** Label Chaos Mesh puts on a Task's pod, naming the Workflow that spawned it. */
export const CHAOS_MESH_WORKFLOW_LABEL = 'chaos-mesh.org/workflow';

/** Object names of an experiment's containment check. */
export interface ContainmentCheckNames {
  /** ServiceAccount, its token Secret's owner. */
  readonly serviceAccount: string;
  /** The `kubernetes.io/service-account-token` Secret the Task mounts. */
  readonly tokenSecret: string;
  /** ConfigMap with the script and the kubeconfig: `containment-check-script`, shared. */
  readonly configMap: string;
  /** ClusterRole and ClusterRoleBinding (get/list pods cluster-wide). */
  readonly clusterRole: string;
  /** Role and RoleBinding in the chaos namespace (get workflows). */
  readonly role: string;
}

/** The names {@link ContainmentCheck} gives its objects for `experiment`. */
export function containmentCheckNames(experiment: string): ContainmentCheckNames {
  const name = `${checkExperimentName('containmentCheckNames', experiment)}-containment-check`;
  return {
    serviceAccount: name,
    tokenSecret: `${name}-token`,
    configMap: CONTAINMENT_SCRIPT_CONFIGMAP,
    clusterRole: `cdk8s-chaos-mesh:${name}`,
    role: name,
  };
}

export interface ContainmentTaskProps extends GuardTargetProps {
  /**
   * Template name in the Workflow.
   *
   * @default 'containment-check'
   */
  readonly name?: string;
  /**
   * The Task's `deadline`: a stuck check (API server unreachable) does not keep the Workflow
   * running. The script itself needs seconds.
   *
   * @default Duration.minutes(5)
   */
  readonly deadline?: Duration;
}

/** A Chaos Mesh Workflow `Task` template as plain JSON (`spec.templates[]`). */
export interface WorkflowTaskTemplate {
  readonly name: string;
  readonly templateType: 'Task';
  /** Go duration text. */
  readonly deadline: string;
  readonly task: {
    readonly container: Record<string, unknown>;
    readonly volumes: Record<string, unknown>[];
  };
  readonly [field: string]: unknown;
}

const SCRIPT_DIR = '/opt/containment-check';
const TOKEN_DIR = '/var/run/secrets/containment-check';

/**
 * The kubeconfig the Task's kubectl uses: the API server by its in-cluster name, the mounted
 * token file and CA. Static (no secret in it), so it ships in the ConfigMap.
 */
export function containmentKubeconfig(): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '  - name: in-cluster',
    '    cluster:',
    '      server: https://kubernetes.default.svc',
    `      certificate-authority: ${TOKEN_DIR}/ca.crt`,
    'users:',
    '  - name: containment-check',
    '    user:',
    `      tokenFile: ${TOKEN_DIR}/token`,
    'contexts:',
    '  - name: containment-check',
    '    context:',
    '      cluster: in-cluster',
    '      user: containment-check',
    'current-context: containment-check',
    '',
  ].join('\n');
}

/**
 * The containment check as a Workflow `Task` template, to run after the recovery phase of a
 * memory stress experiment (pass it to the experiment's `afterRecovery`). The Task's pod finds
 * the nodes the target pods run on and fails (exit 1, one line per node-mate) when, since the
 * Workflow started, a container other than the targeted ones restarted or was OOM-killed, or a
 * non-target pod was evicted; a failed run of a `restartPolicy: Never` pod (a Job whose probe
 * missed a threshold) is only noted. On success it prints how many node-mate containers it checked.
 *
 * It needs the objects of a {@link ContainmentCheck} for the same experiment in the Workflow's
 * namespace: a Task pod has no `serviceAccountName` in Chaos Mesh 2.8.2 and would run as the
 * namespace's `default` account, which is granted nothing; the Task instead mounts the token
 * Secret of its own read-only ServiceAccount and points kubectl at it with a kubeconfig.
 *
 * The Workflow's name is content-hashed, so it is not written here: the pod reads it from its
 * own `chaos-mesh.org/workflow` label (downward API), and the Workflow's start time live.
 *
 * Note that a Task's exit code does not fail a Chaos Mesh Workflow: the verdict is the Task
 * pod's status and log (`kubectl logs -n <chaos-ns> -l chaos-mesh.org/workflow=<name>`).
 */
export function containmentCheckTask(props: ContainmentTaskProps): WorkflowTaskTemplate {
  const owner = 'containmentCheckTask';
  const experiment = checkExperimentName(owner, props.experiment);
  const namespaces = checkNamespaces(owner, props.namespaces);
  const selector = selectorText(owner, props.labels);
  const containers = checkContainerNames(owner, props.containerNames);
  const image = checkImage(owner, props.image ?? KUBECTL_IMAGE);
  const name = props.name ?? 'containment-check';
  if (!isDnsLabel(name)) {
    fail(owner, `name ${JSON.stringify(name)} must be a lowercase DNS label of at most 63 characters.`);
  }
  const deadlineSeconds = (props.deadline ?? Duration.minutes(5)).toSeconds({ integral: false });
  if (!Number.isSafeInteger(deadlineSeconds) || deadlineSeconds < 1) {
    fail(owner, `deadline must be a whole number of seconds, at least 1 (got ${deadlineSeconds}s).`);
  }
  const names = containmentCheckNames(experiment);

  const env: Record<string, unknown>[] = [
    { name: 'HOME', value: SCRATCH_DIR },
    { name: 'KUBECONFIG', value: `${SCRIPT_DIR}/${CONTAINMENT_KUBECONFIG_KEY}` },
    { name: 'CONTAINMENT_EXPERIMENT', value: experiment },
    { name: 'CONTAINMENT_NAMESPACES', value: namespaces.join(',') },
    { name: 'CONTAINMENT_SELECTOR', value: selector },
  ];
  if (containers.length > 0) env.push({ name: 'CONTAINMENT_CONTAINERS', value: containers.join(',') });
  env.push(
    { name: 'CONTAINMENT_WORKFLOW', valueFrom: { fieldRef: { fieldPath: `metadata.labels['${CHAOS_MESH_WORKFLOW_LABEL}']` } } },
    { name: 'CONTAINMENT_WORKFLOW_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
  );

  return {
    name,
    templateType: 'Task',
    deadline: `${deadlineSeconds}s`,
    task: {
      container: {
        name: 'containment-check',
        image,
        imagePullPolicy: 'IfNotPresent',
        command: ['/bin/sh', `${SCRIPT_DIR}/${CONTAINMENT_CHECK_SCRIPT}`],
        env,
        resources: guardResources(),
        securityContext: restrictedContainerSecurityContext(),
        terminationMessagePolicy: 'FallbackToLogsOnError',
        volumeMounts: [
          { name: 'script', mountPath: SCRIPT_DIR, readOnly: true },
          { name: 'token', mountPath: TOKEN_DIR, readOnly: true },
          { name: 'scratch', mountPath: SCRATCH_DIR },
        ],
      },
      volumes: [
        { name: 'script', configMap: { name: names.configMap, defaultMode: 0o444 } },
        // 0444: a Task has no pod securityContext (no fsGroup), so files must be world-readable
        // for the non-root UID; nothing else runs in the pod.
        { name: 'token', secret: { secretName: names.tokenSecret, defaultMode: 0o444 } },
        { name: 'scratch', emptyDir: { sizeLimit: SCRATCH_SIZE } },
      ],
    },
  };
}
