/**
 * robfig/cron v3 SpecSchedule.Next (spec.go) and a shortest-gap calculation, on wall-clock time
 * held as UTC milliseconds. Time zones are applied by the caller (see _cron-zone.ts).
 */
import { CronField } from './_cron-fields';

export interface CronSpec {
  readonly second: CronField;
  readonly minute: CronField;
  readonly hour: CronField;
  readonly dayOfMonth: CronField;
  readonly month: CronField;
  readonly dayOfWeek: CronField;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** True when a time field is empty (robfig accepts "," as a field, which matches nothing). */
export function hasEmptyTimeField(spec: CronSpec): boolean {
  const empty = (f: CronField): boolean => !f.values.some((v) => v);
  return [spec.second, spec.minute, spec.hour, spec.month].some(empty);
}

/**
 * The first fire time strictly after `afterMs` (wall clock, UTC ms), searching five years ahead
 * like robfig; `undefined` when there is none.
 */
export function nextWallTime(spec: CronSpec, afterMs: number): number | undefined {
  if (hasEmptyTimeField(spec)) return undefined;
  // Start at the next whole second.
  let t = afterMs - mod(afterMs, SECOND) + SECOND;
  let added = false;
  const yearLimit = new Date(t).getUTCFullYear() + 5;

  wrap: for (;;) {
    if (new Date(t).getUTCFullYear() > yearLimit) return undefined;

    while (!spec.month.values[month(t)]) {
      if (!added) {
        added = true;
        const d = new Date(t);
        t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
      }
      const d = new Date(t);
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
      if (month(t) === 1) continue wrap;
    }

    while (!dayMatches(spec, t)) {
      if (!added) {
        added = true;
        t -= mod(t, DAY);
      }
      t += DAY;
      if (new Date(t).getUTCDate() === 1) continue wrap;
    }

    while (!spec.hour.values[new Date(t).getUTCHours()]) {
      if (!added) {
        added = true;
        t -= mod(t, HOUR);
      }
      t += HOUR;
      if (new Date(t).getUTCHours() === 0) continue wrap;
    }

    while (!spec.minute.values[new Date(t).getUTCMinutes()]) {
      if (!added) {
        added = true;
        t -= mod(t, MINUTE);
      }
      t += MINUTE;
      if (new Date(t).getUTCMinutes() === 0) continue wrap;
    }

    while (!spec.second.values[new Date(t).getUTCSeconds()]) {
      if (!added) {
        added = true;
        t -= mod(t, SECOND);
      }
      t += SECOND;
      if (new Date(t).getUTCSeconds() === 0) continue wrap;
    }
    return t;
  }
}

function month(t: number): number {
  return new Date(t).getUTCMonth() + 1;
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** dayMatches: both day fields must match when either has the star flag, else either may. */
function dayMatchesFields(spec: CronSpec, dayOfMonth: number, weekday: number): boolean {
  const domMatch = spec.dayOfMonth.values[dayOfMonth];
  const dowMatch = spec.dayOfWeek.values[weekday];
  if (spec.dayOfMonth.star || spec.dayOfWeek.star) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

function dayMatches(spec: CronSpec, t: number): boolean {
  const d = new Date(t);
  return dayMatchesFields(spec, d.getUTCDate(), d.getUTCDay());
}

/** Days in the Gregorian 400-year cycle, after which dates and weekdays repeat. */
const CYCLE_DAYS = 146_097;

/**
 * The shortest gap in whole days between two consecutive matching days (months included),
 * found by walking one 400-year Gregorian cycle; undefined when no day ever matches.
 */
export function dayGapDays(spec: CronSpec): number | undefined {
  let first: number | undefined;
  let previous: number | undefined;
  let best: number | undefined;
  // Walk 2000-01-01 (a Saturday) onwards with plain counters: Date objects would make this slow.
  let year = 2000;
  let month = 1;
  let day = 1;
  let weekday = 6;
  for (let i = 0; i < CYCLE_DAYS; i++) {
    if (spec.month.values[month] && dayMatchesFields(spec, day, weekday)) {
      if (first === undefined) first = i;
      if (previous !== undefined && (best === undefined || i - previous < best)) best = i - previous;
      previous = i;
    }
    weekday = (weekday + 1) % 7;
    if (++day > daysInMonth(year, month)) {
      day = 1;
      if (++month > 12) {
        month = 1;
        year++;
      }
    }
  }
  if (first === undefined || previous === undefined) return undefined;
  const wrapGap = first + CYCLE_DAYS - previous;
  return best === undefined || wrapGap < best ? wrapGap : best;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The shortest wall-clock gap between two consecutive fire times, in seconds. */
export function shortestGapSeconds(spec: CronSpec): number | undefined {
  const days = hasEmptyTimeField(spec) ? undefined : dayGapDays(spec);
  if (days === undefined) return undefined;
  const seconds = setOf(spec.second);
  const minutes = setOf(spec.minute);
  const hours = setOf(spec.hour);
  const candidates: number[] = [];
  const firstSecond = seconds[0];
  const lastSecond = seconds[seconds.length - 1];
  const firstMinute = minutes[0] * 60 + firstSecond;
  const lastMinute = minutes[minutes.length - 1] * 60 + lastSecond;
  const firstOfDay = hours[0] * 3600 + firstMinute;
  const lastOfDay = hours[hours.length - 1] * 3600 + lastMinute;
  consecutive(seconds).forEach(([a, b]) => candidates.push(b - a));
  consecutive(minutes).forEach(([a, b]) => candidates.push((b - a) * 60 + firstSecond - lastSecond));
  consecutive(hours).forEach(([a, b]) => candidates.push((b - a) * 3600 + firstMinute - lastMinute));
  candidates.push(days * 86_400 + firstOfDay - lastOfDay);
  return Math.min(...candidates);
}

function setOf(field: CronField): number[] {
  const out: number[] = [];
  field.values.forEach((v, i) => { if (v) out.push(i); });
  return out;
}

function consecutive(values: number[]): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  for (let i = 1; i < values.length; i++) pairs.push([values[i - 1], values[i]]);
  return pairs;
}
