import { fieldPath } from '../_field-path';
import { isRecord } from '../_json';
import { KubeObject } from '../kube-object';
import { GoDuration } from '../units/go-duration';
import { ChaosSpec } from './_chaos-specs';

/**
 * The template tree of the Workflow objects in a set (`kind: Workflow` at the top level), for the
 * rules that judge a whole run: how long it lasts (CM003) and which chaos runs at the same time
 * (CM007). A Workflow embedded in a Schedule is left to the per-template checks.
 */
export interface WorkflowRun {
  readonly owner: KubeObject;
  readonly templates: readonly Record<string, any>[];
  /** Template index by name (the first of duplicates: admission reports those). */
  readonly byName: ReadonlyMap<string, number>;
  readonly entry?: number;
}

/** Every top-level Workflow of the set. */
export function workflowRuns(objects: readonly KubeObject[]): WorkflowRun[] {
  const runs: WorkflowRun[] = [];
  for (const owner of objects) {
    if (!isRecord(owner) || owner.kind !== 'Workflow' || typeof owner.apiVersion !== 'string'
      || !owner.apiVersion.startsWith('chaos-mesh.org/') || !isRecord(owner.spec)) continue;
    const templates = (Array.isArray(owner.spec.templates) ? owner.spec.templates : []).map((t: unknown) => (isRecord(t) ? t : {}));
    const byName = new Map<string, number>();
    templates.forEach((t: Record<string, any>, i: number) => {
      if (typeof t.name === 'string' && !byName.has(t.name)) byName.set(t.name, i);
    });
    const entry = typeof owner.spec.entry === 'string' ? byName.get(owner.spec.entry) : undefined;
    runs.push({ owner, templates, byName, entry });
  }
  return runs;
}

/** The templates a Serial or Parallel template runs, by index (names that match none are admission's to report). */
function childrenOf(run: WorkflowRun, i: number): number[] {
  const t = run.templates[i];
  if (t.templateType !== 'Serial' && t.templateType !== 'Parallel') return [];
  const children: unknown[] = Array.isArray(t.children) ? t.children : [];
  return children.map((c) => (typeof c === 'string' ? run.byName.get(c) : undefined)).filter((c): c is number => c !== undefined);
}

/** How long a whole run lasts at most, and what says so. */
export interface RunLength {
  readonly nanoseconds: bigint;
  /** The entry's `deadline` text, or the sum written out (`1m + 5m + 1m`). */
  readonly text: string;
  /** Path of the entry template's deadline, or of the entry template when the length is computed. */
  readonly path: string;
}

/**
 * The longest the run can last: the entry template's `deadline`, else what its children add up to
 * (a Serial the sum, a Parallel the longest, any other template its own deadline). Undefined when
 * some template on the way has no readable, positive deadline (CM003 reports chaos without one).
 */
export function runLength(run: WorkflowRun): RunLength | undefined {
  if (run.entry === undefined) return undefined;
  const entryPath = fieldPath('spec', 'templates', run.entry);
  const own = deadlineNs(run.templates[run.entry]);
  if (own !== undefined) return { nanoseconds: own, text: String(run.templates[run.entry].deadline), path: fieldPath(entryPath, 'deadline') };
  const parts: string[] = [];
  const length = (i: number, seen: ReadonlySet<number>): bigint | undefined => {
    if (seen.has(i)) return undefined;
    const t = run.templates[i];
    const deadline = deadlineNs(t);
    if (deadline !== undefined) {
      parts.push(String(t.deadline));
      return deadline;
    }
    const children = childrenOf(run, i);
    if (children.length === 0) return undefined;
    const next = new Set(seen).add(i);
    const lengths = children.map((c) => length(c, next));
    if (lengths.some((l) => l === undefined)) return undefined;
    const ns = lengths as bigint[];
    return t.templateType === 'Serial' ? ns.reduce((a, b) => a + b, 0n) : ns.reduce((a, b) => (b > a ? b : a));
  };
  const total = length(run.entry, new Set());
  return total === undefined ? undefined : { nanoseconds: total, text: parts.join(' + '), path: entryPath };
}

function deadlineNs(t: Record<string, any>): bigint | undefined {
  if (typeof t.deadline !== 'string') return undefined;
  try {
    const ns = GoDuration.parse(t.deadline).nanoseconds;
    return ns > 0n ? ns : undefined;
  } catch {
    return undefined;
  }
}

/** Chaos that runs at the same time: two branches of one Parallel template. */
export interface ConcurrentChaos {
  readonly run: WorkflowRun;
  /** Name of the Parallel template. */
  readonly parallel: string;
  readonly first: ChaosSpec;
  readonly second: ChaosSpec;
}

/**
 * Every pair of chaos specs of `chaos` (the rule context's walk) that one Parallel template runs
 * in different branches, so that they may overlap in time: everything under one child (through
 * Serial and Parallel templates) against everything under another.
 */
export function concurrentChaos(runs: readonly WorkflowRun[], chaos: readonly ChaosSpec[]): ConcurrentChaos[] {
  const pairs: ConcurrentChaos[] = [];
  for (const run of runs) {
    const byTemplate = new Map<number, ChaosSpec[]>();
    for (const c of chaos) {
      if (c.owner !== run.owner) continue;
      const m = /^spec\.templates\[(\d+)\]\./.exec(c.path);
      if (m) byTemplate.set(Number(m[1]), [...(byTemplate.get(Number(m[1])) ?? []), c]);
    }
    if (byTemplate.size < 2) continue;
    const under = (i: number, seen: Set<number>): ChaosSpec[] => {
      if (seen.has(i)) return [];
      seen.add(i);
      return [...(byTemplate.get(i) ?? []), ...childrenOf(run, i).flatMap((c) => under(c, seen))];
    };
    run.templates.forEach((t, i) => {
      if (t.templateType !== 'Parallel') return;
      const branches = childrenOf(run, i).map((c) => under(c, new Set([i])));
      branches.forEach((a, x) => branches.slice(x + 1).forEach((b) => {
        for (const first of a) for (const second of b) pairs.push({ run, parallel: String(t.name), first, second });
      }));
    });
  }
  return pairs;
}
