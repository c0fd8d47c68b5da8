/**
 * Exact decimal arithmetic for factory arguments such as `GoDuration.minutes(1.5)` or
 * `StressSize.megabytes(0.5)`: the number is read as the shortest decimal that prints it
 * (what the author typed), never as its binary64 approximation, so 0.1 s is 100000000 ns.
 */

/** A number as numerator / 10^scale, from its shortest round-trip decimal form. */
export interface ExactDecimal {
  readonly numerator: bigint;
  readonly scale: number;
}

/** The exact decimal of a finite number (`undefined` for NaN and ±Infinity). */
export function exactDecimal(value: number): ExactDecimal | undefined {
  if (!Number.isFinite(value)) return undefined;
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (match === null) return undefined;
  const [, sign, whole, fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText);
  let numerator = BigInt(`${sign}${whole}${fraction}`);
  let scale = fraction.length - exponent;
  if (scale < 0) {
    numerator *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { numerator, scale };
}

/** value × multiplier when that is a whole number, else `undefined`. */
export function exactIntegerProduct(value: number, multiplier: bigint): bigint | undefined {
  const decimal = exactDecimal(value);
  if (decimal === undefined) return undefined;
  const product = decimal.numerator * multiplier;
  const divisor = 10n ** BigInt(decimal.scale);
  return product % divisor === 0n ? product / divisor : undefined;
}
