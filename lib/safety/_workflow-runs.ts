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

/**
 * What a Parallel template runs, as a tree: a Parallel's branches run at the same time, a Serial's
 * children one after another, a chaos template its own chaos.
 */
export type RunTree =
  | { readonly kind: 'Parallel' | 'Serial'; readonly name: string; readonly children: readonly RunTree[] }
  | { readonly kind: 'chaos'; readonly chaos: readonly ChaosSpec[] };

/** A Parallel template that no other Parallel template runs, with the tree of chaos under it. */
export interface ParallelRun {
  readonly tree: RunTree;
  /** Every chaos spec under it. */
  readonly chaos: readonly ChaosSpec[];
}

/**
 * The outermost Parallel templates of every run, with the chaos specs of `chaos` (the rule
 * context's walk) under them (an inner Parallel is part of its outer one's tree).
 */
export function parallelRuns(runs: readonly WorkflowRun[], chaos: readonly ChaosSpec[]): ParallelRun[] {
  const found: ParallelRun[] = [];
  for (const run of runs) {
    const byTemplate = new Map<number, ChaosSpec[]>();
    for (const c of chaos) {
      if (c.owner !== run.owner) continue;
      const m = /^spec\.templates\[(\d+)\]\./.exec(c.path);
      if (m) byTemplate.set(Number(m[1]), [...(byTemplate.get(Number(m[1])) ?? []), c]);
    }
    if (byTemplate.size < 2) continue;
    const inner = new Set<number>();
    const tree = (i: number, seen: ReadonlySet<number>, top: number): RunTree => {
      if (seen.has(i)) return { kind: 'chaos', chaos: [] };
      if (i !== top && run.templates[i].templateType === 'Parallel') inner.add(i);
      const t = run.templates[i];
      if (t.templateType !== 'Serial' && t.templateType !== 'Parallel') return { kind: 'chaos', chaos: byTemplate.get(i) ?? [] };
      const next = new Set(seen).add(i);
      return { kind: t.templateType, name: String(t.name), children: childrenOf(run, i).map((c) => tree(c, next, top)) };
    };
    const tops = run.templates.flatMap((t, i) => (t.templateType === 'Parallel' ? [{ i, tree: tree(i, new Set(), i) }] : []));
    for (const top of tops.filter((p) => !inner.has(p.i))) {
      found.push({ tree: top.tree, chaos: chaosIn(top.tree) });
    }
  }
  return found;
}

function chaosIn(tree: RunTree): ChaosSpec[] {
  return tree.kind === 'chaos' ? [...tree.chaos] : tree.children.flatMap(chaosIn);
}

/**
 * The chaos that can be running at one moment with the largest total `weight`: every branch of a
 * Parallel adds up, a Serial counts its heaviest child, a chaos template all of its chaos.
 */
export function heaviestMoment(tree: RunTree, weight: (c: ChaosSpec) => number): { total: number; chaos: ChaosSpec[] } {
  if (tree.kind === 'chaos') {
    const chaos = tree.chaos.filter((c) => weight(c) > 0);
    return { total: chaos.reduce((sum, c) => sum + weight(c), 0), chaos };
  }
  const moments = tree.children.map((c) => heaviestMoment(c, weight));
  if (tree.kind === 'Parallel') {
    return { total: moments.reduce((sum, m) => sum + m.total, 0), chaos: moments.flatMap((m) => m.chaos) };
  }
  return moments.reduce((best, m) => (m.total > best.total ? m : best), { total: 0, chaos: [] as ChaosSpec[] });
}

/** The name of the innermost Parallel template of `tree` that runs every one of `chaos`. */
export function enclosingParallel(tree: RunTree, chaos: readonly ChaosSpec[]): string | undefined {
  if (tree.kind === 'chaos') return undefined;
  for (const child of tree.children) {
    const inner = enclosingParallel(child, chaos);
    if (inner !== undefined) return inner;
  }
  const under = chaosIn(tree);
  return tree.kind === 'Parallel' && chaos.every((c) => under.includes(c)) ? tree.name : undefined;
}
