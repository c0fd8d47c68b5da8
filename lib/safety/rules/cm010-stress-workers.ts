import { fieldPath } from '../../_field-path';
import { isRecord } from '../../_json';
import { Finding } from '../finding';
import { finding, RuleContext, RuleId, SafetyRule } from '../rule';
import { describeChaos } from './_chaos-kinds';

const ID = RuleId.CM010;

/**
 * A stressor runs at least one worker: the 2.8.2 admission webhook accepts `workers: 0`, and the
 * daemon then silently drops the stressor, so the experiment "passes" without stressing anything.
 */
export function checkStressWorkers(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const chaos of ctx.chaos) {
    if (chaos.kind !== 'StressChaos' || !isRecord(chaos.spec.stressors)) continue;
    for (const name of ['memory', 'cpu']) {
      const stressor = chaos.spec.stressors[name];
      if (!isRecord(stressor)) continue;
      const workers = stressor.workers;
      if (Number.isInteger(workers) && workers >= 1) continue;
      findings.push(finding(ID, chaos.owner, fieldPath(chaos.path, 'stressors', name, 'workers'),
        `${describeChaos(chaos)} ${name} stressor has workers ${JSON.stringify(workers ?? null)}: Chaos Mesh 2.8.2 `
        + 'accepts it and then silently drops the stressor, so the experiment stresses nothing.',
        'Set workers to 1 or more (the memory size is the total over all workers).'));
    }
  }
  return findings;
}

export const CM010: SafetyRule = {
  id: ID,
  title: 'Stressors have workers',
  severity: 'error',
  description: 'Stressor workers >= 1 (2.8.2 admission accepts 0 and then silently drops the stressor).',
  check: checkStressWorkers,
};
