import { Issue } from '../_issue';
import { fieldPath } from '../../_field-path';
import { checkPodSelector, checkGoDuration, DefaultWriter } from './_common';

/** The clock ids TimeChaos can shift (the CRD's documented set; the mutating webhook defaults an empty list to CLOCK_REALTIME). */
export const TIME_CHAOS_CLOCK_IDS = [
  'CLOCK_REALTIME', 'CLOCK_MONOTONIC', 'CLOCK_PROCESS_CPUTIME_ID', 'CLOCK_THREAD_CPUTIME_ID', 'CLOCK_MONOTONIC_RAW',
  'CLOCK_REALTIME_COARSE', 'CLOCK_MONOTONIC_COARSE', 'CLOCK_BOOTTIME', 'CLOCK_REALTIME_ALARM', 'CLOCK_BOOTTIME_ALARM',
] as const;

/** (*ClockIds).Default: an empty list of clock ids becomes ["CLOCK_REALTIME"] (absent ones too, which nothing checks). */
export function defaultTimeChaosSpec(spec: Record<string, unknown>, w: DefaultWriter): void {
  if (Array.isArray(spec.clockIds) && spec.clockIds.length === 0) w.set(spec, 'clockIds', ['CLOCK_REALTIME']);
}

/**
 * What the 2.8.2 webhook refuses in a TimeChaos spec (timechaos_webhook.go): a `timeOffset` that
 * Go time.ParseDuration cannot read (the empty string included), and invalid selector values.
 * Not checked, because Go does not: `duration` (TimeChaosSpec.Duration has no webhook tag) and
 * the clock ids (only defaulted; an unknown id fails when the daemon injects).
 */
export function timeChaosSpecIssues(spec: Record<string, unknown>, at: string): Issue[] {
  const out: Issue[] = [];
  // (*TimeOffset).Validate: time.ParseDuration, and unlike Duration the empty string fails too.
  const offset = spec.timeOffset;
  if (offset === '') {
    out.push({ path: fieldPath(at, 'timeOffset'), message: 'timeOffset is empty; the Chaos Mesh 2.8.2 admission webhook refuses it (Go time.ParseDuration: invalid duration "").', fix: 'Set timeOffset to the shift, e.g. "-10m" or "1h".' });
  } else {
    checkGoDuration(offset, fieldPath(at, 'timeOffset'), out, 'timeOffset');
  }
  checkPodSelector(spec, at, out);
  return out;
}
