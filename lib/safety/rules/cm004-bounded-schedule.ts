import { GoDuration } from '../../units/go-duration';
import { ChaosForm } from '../_chaos-specs';
import { fieldPath } from '../../_field-path';
import { Finding } from '../finding';
import { finding, RuleContext, RuleId, SafetyRule } from '../rule';

const ID = RuleId.CM004;

/**
 * A Schedule repeats chaos until someone deletes it ("chaos while you sleep"). It is allowed only
 * as a Workflow template whose deadline ends it, that never runs two rounds at once and that keeps
 * history to review.
 */
export function checkBoundedSchedule(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const maxNs = ctx.options.maxDuration.nanoseconds;
  const max = ctx.options.maxDuration.text;
  const wrap = `Run the Schedule as a template of a Workflow (templateType: Schedule) with a deadline of at most ${max}, `
    + 'concurrencyPolicy: Forbid and historyLimit >= 1 (the bounded schedule construct writes exactly that).';
  for (const schedule of ctx.schedules) {
    const where = schedule.form === ChaosForm.WORKFLOW ? `Schedule at ${schedule.path}` : 'Schedule';
    if (schedule.form === ChaosForm.SCHEDULE) {
      findings.push(finding(ID, schedule.owner, 'spec',
        `${where} is a bare Schedule object: it fires ${JSON.stringify(schedule.spec.schedule)} until someone deletes it.`,
        wrap));
      continue;
    }
    const deadline = schedule.deadline;
    const deadlinePath = fieldPath(schedule.templatePath!, 'deadline');
    if (!deadline) {
      findings.push(finding(ID, schedule.owner, deadlinePath,
        `${where} is in a Workflow template without a deadline (nor one inherited from a parent template): it never stops.`,
        wrap));
    } else {
      let problem: string | undefined;
      if (typeof deadline.value !== 'string') {
        problem = `deadline ${JSON.stringify(deadline.value)} is not a Go duration string such as "5m"`;
      } else {
        try {
          const ns = GoDuration.parse(deadline.value).nanoseconds;
          if (ns <= 0n) problem = `deadline "${deadline.value}" is not positive`;
          else if (ns > maxNs) problem = `deadline "${deadline.value}" is longer than the allowed maximum ${max}`;
        } catch (e) {
          problem = `deadline "${deadline.value}" cannot be read: ${(e as Error).message}`;
        }
      }
      if (problem) {
        findings.push(finding(ID, schedule.owner, deadline.path, `${where}: ${problem}.`,
          `Set the template deadline to a positive duration of at most ${max}, e.g. deadline: "5m".`));
      }
    }
    if (schedule.spec.concurrencyPolicy !== 'Forbid') {
      findings.push(finding(ID, schedule.owner, fieldPath(schedule.path, 'concurrencyPolicy'),
        `${where} concurrencyPolicy is ${JSON.stringify(schedule.spec.concurrencyPolicy ?? null)}: `
        + 'inside a Workflow nothing defaults it to Forbid, so a slow round can overlap the next and double the blast radius.',
        'Set concurrencyPolicy: Forbid.'));
    }
    const history = schedule.spec.historyLimit;
    if (!Number.isInteger(history) || history < 1) {
      findings.push(finding(ID, schedule.owner, fieldPath(schedule.path, 'historyLimit'),
        `${where} historyLimit is ${JSON.stringify(history ?? null)}: without history nobody can review what each round did.`,
        'Set historyLimit to 1 or more, e.g. historyLimit: 5.'));
    }
  }
  return findings;
}

export const CM004: SafetyRule = {
  id: ID,
  title: 'Schedules are bounded',
  severity: 'error',
  description: 'A Schedule is bounded: only inside a Workflow template with a deadline, concurrencyPolicy: Forbid, '
    + 'historyLimit >= 1.',
  check: checkBoundedSchedule,
};
