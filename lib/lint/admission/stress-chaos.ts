import { parseAdmissionSize } from '../../units';
import { Issue, quote } from '../_issue';
import { fieldPath } from '../../_field-path';
import { isRecord } from '../../_json';
import { goAtoi } from './_go-number';
import { checkCommonChaosSpec, unitReason, WEBHOOK } from './_common';

/** stress-ng runs at most this many workers per stressor (the CRD maximum). */
export const MAX_STRESS_WORKERS = 8192;

/** The cpu stressor's `load`: a percentage of one CPU per worker (the CRD bounds). */
export const STRESS_CPU_LOAD = { min: 0, max: 100 } as const;

/** The memory stressor's `oomScoreAdj`: the kernel's oom_score_adj range (the CRD bounds). */
export const STRESS_OOM_SCORE_ADJ = { min: -1000, max: 1000 } as const;

/**
 * What the 2.8.2 webhook refuses in a StressChaos spec (api/v1alpha1/stresschaos_webhook.go
 * and the CRD bounds it relies on): no stressor at all, a memory `size` that is neither a
 * go-units v0.5.0 size nor an integer percentage 0-100%, more than 8192 `workers`, a cpu `load`
 * outside 0-100, an `oomScoreAdj` outside [-1000, 1000], and invalid duration or selector values.
 *
 * Not refused, though it should be: `workers: 0` (the webhook's positive-workers check is never
 * called in 2.8.2, and the stressor is then silently dropped). That is safety rule CM010.
 */
export function stressChaosSpecIssues(spec: Record<string, unknown>, at: string): Issue[] {
  const out: Issue[] = [];
  const stressors = spec.stressors;
  const stressng = spec.stressngStressors;
  const hasStressng = typeof stressng === 'string' && stressng !== '';
  if (!isRecord(stressors) && !hasStressng) {
    out.push({
      path: fieldPath(at, 'stressors'),
      message: `the StressChaos has no stressors (neither stressors nor stressngStressors); ${WEBHOOK} refuses it ("missing stressors").`,
      fix: 'Add stressors.memory (size, workers) or stressors.cpu (load, workers).',
    });
  } else if (isRecord(stressors) && !isRecord(stressors.memory) && !isRecord(stressors.cpu)) {
    out.push({
      path: fieldPath(at, 'stressors'),
      message: `stressors has neither memory nor cpu; ${WEBHOOK} refuses it ("missing stressors").`,
      fix: 'Add stressors.memory or stressors.cpu.',
    });
  }
  if (isRecord(stressors)) {
    if (isRecord(stressors.memory)) checkMemory(stressors.memory, fieldPath(at, 'stressors', 'memory'), out);
    if (isRecord(stressors.cpu)) checkCpu(stressors.cpu, fieldPath(at, 'stressors', 'cpu'), out);
  }
  checkCommonChaosSpec(spec, at, out);
  return out;
}

function checkWorkers(stressor: Record<string, unknown>, at: string, out: Issue[]): void {
  const workers = stressor.workers;
  if (typeof workers === 'number' && workers > MAX_STRESS_WORKERS) {
    out.push({
      path: fieldPath(at, 'workers'),
      message: `workers ${workers} is more than stress-ng's maximum of ${MAX_STRESS_WORKERS}.`,
      fix: `Use at most ${MAX_STRESS_WORKERS} workers (1 is enough for a memory stressor).`,
    });
  }
}

function checkMemory(memory: Record<string, unknown>, at: string, out: Issue[]): void {
  checkWorkers(memory, at, out);
  const size = memory.size;
  if (typeof size === 'string' && size !== '') {
    const problem = sizeProblem(size);
    if (problem) {
      out.push({
        path: fieldPath(at, 'size'),
        message: `memory size ${quote(size)} is refused by ${WEBHOOK} ("incorrect bytes format"): ${problem}.`,
        fix: 'Write a size such as "256MB" or "1GB" (go-units reads MB/MiB alike as 10^6 bytes; "Mi"/"Gi" are refused), or an integer percentage such as "50%".',
      });
    }
  }
  const adj = memory.oomScoreAdj;
  if (typeof adj === 'number' && (adj < STRESS_OOM_SCORE_ADJ.min || adj > STRESS_OOM_SCORE_ADJ.max)) {
    out.push({
      path: fieldPath(at, 'oomScoreAdj'),
      message: `oomScoreAdj ${adj} is outside [-1000, 1000] (the kernel's oom_score_adj range).`,
      fix: 'Use a value from -1000 to 1000; leave it unset (0) unless you need it.',
    });
  }
}

/** Why the webhook's `Bytes` check refuses a memory size, or undefined when it accepts it. */
export function sizeProblem(size: string): string | undefined {
  if (size.endsWith('%')) {
    const n = goAtoi(size.slice(0, -1));
    if (n === undefined) return `${quote(size.slice(0, -1))} before "%" is not an integer`;
    if (n < 0n || n > 100n) return `${n}% is not a percentage from 0 to 100 ("illegal proportion")`;
    return undefined;
  }
  try {
    parseAdmissionSize(size);
    return undefined;
  } catch (err) {
    return unitReason(err);
  }
}

function checkCpu(cpu: Record<string, unknown>, at: string, out: Issue[]): void {
  checkWorkers(cpu, at, out);
  const load = cpu.load;
  if (typeof load === 'number' && (load < STRESS_CPU_LOAD.min || load > STRESS_CPU_LOAD.max)) {
    out.push({
      path: fieldPath(at, 'load'),
      message: `cpu load ${load} is not a percentage from 0 to 100.`,
      fix: 'Use a load from 0 (idle) to 100 (full load per worker).',
    });
  }
}
