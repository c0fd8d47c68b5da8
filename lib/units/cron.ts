import {
  CronField, CronFieldError, DAYS_OF_MONTH, DAYS_OF_WEEK, HOURS, MINUTES, MONTHS, SECONDS, allOf, only, parseCronField,
} from './_cron-fields';
import { CronSpec, dayGapDays, hasEmptyTimeField, nextWallTime, shortestGapSeconds } from './_cron-next';
import { fromWallClock, isKnownZone, toWallClock } from './_cron-zone';
import { goFields, goTrimSpace } from './_go-text';
import { GoDuration } from './go-duration';
import { parseGoDuration } from './_go-duration-text';
import { quoteText, requireString } from './_quote';
import { UnitError } from './unit-error';

const ALLOWED =
  '5 fields "minute hour day-of-month month day-of-week" optionally preceded by a seconds field ' +
  '(values, ranges a-b, steps */n or a-b/n, lists a,b, "*" or "?", month names JAN-DEC, weekday names SUN-SAT), ' +
  'or a descriptor @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or "@every <Go duration>", ' +
  'optionally prefixed by "TZ=<zone> " or "CRON_TZ=<zone> "';

/** The values each field of a schedule allows, sorted (weekdays 0-6 from Sunday, months 1-12). */
export interface CronFields {
  readonly seconds: number[];
  readonly minutes: number[];
  readonly hours: number[];
  readonly daysOfMonth: number[];
  readonly months: number[];
  readonly daysOfWeek: number[];
}

/**
 * A Chaos Mesh Schedule's `schedule`, parsed as its 2.8.2 webhook parses it: robfig/cron v3
 * `NewParser(SecondOptional | Minute | Hour | Dom | Month | Dow | Descriptor)`.
 *
 * Quirks kept from robfig: "@every" accepts any Go duration, rounding it down to whole seconds
 * and up to at least one second (so "@every 0s" and "@every -5s" fire every second); "*-5" is "*";
 * "N/step" runs to the field's maximum; when either day field is "*" both must match, otherwise
 * either may; "," is an empty field that never matches.
 *
 * Times: `next()` works in the schedule's `TZ=`/`CRON_TZ=` zone when one is given, else in UTC
 * (robfig uses the controller's local zone, which in the Chaos Mesh image is UTC). Wall times a
 * DST change skips are skipped, as robfig skips them; in the repeated hour of a change back,
 * robfig may fire twice where this fires once.
 */
export class CronSchedule {
  /** Parses a Chaos Mesh Schedule's cron text, or throws a UnitError quoting it. */
  public static parse(text: string): CronSchedule {
    const parts = parseCronParts(text);
    return new CronSchedule(text, parts);
  }

  /** The schedule text exactly as written. */
  public readonly text: string;
  /** The zone from a `TZ=`/`CRON_TZ=` prefix, if any. */
  public readonly timeZone: string | undefined;
  /** The descriptor ("@daily", "@every 5s", …) when the schedule is one. */
  public readonly descriptor: string | undefined;
  /** For "@every": the delay robfig really uses (whole seconds, at least 1s). */
  public readonly every: GoDuration | undefined;
  private readonly spec: CronSpec | undefined;
  private cachedGap: number | undefined | null = null;

  private constructor(text: string, parts: CronParts) {
    this.text = text;
    this.timeZone = parts.timeZone;
    this.descriptor = parts.descriptor;
    this.every = parts.every;
    this.spec = parts.spec;
  }

  /** The sorted values of each field (undefined for "@every"), for explaining a schedule. */
  public get fields(): CronFields | undefined {
    const spec = this.spec;
    if (spec === undefined) return undefined;
    const list = (f: CronField): number[] => f.values.flatMap((v, i) => (v ? [i] : []));
    return {
      seconds: list(spec.second), minutes: list(spec.minute), hours: list(spec.hour),
      daysOfMonth: list(spec.dayOfMonth), months: list(spec.month), daysOfWeek: list(spec.dayOfWeek),
    };
  }

  /** The next fire time strictly after `after`, or a UnitError when none comes within five years. */
  public next(after: Date): Date {
    const next = this.tryNext(after);
    if (next === undefined) {
      throw new UnitError(`Schedule ${quoteText(this.text)} never fires within five years of ${after.toISOString()}.`, this.text);
    }
    return next;
  }

  /** The next fire time strictly after `after`; undefined when robfig finds none within five years. */
  public tryNext(after: Date): Date | undefined {
    const afterMs = after.getTime();
    if (this.every !== undefined) {
      // ConstantDelaySchedule.Next: t + delay - t's sub-second part.
      const delayMs = Number(this.every.nanoseconds / 1_000_000n);
      return new Date(afterMs - (((afterMs % 1000) + 1000) % 1000) + delayMs);
    }
    let wall = nextWallTime(this.spec!, toWallClock(afterMs, this.timeZone));
    // A wall time a DST change skips does not exist; robfig never fires there, so look further.
    while (wall !== undefined && toWallClock(fromWallClock(wall, this.timeZone), this.timeZone) !== wall) {
      wall = nextWallTime(this.spec!, wall);
    }
    return wall === undefined ? undefined : new Date(fromWallClock(wall, this.timeZone));
  }

