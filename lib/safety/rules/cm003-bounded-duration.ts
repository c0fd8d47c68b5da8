import { GoDuration } from '../../units/go-duration';
import { ChaosForm, ChaosSpec } from '../_chaos-specs';
import { runLength, workflowRuns } from '../_workflow-runs';
import { Finding } from '../finding';
import { finding, RuleContext, RuleId, SafetyRule } from '../rule';
import { describeChaos, ONE_SHOT_POD_ACTIONS } from './_chaos-kinds';

const ID = RuleId.CM003;

/** How to bound chaos of this form, for the fix text. */
function howToBound(chaos: ChaosSpec, max: string): string {
  return chaos.form === ChaosForm.WORKFLOW
    ? `Give the Workflow template a deadline between 1s and ${max}, e.g. deadline: "2m".`
    : `Set duration between 1s and ${max}, e.g. duration: "2m".`;
}

/**
 * Every experiment cleans up after itself: chaos without a bound keeps injecting until someone
 * remembers to delete it. One-shot pod-kill and container-kill leave nothing to clean up. A
 * whole Workflow run (a GameDay of several steps) is bounded too, by `maxRunDuration`.
 */
export function checkBoundedDuration(ctx: RuleContext): Finding[] {
  return [...checkEachChaos(ctx), ...checkWholeRuns(ctx)];
}

/** A Workflow's run (its entry's deadline, else what its templates add up to) is no longer than `maxRunDuration`. */
function checkWholeRuns(ctx: RuleContext): Finding[] {
  const max = ctx.options.maxRunDuration;
  const findings: Finding[] = [];
  for (const run of workflowRuns(ctx.objects)) {
    const length = runLength(run);
    if (length === undefined || length.nanoseconds <= max.nanoseconds) continue;
    const what = length.path.endsWith('.deadline') ? `deadline "${length.text}"` : `templates (${length.text})`;
    findings.push(finding(ID, run.owner, length.path,
      `The Workflow's whole run lasts up to ${what}, longer than the allowed maximum run ${max.text}.`,
      `Shorten the run to at most ${max.text} (fewer or shorter steps and pauses), split it in two, or raise `
      + 'maxRunDuration in the safety options if a longer run is reviewed and intended.'));
  }
  return findings;
}

function checkEachChaos(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const maxNs = ctx.options.maxDuration.nanoseconds;
  const max = ctx.options.maxDuration.text;
  for (const chaos of ctx.chaos) {
    if (chaos.kind === 'PodChaos' && ONE_SHOT_POD_ACTIONS.includes(chaos.spec.action)) continue;
    const what = describeChaos(chaos);
    const bound = chaos.duration;
    if (!bound) {
      findings.push(finding(ID, chaos.owner, chaos.durationPath,
        chaos.form === ChaosForm.WORKFLOW
          ? `${what} runs in a Workflow template without a deadline (nor one inherited from a parent template, nor a duration): it never ends by itself.`
          : `${what} has no duration: it keeps injecting until someone deletes it.`,
        howToBound(chaos, max)));
      continue;
    }
    const field = bound.field === 'deadline' ? 'deadline' : 'duration';
    if (typeof bound.value !== 'string') {
      findings.push(finding(ID, chaos.owner, bound.path,
        `${what} ${field} ${JSON.stringify(bound.value)} is not a Go duration string such as "2m".`,
        howToBound(chaos, max)));
      continue;
    }
    let ns: bigint;
    try {
      ns = GoDuration.parse(bound.value).nanoseconds;
    } catch (e) {
      findings.push(finding(ID, chaos.owner, bound.path,
        `${what} ${field} "${bound.value}" cannot be read: ${(e as Error).message}`, howToBound(chaos, max)));
      continue;
    }
    if (ns <= 0n) {
      findings.push(finding(ID, chaos.owner, bound.path,
        `${what} ${field} "${bound.value}" is not positive: the experiment would not be bounded.`, howToBound(chaos, max)));
    } else if (ns > maxNs) {
      findings.push(finding(ID, chaos.owner, bound.path,
        `${what} ${field} "${bound.value}" is longer than the allowed maximum ${max}.`,
        `Shorten the ${field} to at most ${max} (or raise maxDuration in the safety options if longer chaos is reviewed and intended).`));
    }
  }
  return findings;
}

export const CM003: SafetyRule = {
  id: ID,
  title: 'Chaos has a positive, bounded duration',
  severity: 'error',
  description: 'Every chaos object except one-shot pod-kill / container-kill has a positive duration (inside a Workflow: '
    + 'a template deadline) no longer than the configured maximum (default 15m), and a whole Workflow run (entry deadline, '
    + 'else its templates added up) is no longer than the configured maximum run (default 1h).',
  check: checkBoundedDuration,
};
