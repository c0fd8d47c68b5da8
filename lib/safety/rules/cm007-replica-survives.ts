import { fieldPath } from '../../_field-path';
import { SELECTOR_PERCENT } from '../../lint/admission/_common';
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
    + 'all of them (all, fixed-percent: 100, fixed >= replicas are refused).',
  check: checkReplicaSurvives,
};
