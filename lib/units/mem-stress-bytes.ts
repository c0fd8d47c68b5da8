import { goIsDigit, goToLower, goTrimSpace } from './_go-text';
import { TWO_POW_64, goParseFloat } from './_go-strconv';
import { quoteText, requireString } from './_quote';
import { UnitError } from './unit-error';

/**
 * dustin/go-humanize v1.0.1 `ParseBytes`, which memStress (the allocator Chaos Mesh 2.8.2's
 * chaos-daemon runs for a memory stressor) uses to read `--size`. The daemon passes the
 * manifest's size text through unchanged, so this decides how many bytes are really taken.
 *
 * The grammar, from ParseBytes:
 * - the number is the leading run of digits, "." and "," (commas are dropped: "1,024" is 1024);
 *   a non-ASCII digit in that run makes Go's byte slicing fail, so it is refused;
 * - the number is read by strconv.ParseFloat, so "1.5" and ".5" pass, but "1e3", "0x10",
 *   "1_000" and signs do not (the run stops before "e", "x", "_", "+", "-");
 * - the rest, trimmed of spaces and lower-cased, must be a unit from the table: "" or "b";
 *   k/kb, m/mb, g/gb, t/tb, p/pb, e/eb (powers of 1000); ki/kib … ei/eib (powers of 1024).
 *   So "MB" is 10^6 and "MiB" and "Mi" are 2^20, unlike admission.
 *
 * The arithmetic is Go's float64 product truncated by uint64(); results of 2^64 or more are
 * refused ("too large"), as in Go.
 */
export function parseMemStressBytes(text: string): bigint {
  const s = requireString(text, 'memStress size', ALLOWED);
  let run = '';
  let hasNonAsciiDigit = false;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (!(goIsDigit(cp) || ch === '.' || ch === ',')) break;
    if (cp > 0x7f) hasNonAsciiDigit = true;
    run += ch;
  }
  if (hasNonAsciiDigit) throw reject(s, `${quoteText(run)} contains a non-ASCII digit`);

  const num = run.replace(/,/g, '');
  const parsed = goParseFloat(num);
  if (!parsed.ok) {
    throw reject(s, run === '' ? 'it does not start with a number' : `${quoteText(num)} is not a number`);
  }
  const unitText = goToLower(goTrimSpace(s.slice(run.length)));
  const multiplier = UNITS.get(unitText);
  if (multiplier === undefined) throw reject(s, `unknown unit ${quoteText(unitText)}`);
  const value = parsed.value * multiplier;
  if (value >= TWO_POW_64) throw reject(s, 'it is 2^64 bytes or more');
  return BigInt(Math.trunc(value));
}

const ALLOWED =
  'a number (digits, ".", "," separators) and an optional unit B, KB/K, MB/M, GB/G, TB/T, PB/P, EB/E (powers of 1000) ' +
  'or KiB/Ki, MiB/Mi, GiB/Gi, TiB/Ti, PiB/Pi, EiB/Ei (powers of 1024), case-insensitive, e.g. "512MB"';

const KI = 1024;
const UNITS: ReadonlyMap<string, number> = new Map([
  ['', 1], ['b', 1],
  ['k', 1e3], ['kb', 1e3], ['ki', KI], ['kib', KI],
  ['m', 1e6], ['mb', 1e6], ['mi', KI ** 2], ['mib', KI ** 2],
  ['g', 1e9], ['gb', 1e9], ['gi', KI ** 3], ['gib', KI ** 3],
  ['t', 1e12], ['tb', 1e12], ['ti', KI ** 4], ['tib', KI ** 4],
  ['p', 1e15], ['pb', 1e15], ['pi', KI ** 5], ['pib', KI ** 5],
  ['e', 1e18], ['eb', 1e18], ['ei', KI ** 6], ['eib', KI ** 6],
]);

function reject(text: string, reason: string): UnitError {
  return new UnitError(
    `Memory stressor size ${quoteText(text)} cannot be read by memStress (go-humanize ParseBytes): ${reason}. ` +
      `Allowed: ${ALLOWED}.`,
    text,
  );
}
