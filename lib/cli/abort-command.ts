/**
 * `cdk8s-chaos-mesh abort EXPERIMENT [--namespace N] [--dry-run]`
 *
 * Stops an experiment now, through `kubectl`: every chaos object first gets the pause
 * annotation (Chaos Mesh recovers the fault and injects nothing more while paused), then the
 * running Workflow and the standalone objects are deleted. A Workflow has no pause of its own
 * in Chaos Mesh 2.8.2 (no spec field, and `IsPaused` is only generated for chaos kinds and
 * Schedules), so it is deleted; the deletion cascades to its WorkflowNodes and to the chaos,
 * Schedules and StatusChecks they own, whose finalizers recover what is still injected.
 *
 * Exit 0: something was stopped (or was already finished); 1: nothing carries the label;
 * 2: bad arguments or a failing kubectl.
 */
import { spawnSync } from 'child_process';
import { isDnsLabel } from '../_k8s-names';
import { ChaosKind } from '../experiments/_fault';
import { EXPERIMENT_LABEL, MAX_READABLE_NAME_LENGTH } from '../experiments/base';
import { CHAOS_MESH_WORKFLOW_LABEL } from '../guard/containment-task';

export interface AbortIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const ABORT_USAGE = `Usage: cdk8s-chaos-mesh abort EXPERIMENT [--namespace N] [--dry-run]

Stops the experiment EXPERIMENT now: pauses its chaos objects (annotation
experiment.chaos-mesh.org/pause=true), then deletes its running Workflow and its standalone
chaos objects and Schedules, all found by the label ${EXPERIMENT_LABEL}=EXPERIMENT.
Runs kubectl with the current context; prints every action.

Options:
  --namespace N, -n N   look only in namespace N (default: all namespaces)
  --dry-run             print what would be done; change nothing
  --help                show this help

Exit 0: stopped (or already finished); 1: nothing carries the label; 2: bad arguments or a
failing kubectl.
`;

/** Chaos Mesh's pause annotation (api/v1alpha1 PauseAnnotationKey), read by `IsPaused` of chaos kinds and Schedules. */
const PAUSE_ANNOTATION = 'experiment.chaos-mesh.org/pause';
const GROUP = 'chaos-mesh.org';
/** Everything that can inject a fault: every chaos kind, and Schedules (which spawn chaos). */
const PAUSABLE_RESOURCES = [...Object.values(ChaosKind), 'Schedule'].map((kind) => `${kind.toLowerCase()}.${GROUP}`).join(',');
const WORKFLOW_RESOURCE = `workflow.${GROUP}`;

class UsageError extends Error {}
class KubectlError extends Error {}

interface AbortArgs {
  experiment?: string;
  namespace?: string;
  dryRun: boolean;
  help: boolean;
}

interface KubeItem {
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace: string };
  readonly status?: { readonly conditions?: ReadonlyArray<{ readonly type?: string; readonly status?: string }> };
}

