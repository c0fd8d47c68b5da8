import { checkRange } from './_duration-range';
import { INT64_MAX } from './_go-strconv';
import { quoteText, requireString } from './_quote';
import { UnitError } from './unit-error';

/**
 * Go's time.ParseDuration and Duration.String(), ported to BigInt nanoseconds.
 *
 * Chaos Mesh reads every `duration`, `deadline` and `@every` interval with time.ParseDuration,
 * so this is the grammar a manifest must satisfy: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, units
 * ns, us, µs (U+00B5), μs (U+03BC), ms, s, m, h, and the bare "0". Fractions are computed the
 * way Go computes them (float64 for the fractional part), so "0.1234567891234h" gives Go's
 * nanosecond count, not the exact decimal one.
 */

const ALLOWED = 'a Go duration: a sequence of decimal numbers, each with an optional fraction and a unit ' +
  '(ns, us, µs, ms, s, m, h), optionally signed, e.g. "300ms", "1.5h", "2h45m"; or "0"';

const UNITS: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n],
  ['us', 1_000n],
  ['\u00b5s', 1_000n],
  ['\u03bcs', 1_000n],
  ['ms', 1_000_000n],
  ['s', 1_000_000_000n],
  ['m', 60_000_000_000n],
  ['h', 3_600_000_000_000n],
]);

const TWO_63 = 1n << 63n;

function invalid(text: string, reason: string): UnitError {
  return new UnitError(`Duration ${quoteText(text)} is not valid: ${reason}. Allowed: ${ALLOWED}.`, text);
}

/** time.ParseDuration: the duration in nanoseconds (negative allowed), or a UnitError. */
export function parseGoDuration(text: string): bigint {
  const orig = requireString(text, 'Duration', ALLOWED);
  let s = orig;
  let negative = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid(orig, orig === '' ? 'it is empty' : 'a sign must be followed by a number and a unit');

  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) throw invalid(orig, `expected a number at ${quoteText(s)}`);

    // The integer part: [0-9]*, with Go's overflow rule (the value may not pass 2^63).
    let whole = 0n;
    let i = 0;
    for (; i < s.length && isDigit(s[i]); i++) {
      if (whole > TWO_63 / 10n) throw invalid(orig, 'it overflows the int64 nanosecond range (about ±292 years)');
      whole = whole * 10n + BigInt(s.charCodeAt(i) - 0x30);
      if (whole > TWO_63) throw invalid(orig, 'it overflows the int64 nanosecond range (about ±292 years)');
    }
    const sawWhole = i > 0;
    s = s.slice(i);

    // The fraction: (\.[0-9]*)?, accumulated until it would overflow, then ignored.
    let fraction = 0n;
    let scale = 1;
    let sawFraction = false;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      let overflow = false;
      let j = 0;
      for (; j < s.length && isDigit(s[j]); j++) {
        if (overflow) continue;
        if (fraction > INT64_MAX / 10n) { overflow = true; continue; }
        const next = fraction * 10n + BigInt(s.charCodeAt(j) - 0x30);
        if (next > TWO_63) { overflow = true; continue; }
        fraction = next;
        scale *= 10;
      }
      sawFraction = j > 0;
      s = s.slice(j);
    }
    if (!sawWhole && !sawFraction) throw invalid(orig, 'a "." needs digits before or after it');

    // The unit: everything up to the next digit or ".".
    let k = 0;
    while (k < s.length && !(s[k] === '.' || isDigit(s[k]))) k++;
    if (k === 0) throw invalid(orig, 'a number is missing its unit');
    const unitText = s.slice(0, k);
    s = s.slice(k);
    const unit = UNITS.get(unitText);
    if (unit === undefined) throw invalid(orig, `unknown unit ${quoteText(unitText)}`);

    if (whole > TWO_63 / unit) throw invalid(orig, 'it overflows the int64 nanosecond range (about ±292 years)');
    let v = whole * unit;
    if (fraction > 0n) {
      // Go: uint64(float64(f) * (float64(unit) / scale)), all in float64.
      v += BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
      if (v > TWO_63) throw invalid(orig, 'it overflows the int64 nanosecond range (about ±292 years)');
    }
    total += v;
    if (total > TWO_63) throw invalid(orig, 'it overflows the int64 nanosecond range (about ±292 years)');
  }
  if (negative) return -total;
  if (total > INT64_MAX) throw invalid(orig, 'it overflows the int64 nanosecond range (about ±292 years)');
  return total;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Duration.String(): "1h30m0s", "1.5s", "200ms", "1µs", "0s". */
export function formatGoDuration(nanoseconds: bigint): string {
  checkRange(nanoseconds);
  const negative = nanoseconds < 0n;
  let u = negative ? -nanoseconds : nanoseconds;
  let out: string;
  if (u < 1_000_000_000n) {
    if (u === 0n) return '0s';
    let unit: string;
    let precision: number;
    if (u < 1_000n) { unit = 'ns'; precision = 0; }
    else if (u < 1_000_000n) { unit = '\u00b5s'; precision = 3; }
    else { unit = 'ms'; precision = 6; }
    const [fraction, rest] = formatFraction(u, precision);
    out = `${rest}${fraction}${unit}`;
  } else {
    const [fraction, seconds] = formatFraction(u, 9);
    u = seconds;
    out = `${u % 60n}${fraction}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return negative ? `-${out}` : out;
}

/** fmtFrac: the digits of v / 10^precision after the point, trailing zeros (and a bare point) dropped. */
function formatFraction(v: bigint, precision: number): [string, bigint] {
  let digits = '';
  let print = false;
  let rest = v;
  for (let i = 0; i < precision; i++) {
    const digit = rest % 10n;
    print = print || digit !== 0n;
    if (print) digits = `${digit}${digits}`;
    rest /= 10n;
  }
  return [print ? `.${digits}` : '', rest];
}
