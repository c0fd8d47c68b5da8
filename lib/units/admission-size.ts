import { utf8Bytes, goToLower } from './_go-text';
import { goFloatToInt64, goParseFloat } from './_go-strconv';
import { quoteText, requireString } from './_quote';
import { UnitError } from './unit-error';

/**
 * docker/go-units v0.5.0 `FromHumanSize`, which Chaos Mesh 2.8.2's StressChaos webhook calls on
 * `stressors.memory.size` (the `Bytes` validator in api/v1alpha1/stresschaos_webhook.go; sizes
 * ending in "%" are checked separately, see StressSize).
 *
 * The grammar, from v0.5.0's hand-written parseSize:
 * - the number is everything up to the last digit, "." or space (strings.LastIndexAny with
 *   "01234567890. "); a space there separates number and suffix and is dropped;
 * - the number is read by strconv.ParseFloat, so "1e3", "1_000", "0x1p4", ".5" and "5." pass,
 *   and "nan"/"inf" pass when a space follows them;
 * - negative numbers are refused ("-0" is not negative);
 * - the suffix is at most 3 bytes and case-insensitive: "", "b", or k/m/g/t/p optionally followed
 *   by "b" or "ib". The multiplier is DECIMAL in every case: "512MiB" is 512×10^6 bytes, and
 *   "Mi" (no "b") is refused.
 *
 * The arithmetic is Go's: float64 number × float64 multiplier, truncated by int64(). JavaScript
 * numbers are the same binary64, so the result is bit-for-bit Go's, including its rounding
 * ("1.005kB" is 1004 bytes, as in Go). Results outside int64 (and NaN) become -2^63, which is what
 * int64() yields on amd64; the webhook accepts such sizes, it just cannot mean anything by them.
 */
export function parseAdmissionSize(text: string): bigint {
  const size = requireString(text, 'Memory stressor size', ALLOWED);
  const sep = lastIndexOfAny(size, '01234567890. ');
  if (sep === -1) throw reject(size, 'it has no digits');
  const num = size[sep] === ' ' ? size.slice(0, sep) : size.slice(0, sep + 1);
  const suffix = size.slice(sep + 1);

  const parsed = goParseFloat(num);
  if (!parsed.ok) {
    throw reject(size, parsed.error === 'range' ? `${quoteText(num)} is out of the float64 range` : `${quoteText(num)} is not a number`);
  }
  let value = parsed.value;
  if (value < 0) throw reject(size, 'negative sizes are refused');
  if (suffix.length === 0) return goFloatToInt64(value);

  // Go measures and indexes the suffix in UTF-8 bytes, before and after lower-casing.
  if (utf8Bytes(suffix).length > 3) throw reject(size, `the suffix ${quoteText(suffix)} is longer than 3 bytes`);
  const lower = utf8Bytes(goToLower(suffix));
  if (lower[0] === 0x62 /* b */) {
    if (lower.length > 1) throw reject(size, `nothing may follow "b" in the suffix ${quoteText(suffix)}`);
    return goFloatToInt64(value);
  }
  const multiplier = DECIMAL_MULTIPLIERS.get(lower[0]);
  if (multiplier === undefined) throw reject(size, `unknown suffix ${quoteText(suffix)}`);
  value *= multiplier;
  if (lower.length === 2 && lower[1] !== 0x62) {
    throw reject(size, `the suffix ${quoteText(suffix)} must end in "b" or "ib"`);
  }
  if (lower.length === 3 && !(lower[1] === 0x69 /* i */ && lower[2] === 0x62)) {
    throw reject(size, `the suffix ${quoteText(suffix)} must end in "b" or "ib"`);
  }
  return goFloatToInt64(value);
}

const ALLOWED =
  'a number with an optional suffix B, K/KB/KiB, M/MB/MiB, G/GB/GiB, T/TB/TiB or P/PB/PiB (case-insensitive, ' +
  'all read as powers of 1000 by Chaos Mesh 2.8.2), e.g. "512MB"; Kubernetes-style "Mi"/"Gi" is refused';

/** k, m, g, t, p (as lower-case bytes) to their decimal multipliers. */
const DECIMAL_MULTIPLIERS: ReadonlyMap<number, number> = new Map([
  [0x6b, 1e3],
  [0x6d, 1e6],
  [0x67, 1e9],
  [0x74, 1e12],
  [0x70, 1e15],
]);

function lastIndexOfAny(s: string, chars: string): number {
  for (let i = s.length - 1; i >= 0; i--) {
    if (chars.includes(s[i])) return i;
  }
  return -1;
}

function reject(text: string, reason: string): UnitError {
  return new UnitError(
    `Memory stressor size ${quoteText(text)} is refused by Chaos Mesh 2.8.2 admission (docker/go-units ` +
      `FromHumanSize): ${reason}. Allowed: ${ALLOWED}.`,
    text,
  );
}
