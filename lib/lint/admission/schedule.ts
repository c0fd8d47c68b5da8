import { EMBEDDED_CHAOS_FIELDS } from '../../safety/_chaos-specs';
import { CronSchedule } from '../../units';
import { Issue, quote } from '../_issue';
import { fieldPath } from '../../_field-path';
import { isRecord } from '../../_json';
import { unitReason, WEBHOOK } from './_common';
import { chaosSpecIssues } from './chaos-spec';

/** Schedule types: every chaos kind a Schedule can embed, and Workflow. */
export const SCHEDULE_TYPES = [...Object.keys(EMBEDDED_CHAOS_FIELDS), 'Workflow'];

const CONCURRENCY_POLICIES = ['Forbid', 'Allow'];

/** The fewest finished runs a Schedule keeps: `historyLimit` has +kubebuilder:validation:Minimum=1 (schedule_types.go). */
export const MIN_SCHEDULE_HISTORY_LIMIT = 1;

/**
 * What 2.8.2 refuses in a Schedule object's spec ((*ScheduleSpec).Validate in
 * api/v1alpha1/schedule_webhook.go, and the CRD bounds): a cron `schedule` robfig/cron v3 cannot
 * parse (optional seconds field, descriptors such as "@every 1m"), a `concurrencyPolicy` other
 * than Forbid/Allow, `startingDeadlineSeconds` ≤ 0 (an exclusive minimum in the Schedule CRD), `historyLimit` < 1, a `type` that is
 * not a chaos kind or Workflow, and a missing or invalid embedded spec for that type (checked
 * like a standalone object of the kind). A Schedule of type Workflow: validateChaos skips it, so
 * its workflow is not checked here either.
 */
export function scheduleSpecIssues(spec: Record<string, unknown>, at: string): Issue[] {
  const out: Issue[] = [];
  // (*ScheduleSpec).validateSchedule: the cron parser.
  const cron = spec.schedule;
  if (typeof cron === 'string') {
    try {
      CronSchedule.parse(cron);
    } catch (err) {
      out.push({
        path: fieldPath(at, 'schedule'),
        message: `schedule ${quote(cron)} is refused by ${WEBHOOK} (robfig/cron v3): ${unitReason(err)}.`,
        fix: 'Write 5 cron fields "minute hour day-of-month month day-of-week", optionally preceded by a seconds field, or a descriptor such as "@every 30s" or "@hourly".',
      });
    }
  }
  const policy = spec.concurrencyPolicy;
  if (policy !== undefined && policy !== '' && !CONCURRENCY_POLICIES.includes(policy as string)) {
    out.push({ path: fieldPath(at, 'concurrencyPolicy'), message: `concurrencyPolicy ${quote(policy)} is not allowed; allowed: "Forbid", "Allow".`, fix: 'Use Forbid (never run two at once; the safe choice) or Allow.' });
  }
  const deadline = spec.startingDeadlineSeconds;
  if (typeof deadline === 'number' && deadline <= 0) {
    out.push({ path: fieldPath(at, 'startingDeadlineSeconds'), message: `startingDeadlineSeconds ${deadline} must be greater than 0 (or left out).`, fix: 'Remove startingDeadlineSeconds or set it to a positive number of seconds.' });
  }
  const history = spec.historyLimit;
  if (typeof history === 'number' && history < MIN_SCHEDULE_HISTORY_LIMIT) {
    out.push({ path: fieldPath(at, 'historyLimit'), message: `historyLimit ${history} must be at least ${MIN_SCHEDULE_HISTORY_LIMIT}.`, fix: `Set historyLimit to ${MIN_SCHEDULE_HISTORY_LIMIT} or more (how many finished runs are kept).` });
  }
  checkEmbedded(spec, at, out);
  return out;
}

/**
 * A Workflow's Schedule template (`schedule`, a ChaosOnlyScheduleSpec): validateTemplate checks no
 * field of it (neither the cron nor the type); only the chaos specs in it are validated, as the
 * generic webhook walks into every spec that is set. A type without its spec is a warning (the
 * Schedule would have nothing to run), and so are specs the type ignores.
 */
export function scheduleTemplateIssues(spec: Record<string, unknown>, at: string): Issue[] {
  const out: Issue[] = [];
  for (const [kind, field] of Object.entries(EMBEDDED_CHAOS_FIELDS)) {
    if (isRecord(spec[field])) out.push(...chaosSpecIssues(kind, spec[field] as Record<string, unknown>, fieldPath(at, field)));
  }
  const type = spec.type;
  const field = typeof type === 'string' ? EMBEDDED_CHAOS_FIELDS[type] : undefined;
  if (field !== undefined && !isRecord(spec[field])) {
    out.push({ path: fieldPath(at, field), severity: 'warning', message: `type ${quote(type)} has no ${field} spec, so the Schedule has nothing to run; the webhook does not check it here.`, fix: `Add ${field}: {...} with the ${type} spec.` });
  }
  if (field !== undefined) warnIgnored(spec, at, field, type as string, out);
  return out;
}

function checkEmbedded(spec: Record<string, unknown>, at: string, out: Issue[]): void {
  const type = spec.type;
  if (typeof type !== 'string') return; // missing: a schema finding (type is required)
  if (!SCHEDULE_TYPES.includes(type)) {
    out.push({
      path: fieldPath(at, 'type'),
      message: `type ${quote(type)} is not something a Schedule can run; allowed: ${SCHEDULE_TYPES.join(', ')}.`,
      fix: 'Set type to the kind of the embedded spec, e.g. type: PodChaos with podChaos: {...}.',
    });
    return;
  }
  const field = type === 'Workflow' ? 'workflow' : EMBEDDED_CHAOS_FIELDS[type];
  const embedded = spec[field];
  if (!isRecord(embedded) && type === 'Workflow') {
    out.push({ path: fieldPath(at, field), severity: 'warning', message: 'type "Workflow" has no workflow spec, so the Schedule has nothing to run; the webhook does not check a Schedule of type Workflow.', fix: 'Add workflow: {entry, templates}.' });
  } else if (!isRecord(embedded)) {
    out.push({
      path: fieldPath(at, field),
      message: `type ${quote(type)} needs the ${field} spec, and it is missing; ${WEBHOOK} refuses it ("missing chaos spec").`,
      fix: `Add ${field}: {...} with the ${type} spec.`,
    });
  } else if (type !== 'Workflow') {
    // (*ScheduleSpec).validateChaos -> EmbedChaos.Validate: the spec of the type, as a standalone object.
    out.push(...chaosSpecIssues(type, embedded, fieldPath(at, field)));
  }
  warnIgnored(spec, at, field, type, out);
}

/** Specs the Schedule's type does not run: ignored, a warning. */
function warnIgnored(spec: Record<string, unknown>, at: string, field: string, type: string, out: Issue[]): void {
  for (const [kind, other] of [...Object.entries(EMBEDDED_CHAOS_FIELDS), ['Workflow', 'workflow'] as const]) {
    if (other !== field && spec[other] !== undefined && spec[other] !== null) {
      out.push({
        path: fieldPath(at, other),
        severity: 'warning',
        message: `${other} is ignored: the Schedule's type is ${quote(type)}, so only ${field} runs (${kind} would need type: ${kind}).`,
        fix: `Remove ${other}, or split it into its own Schedule.`,
      });
    }
  }
}
