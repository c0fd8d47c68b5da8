import { fieldPath } from '../../_field-path';
import { SELECTOR_PERCENT } from '../../lint/admission/_common';
import { isRecord } from '../../_json';
import { ChaosSpec } from '../_chaos-specs';
import { enclosingParallel, heaviestMoment, parallelRuns, workflowRuns } from '../_workflow-runs';
import { SafetyAnnotations } from '../annotations';
import { Finding } from '../finding';
import { finding, RuleContext, RuleId, SafetyRule } from '../rule';
import { TargetSource } from '../target-resolution';
import { describeChaos } from './_chaos-kinds';
import { replicaOutage } from './_replica-outage';

const ID = RuleId.CM007;
const MODES = ['one', 'all', 'fixed', 'fixed-percent', 'random-max-percent'];

/**
 * How many pods a mode can reach out of `replicas` at most, the way Chaos Mesh counts
 * (percentages are floored), or a reason the mode is refused whatever the count.
 */
function reach(mode: string, value: unknown, replicas: number | undefined): { most?: number; refused?: string; invalid?: string } {
  const text = value === undefined || value === null ? '' : String(value).trim();
  switch (mode) {
    case 'one':
      return { most: 1 };
    case 'all':
      return { refused: 'mode "all" takes every replica at once' };
    case 'fixed': {
      if (!/^[0-9]+$/.test(text)) return { invalid: `mode "fixed" needs value to be a whole number of pods, found ${JSON.stringify(value ?? null)}` };
      const n = Number(text);
      return { most: replicas === undefined ? n : Math.min(n, replicas) };
    }
    default: { // fixed-percent, random-max-percent
      if (!/^[0-9]+$/.test(text) || Number(text) < SELECTOR_PERCENT.min || Number(text) > SELECTOR_PERCENT.max) {
        return { invalid: `mode "${mode}" needs value to be a whole percentage from ${SELECTOR_PERCENT.min} to ${SELECTOR_PERCENT.max}, found ${JSON.stringify(value ?? null)}` };
      }
      const p = Number(text);
      if (p >= 100) {
        return { refused: `mode "${mode}" with value "${p}" ${mode === 'fixed-percent' ? 'takes' : 'can take'} 100% of the replicas` };
      }
      return { most: replicas === undefined ? undefined : Math.floor((replicas * p) / 100) };
    }
  }
}

/**
 * Chaos that takes pods out of service leaves one serving: the target has at least two replicas
 * and the mode cannot reach all of them at once (the pod-kill experiment stayed at 100%
 * availability only because one of two replicas always served). Which faults take a pod out of
 * service is `replicaOutage`'s list.
 */
export function checkReplicaSurvives(ctx: RuleContext): Finding[] {
  return [...checkEachFault(ctx), ...checkConcurrentFaults(ctx)];
}

/**
 * Outage faults that one Parallel template runs at the same time (a GameDay's parallel step) and
 * whose selectors can reach the same pods pick their pods independently: together they can take
 * as many replicas as their modes reach, e.g. pod-kill `one` and memory stress `one` take both
 * replicas of two. For each fault, the faults that can share its pods are added up over the
 * worst moment (Parallel branches add up, a Serial counts its largest); refused when that reaches
 * the replica count.
 */
function checkConcurrentFaults(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const { tree, chaos } of parallelRuns(workflowRuns(ctx.objects), ctx.chaos)) {
    const outages = new Map(chaos.flatMap((c) => {
      const outage = replicaOutage(c, () => ctx.resolveTarget(c));
      return outage === undefined ? [] : [[c, outage] as const];
    }));
    const moments: ChaosSpec[][] = [];
    for (const anchor of outages.keys()) {
      const group = [...outages.keys()].filter((c) => c === anchor || couldShare(ctx, anchor, c));
      const known = group.map((c) => ctx.resolveTarget(c).replicas).filter((r): r is number => r !== undefined);
      if (group.length < 2 || known.length === 0) continue; // each fault's own finding says the count is unknown
      const replicas = Math.min(...known);
      const reaches = new Map(group.map((c) => [c, reach(String(c.spec.mode), c.spec.value, replicas).most]));
      if ([...reaches.values()].some((r) => r === undefined)) continue; // each fault's own finding reports the mode
      const moment = heaviestMoment(tree, (c) => reaches.get(c) ?? 0);
      // One finding per set of faults: a set that another reported set holds says nothing new.
      if (moment.chaos.length < 2 || moment.total < replicas || moments.some((m) => moment.chaos.every((c) => m.includes(c)))) continue;
      moments.push(moment.chaos);
      const names = moment.chaos.map((c) => `${describeChaos(c)} (${outages.get(c)})`);
      const last = moment.chaos[moment.chaos.length - 1];
      findings.push(finding(ID, last.owner, fieldPath(last.path, 'selector'),
        `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} run at the same time (branches of Parallel template `
        + `"${enclosingParallel(tree, moment.chaos)}") and can reach the same pods: together they can take ${replicas} of `
        + `${replicas} replicas, leaving none serving.`,
        'Run them one after the other (separate GameDay steps, with a pause between), lower a mode so that together they '
        + `reach at most ${replicas - 1}, aim them at different workloads, or run the target with more than ${moment.total} replicas.`));
    }
  }
  return findings;
}

