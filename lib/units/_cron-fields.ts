/**
 * robfig/cron v3 field parsing (parser.go getField/getRange/parseIntOrName, spec.go bounds),
 * returning bit sets as boolean arrays plus the "star" flag that changes how day-of-month and
 * day-of-week combine.
 */
import { goToLower } from './_go-text';
import { goAtoi } from './_go-strconv';

export interface CronField {
  /** values[i] is true when i is in the set. */
  readonly values: readonly boolean[];
  /** robfig's starBit: set by "*" or "?" (with no step above 1); makes day matching an AND. */
  readonly star: boolean;
}

export interface CronBounds {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

export const SECONDS: CronBounds = { name: 'second', min: 0, max: 59 };
export const MINUTES: CronBounds = { name: 'minute', min: 0, max: 59 };
export const HOURS: CronBounds = { name: 'hour', min: 0, max: 23 };
export const DAYS_OF_MONTH: CronBounds = { name: 'day of month', min: 1, max: 31 };
export const MONTHS: CronBounds = {
  name: 'month', min: 1, max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
export const DAYS_OF_WEEK: CronBounds = {
  name: 'day of week', min: 0, max: 6,
  names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 },
};

/** A field error in robfig's words (the caller adds the schedule text and what is allowed). */
export class CronFieldError extends Error {}

/** getField: a comma-separated list of ranges (empty list elements are skipped, as in Go). */
export function parseCronField(field: string, bounds: CronBounds): CronField {
  const values: boolean[] = new Array(bounds.max + 1).fill(false);
  let star = false;
  for (const expr of field.split(',').filter((part) => part !== '')) {
    star = parseRange(expr, bounds, values) || star;
  }
  return { values, star };
}

/** A field with every value set, plus the star flag (robfig's all()). */
export function allOf(bounds: CronBounds): CronField {
  const values: boolean[] = new Array(bounds.max + 1).fill(false);
  for (let i = bounds.min; i <= bounds.max; i++) values[i] = true;
  return { values, star: true };
}

/** A field holding one value (robfig's `1 << bounds.min` in descriptors). */
export function only(bounds: CronBounds, value: number): CronField {
  const values: boolean[] = new Array(bounds.max + 1).fill(false);
  values[value] = true;
  return { values, star: false };
}

/** getRange: `*`, `?`, `N`, `N-M`, each optionally `/step`; sets bits and returns the star flag. */
function parseRange(expr: string, bounds: CronBounds, values: boolean[]): boolean {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: bigint;
  let end: bigint;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    // robfig ignores anything after a hyphen here: "*-5" is "*".
    start = BigInt(bounds.min);
    end = BigInt(bounds.max);
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0], bounds);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], bounds);
    else throw new CronFieldError(`too many hyphens in ${JSON.stringify(expr)}`);
  }

  let step = 1n;
  if (rangeAndStep.length === 2) {
    step = parseNonNegative(rangeAndStep[1]);
    if (singleDigit) end = BigInt(bounds.max); // "N/step" means "N-max/step"
    if (step > 1n) star = false;
  } else if (rangeAndStep.length > 2) {
    throw new CronFieldError(`too many slashes in ${JSON.stringify(expr)}`);
  }

  if (start < BigInt(bounds.min)) {
    throw new CronFieldError(`${bounds.name} ${start} in ${JSON.stringify(expr)} is below the minimum ${bounds.min}`);
  }
  if (end > BigInt(bounds.max)) {
    throw new CronFieldError(`${bounds.name} ${end} in ${JSON.stringify(expr)} is above the maximum ${bounds.max}`);
  }
  if (start > end) {
    throw new CronFieldError(`the range ${JSON.stringify(expr)} starts (${start}) after it ends (${end})`);
  }
  if (step === 0n) throw new CronFieldError(`the step in ${JSON.stringify(expr)} must be a positive number`);

  for (let i = Number(start); i <= Number(end); i += Number(step)) values[i] = true;
  return star;
}

function parseIntOrName(expr: string, bounds: CronBounds): bigint {
  if (bounds.names !== undefined) {
    const named = bounds.names[goToLower(expr)];
    if (named !== undefined && Object.prototype.hasOwnProperty.call(bounds.names, goToLower(expr))) return BigInt(named);
  }
  return parseNonNegative(expr);
}

/** mustParseInt: strconv.Atoi, then negative numbers refused. */
function parseNonNegative(expr: string): bigint {
  const value = goAtoi(expr);
  if (value === undefined) throw new CronFieldError(`${JSON.stringify(expr)} is not a number${expr === '' ? ' (empty)' : ''}`);
  if (value < 0n) throw new CronFieldError(`negative number ${value} in ${JSON.stringify(expr)} is not allowed`);
  return value;
}