function parseArgs(argv: readonly string[]): AbortArgs {
  const args: AbortArgs = { dryRun: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--dry-run') args.dryRun = true;
    else if (arg === '--namespace' || arg === '-n' || arg.startsWith('--namespace=')) {
      const value = arg.startsWith('--namespace=') ? arg.slice('--namespace='.length) : argv[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      if (!isDnsLabel(value)) throw new UsageError(`--namespace "${value}" is not a namespace name (a DNS-1123 label: lowercase letters, digits and "-")`);
      args.namespace = value;
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option "${arg}"`);
    else if (args.experiment !== undefined) throw new UsageError(`one experiment at a time (got "${args.experiment}" and "${arg}")`);
    else args.experiment = arg;
  }
  return args;
}

function kubectl(args: readonly string[]): string {
  const r = spawnSync('kubectl', args, { encoding: 'utf8', env: process.env, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new KubectlError(code === 'ENOENT' ? 'kubectl is not on PATH' : `kubectl could not run: ${r.error.message}`);
  }
  if (r.status !== 0) {
    throw new KubectlError(`"kubectl ${args.join(' ')}" failed (exit ${r.status ?? r.signal}): ${r.stderr.trim() || 'no message'}`);
  }
  return r.stdout;
}

function list(resources: string, selector: string, namespace: string | undefined): KubeItem[] {
  const args = ['get', resources, '-l', selector, ...(namespace ? ['-n', namespace] : ['--all-namespaces']), '-o', 'json'];
  const out = kubectl(args);
  let items: unknown;
  try {
    items = JSON.parse(out).items;
  } catch {
    throw new KubectlError(`"kubectl ${args.join(' ')}" did not print a JSON list`);
  }
  if (!Array.isArray(items)) throw new KubectlError(`"kubectl ${args.join(' ')}" printed no "items" list`);
  return items as KubeItem[];
}

/** A Workflow is over once Chaos Mesh sets its `Accomplished` condition to True. */
function accomplished(workflow: KubeItem): boolean {
  return (workflow.status?.conditions ?? []).some((c) => c.type === 'Accomplished' && c.status === 'True');
}

const ref = (item: KubeItem) => `${item.kind.toLowerCase()}.${GROUP}/${item.metadata.name}`;

/** Runs `abort`; returns the exit code. */
export async function runAbort(argv: string[], io: AbortIO): Promise<number> {
  let args: AbortArgs;
  try {
    args = parseArgs(argv);
    if (!args.help && args.experiment === undefined) throw new UsageError('no experiment given');
    if (!args.help && !isDnsLabel(args.experiment, MAX_READABLE_NAME_LENGTH)) {
      throw new UsageError(`"${args.experiment}" is not an experiment name (the value of the ${EXPERIMENT_LABEL} label: `
        + `a DNS-1123 label of at most ${MAX_READABLE_NAME_LENGTH} characters)`);
    }
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`cdk8s-chaos-mesh abort: ${err.message}\nRun "cdk8s-chaos-mesh abort --help" for usage.\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(ABORT_USAGE);
    return 0;
  }
  const experiment = args.experiment!;
  const would = args.dryRun ? 'would ' : '';
  const act = (verb: string, item: KubeItem, kubectlArgs: string[]) => {
    io.stdout(`${would}${verb} ${item.metadata.namespace}/${ref(item)}\n`);
    if (!args.dryRun) kubectl(kubectlArgs);
  };
  const pause = (item: KubeItem) => act('pause', item,
    ['annotate', '--overwrite', '-n', item.metadata.namespace, ref(item), `${PAUSE_ANNOTATION}=true`]);
  const remove = (item: KubeItem) => act('delete', item,
    ['delete', '-n', item.metadata.namespace, ref(item), '--ignore-not-found', '--wait=false']);

  try {
    const selector = `${EXPERIMENT_LABEL}=${experiment}`;
    const workflows = list(WORKFLOW_RESOURCE, selector, args.namespace);
    const standalone = list(PAUSABLE_RESOURCES, selector, args.namespace);
    if (workflows.length === 0 && standalone.length === 0) {
      const where = args.namespace ? `namespace ${args.namespace}` : 'any namespace';
      io.stderr(`cdk8s-chaos-mesh abort: nothing in ${where} carries the label ${selector}: no experiment "${experiment}" `
        + 'runs there (check the name, the namespace and the kubectl context).\n');
      return 1;
    }
    const running = workflows.filter((w) => !accomplished(w));
    for (const w of workflows.filter(accomplished)) {
      io.stdout(`${w.metadata.namespace}/${ref(w)} has finished (Accomplished): nothing to stop, left as the record of the run\n`);
    }
    // Pause everything first, so no fault outlives the time the deletions take.
    const children = running.map((w) => list(PAUSABLE_RESOURCES, `${CHAOS_MESH_WORKFLOW_LABEL}=${w.metadata.name}`, w.metadata.namespace));
    for (const item of [...children.flat(), ...standalone]) pause(item);
    for (const w of running) remove(w);
    for (const item of standalone) remove(item);
    if (running.length === 0 && standalone.length === 0) {
      io.stdout(`experiment "${experiment}" is not running: nothing ${would}changed\n`);
    } else if (!args.dryRun) {
      io.stdout(`experiment "${experiment}" aborted: Chaos Mesh recovers the faults as the deleted objects' finalizers run\n`);
    }
    return 0;
  } catch (err) {
    if (!(err instanceof KubectlError)) throw err;
    io.stderr(`cdk8s-chaos-mesh abort: ${err.message}\n`);
    return 2;
  }
}