/**
 * Whether two faults' selectors can pick the same pod: the same workloads when both resolve to
 * workloads in the set; otherwise a shared namespace, no label both require with different
 * values, and, when both name pods, a shared pod name.
 */
function couldShare(ctx: RuleContext, a: ChaosSpec, b: ChaosSpec): boolean {
  const ta = ctx.resolveTarget(a);
  const tb = ctx.resolveTarget(b);
  if (ta.source === TargetSource.WORKLOADS && tb.source === TargetSource.WORKLOADS) {
    return ta.workloads.some((w) => tb.workloads.includes(w));
  }
  const sa = isRecord(a.spec.selector) ? a.spec.selector : {};
  const sb = isRecord(b.spec.selector) ? b.spec.selector : {};
  const shared = ta.namespaces.filter((n) => tb.namespaces.includes(n));
  if (shared.length === 0) return false;
  const la = isRecord(sa.labelSelectors) ? sa.labelSelectors : {};
  const lb = isRecord(sb.labelSelectors) ? sb.labelSelectors : {};
  if (Object.keys(la).some((k) => k in lb && String(la[k]) !== String(lb[k]))) return false;
  if (isRecord(sa.pods) && isRecord(sb.pods)) {
    const names = (pods: Record<string, any>, ns: string | undefined) => (ns !== undefined && Array.isArray(pods[ns]) ? pods[ns].map(String) : []);
    return shared.some((ns) => names(sa.pods, ns).some((p: string) => names(sb.pods, ns).includes(p)));
  }
  return true;
}

function checkEachFault(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const chaos of ctx.chaos) {
    const outage = replicaOutage(chaos, () => ctx.resolveTarget(chaos));
    if (!outage) continue;
    const what = `${describeChaos(chaos)} (${outage})`;
    const target = ctx.resolveTarget(chaos);
    const replicas = target.replicas;
    const modePath = fieldPath(chaos.path, 'mode');
    const valuePath = fieldPath(chaos.path, 'value');

    if (replicas === undefined) {
      const declare = target.source === TargetSource.WORKLOADS
        ? 'If the target really runs 2 or more pods, acknowledge this finding with a reason.'
        : `Build the experiment from the target workload in the same app, or declare the annotation ${SafetyAnnotations.TARGET_REPLICAS}: "2" on the chaos object (on the Workflow for a Workflow template).`;
      findings.push(finding(ID, chaos.owner,
        target.source === TargetSource.WORKLOADS ? fieldPath(chaos.path, 'selector') : fieldPath('metadata', 'annotations', SafetyAnnotations.TARGET_REPLICAS),
        `${what}: the target's replica count is unknown (${target.replicasNote}), so nothing shows a replica keeps serving.`,
        declare));
    } else if (replicas < 2) {
      findings.push(finding(ID, chaos.owner, fieldPath(chaos.path, 'selector'),
        `${what} targets ${replicas} replica${replicas === 1 ? '' : 's'} (${target.replicasNote}): nothing serves while it is down.`,
        'Run the target with at least 2 replicas (spread over nodes) before injecting this fault.'));
    }

    const mode = chaos.spec.mode;
    if (typeof mode !== 'string' || !MODES.includes(mode)) {
      findings.push(finding(ID, chaos.owner, modePath,
        `${what} mode ${JSON.stringify(mode ?? null)} is not one of ${MODES.join(', ')}.`,
        'Use mode: one (or fixed with a value below the replica count).'));
      continue;
    }
    const r = reach(mode, chaos.spec.value, replicas);
    if (r.invalid) {
      findings.push(finding(ID, chaos.owner, valuePath, `${what}: ${r.invalid}.`,
        'Use mode: one, or give a value that leaves at least one replica serving.'));
    } else if (r.refused) {
      findings.push(finding(ID, chaos.owner, mode === 'all' ? modePath : valuePath,
        `${what}: ${r.refused}, leaving nothing to serve.`,
        'Use mode: one, or fixed / fixed-percent with a value that leaves at least one replica serving.'));
    } else if (replicas !== undefined && replicas >= 2 && r.most !== undefined && r.most >= replicas) {
      findings.push(finding(ID, chaos.owner, valuePath,
        `${what}: mode "${mode}" with value "${chaos.spec.value}" reaches ${r.most} of ${replicas} replicas (${target.replicasNote}), leaving none serving.`,
        `Lower value to at most ${replicas - 1}, or use mode: one.`));
    }
  }
  return findings;
}

export const CM007: SafetyRule = {
  id: ID,
  title: 'A replica keeps serving',
  severity: 'error',
  description: 'Faults that can stop a replica from serving (pod-kill, pod-failure, container-kill, memory stress, '
    + 'network partition and 100% loss or corruption, IOChaos fault at 100%, HTTPChaos abort, JVM stress, gc and Byteman '
    + 'rules, CPU stress saturating the limit) leave a replica serving: target replicas >= 2 and the mode cannot reach '
    + 'all of them (all, fixed-percent: 100, fixed >= replicas are refused); such faults that Parallel branches run '
    + 'at the same time on pods they can share may not reach every replica together.',
  check: checkReplicaSurvives,
};
