import { ChaosSpec } from '../_chaos-specs';
import { isRecord } from '../../_json';
import { ResolvedTarget } from '../target-resolution';
import { memoryStresses, POD_OUTAGE_ACTIONS } from './_chaos-kinds';

/**
 * The faults that can stop a replica from serving (CM007; RULES.md keeps the list and the
 * reasons). Returns what the fault is, in words for a message, or undefined for a fault that
 * degrades a replica without taking it out (delay, a fault on some calls, a JVM method fault).
 *
 * `target` is asked only for CPU stress, whose verdict depends on the target's CPU limit.
 */
export function replicaOutage(chaos: ChaosSpec, target: () => ResolvedTarget): string | undefined {
  const spec = chaos.spec;
  switch (chaos.kind) {
    case 'PodChaos':
      return POD_OUTAGE_ACTIONS.includes(spec.action) ? String(spec.action) : undefined;
    case 'NetworkChaos':
      if (spec.action === 'partition') return 'network partition';
      if (spec.action === 'loss' && isRecord(spec.loss) && isFullPercent(spec.loss.loss)) return '100% packet loss';
      if (spec.action === 'corrupt' && isRecord(spec.corrupt) && isFullPercent(spec.corrupt.corrupt)) return '100% packet corruption';
      return undefined;
    case 'IOChaos':
      // percent defaults to 100 (CRD default): every matching call fails.
      return spec.action === 'fault' && (spec.percent === undefined || spec.percent === null || isFullPercent(spec.percent))
        ? 'IOChaos fault on every call' : undefined;
    case 'HTTPChaos':
      return spec.abort === true ? 'HTTPChaos abort' : undefined;
    case 'StressChaos':
      if (memoryStresses(chaos).length > 0) return 'memory stress';
      if (isRecord(spec.stressors) && isRecord(spec.stressors.cpu)) return cpuSaturation(spec.stressors.cpu, target());
      return undefined;
    case 'JVMChaos':
      return jvmOutage(chaos, target);
    default:
      return undefined;
  }
}

/** A percentage (number or numeric text, as NetworkChaos writes it) of 100 or more. */
function isFullPercent(value: unknown): boolean {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 100;
}

/**
 * A CPU stressor saturates the limit when its workers together demand every core of it: stress-ng
 * loads each worker's CPU at `load` percent (stress-ng's default is 100 when Chaos Mesh passes no
 * `load`), so the demand is workers x load / 100 cores, against the smallest CPU limit of the
 * targeted containers. A container without a known CPU limit is not bounded by anything the
 * manifests show, so it counts as saturated.
 */
function cpuSaturation(cpu: Record<string, any>, target: ResolvedTarget): string | undefined {
  const workers = cpu.workers;
  if (!Number.isInteger(workers) || workers < 1) return undefined; // CM010 and the schema report it
  const load = lastCpuLoadOption(cpu.options) ?? (cpu.load === undefined || cpu.load === null ? 100 : cpu.load);
  if (!Number.isInteger(load)) return undefined; // the schema reports it
  return saturates(BigInt(workers) * BigInt(load) * 10n, `${workers} worker${workers === 1 ? '' : 's'} at ${load}%`, target);
}

/** `--cpu-load N` (or `--cpu-load=N`) in the stressor's extra options: stress-ng takes the last one. */
function lastCpuLoadOption(options: unknown): number | undefined {
  if (!Array.isArray(options)) return undefined;
  let load: number | undefined;
  options.forEach((o, i) => {
    if (typeof o !== 'string') return;
    const inline = /^--cpu-load=([0-9]+)$/.exec(o.trim());
    if (inline) load = Number(inline[1]);
    else if (o.trim() === '--cpu-load' && typeof options[i + 1] === 'string' && /^[0-9]+$/.test(options[i + 1].trim())) {
      load = Number(options[i + 1].trim());
    }
  });
  return load;
}

/** A CPU demand in millicores against the smallest targeted CPU limit. */
function saturates(demandMillis: bigint, demand: string, target: ResolvedTarget): string | undefined {
  const limit = target.cpuLimit;
  if (!limit) return `CPU stress of ${demand} against a target without a known CPU limit`;
  if (demandMillis < limit.millicores) return undefined;
  return `CPU stress of ${demand} (${demandMillis}m) saturating the CPU limit ${limit.text} of ${limit.from}`;
}

/**
 * JVMChaos actions that kill or stall the whole JVM: memory stress (OutOfMemoryError or the
 * container's OOM kill), CPU stress saturating the limit (`cpuCount` busy threads, one core each),
 * `gc` (forced stop-the-world collections) and `ruleData` (an arbitrary Byteman rule, which can
 * halt or block the JVM). `latency`, `return`, `exception` and `mysql` change one method's
 * behaviour and leave the JVM serving everything else.
 */
function jvmOutage(chaos: ChaosSpec, target: () => ResolvedTarget): string | undefined {
  const spec = chaos.spec;
  switch (spec.action) {
    case 'stress':
      if (memoryStresses(chaos).length > 0) return 'JVM memory stress';
      if (Number.isInteger(spec.cpuCount) && spec.cpuCount >= 1) {
        return saturates(BigInt(spec.cpuCount) * 1000n, `${spec.cpuCount} JVM thread${spec.cpuCount === 1 ? '' : 's'} at 100%`, target());
      }
      return undefined;
    case 'gc':
      return 'JVM garbage collection stall';
    case 'ruleData':
      return 'JVM Byteman rule';
    default:
      return undefined;
  }
}