  /**
   * The shortest time between two consecutive fires (in the schedule's wall-clock time), or
   * undefined for a schedule that never fires: "*\/30 * * * * *" gives 30s, "*\/5 * * * *" 5m,
   * and "0 *\/5 * * *" (hours 0, 5, …, 20) 4h, from 20:00 to midnight.
   */
  public minInterval(): GoDuration | undefined {
    if (this.every !== undefined) return this.every;
    if (this.cachedGap === null) this.cachedGap = shortestGapSeconds(this.spec!);
    return this.cachedGap === undefined ? undefined : GoDuration.fromNanoseconds(BigInt(this.cachedGap) * 1_000_000_000n);
  }

  /** True when the schedule is well-formed but can never fire (e.g. "0 0 30 2 *"). */
  public neverFires(): boolean {
    if (this.every !== undefined) return false;
    return hasEmptyTimeField(this.spec!) || dayGapDays(this.spec!) === undefined;
  }

  public toString(): string {
    return this.text;
  }
}

/** @hidden (private to this module; kept out of the API reference) */
interface CronParts {
  readonly timeZone: string | undefined;
  readonly descriptor: string | undefined;
  readonly every: GoDuration | undefined;
  readonly spec: CronSpec | undefined;
}

function parseCronParts(text: string): CronParts {
  const orig = requireString(text, 'Schedule', ALLOWED);
  const fail = (reason: string): UnitError =>
    new UnitError(`Schedule ${quoteText(orig)} is refused by Chaos Mesh 2.8.2 (robfig/cron v3): ${reason}. Allowed: ${ALLOWED}.`, orig);
  if (orig.length === 0) throw fail('it is empty');

  let spec = orig;
  let timeZone: string | undefined;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    const eq = spec.indexOf('=');
    if (space === -1) throw fail('the time zone prefix must be followed by a space and the schedule');
    timeZone = spec.slice(eq + 1, space);
    if (!isKnownZone(timeZone)) throw fail(`unknown time zone ${quoteText(timeZone)} (use an IANA name such as "Europe/Berlin" or "UTC")`);
    spec = goTrimSpace(spec.slice(space));
  }

  if (spec.startsWith('@')) return parseDescriptor(spec, timeZone, fail);

  const fields = goFields(spec);
  if (fields.length < 5 || fields.length > 6) throw fail(`expected 5 to 6 fields, found ${fields.length}`);
  if (fields.length === 5) fields.unshift('0');
  const bounds = [SECONDS, MINUTES, HOURS, DAYS_OF_MONTH, MONTHS, DAYS_OF_WEEK];
  const parsed: CronField[] = [];
  for (let i = 0; i < 6; i++) {
    try {
      parsed.push(parseCronField(fields[i], bounds[i]));
    } catch (e) {
      if (e instanceof CronFieldError) throw fail(`${bounds[i].name} field ${quoteText(fields[i])}: ${e.message}`);
      throw e;
    }
  }
  const [second, minute, hour, dayOfMonth, month, dayOfWeek] = parsed;
  return { timeZone, descriptor: undefined, every: undefined, spec: { second, minute, hour, dayOfMonth, month, dayOfWeek } };
}

function parseDescriptor(descriptor: string, timeZone: string | undefined, fail: (reason: string) => UnitError): CronParts {
  const at = (second: CronField, minute: CronField, hour: CronField, dayOfMonth: CronField, month: CronField, dayOfWeek: CronField): CronParts =>
    ({ timeZone, descriptor, every: undefined, spec: { second, minute, hour, dayOfMonth, month, dayOfWeek } });
  const zero = [only(SECONDS, 0), only(MINUTES, 0)] as const;
  switch (descriptor) {
    case '@yearly':
    case '@annually':
      return at(...zero, only(HOURS, 0), only(DAYS_OF_MONTH, 1), only(MONTHS, 1), allOf(DAYS_OF_WEEK));
    case '@monthly':
      return at(...zero, only(HOURS, 0), only(DAYS_OF_MONTH, 1), allOf(MONTHS), allOf(DAYS_OF_WEEK));
    case '@weekly':
      return at(...zero, only(HOURS, 0), allOf(DAYS_OF_MONTH), allOf(MONTHS), only(DAYS_OF_WEEK, 0));
    case '@daily':
    case '@midnight':
      return at(...zero, only(HOURS, 0), allOf(DAYS_OF_MONTH), allOf(MONTHS), allOf(DAYS_OF_WEEK));
    case '@hourly':
      return at(...zero, allOf(HOURS), allOf(DAYS_OF_MONTH), allOf(MONTHS), allOf(DAYS_OF_WEEK));
    default:
      break;
  }
  if (descriptor.startsWith('@every ')) {
    let ns: bigint;
    try {
      ns = parseGoDuration(descriptor.slice('@every '.length));
    } catch {
      throw fail(`${quoteText(descriptor.slice('@every '.length))} after "@every " is not a Go duration (e.g. "30s", "5m", "1h30m")`);
    }
    // cron.Every: at least one second, sub-second parts dropped.
    const second = 1_000_000_000n;
    const clamped = ns < second ? second : ns;
    const every = GoDuration.fromNanoseconds(clamped - (clamped % second));
    return { timeZone, descriptor, every, spec: undefined };
  }
  throw fail(`unknown descriptor ${quoteText(descriptor)}`);
}
