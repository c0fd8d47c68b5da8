/** Exact decimal text for the probe script's environment (never `1e-7`, never float noise). */

/** Nanoseconds as decimal seconds: 1500000000n -> `1.5`. */
export function nanosToSecondsText(ns: bigint): string {
  return scaledText(ns, 9);
}

/** Nanoseconds as decimal milliseconds: 1500000n -> `1.5`. */
export function nanosToMillisText(ns: bigint): string {
  return scaledText(ns, 6);
}

/** `value / 10^digits` as trimmed decimal text (value >= 0). */
export function scaledText(value: bigint, digits: number): string {
  const base = 10n ** BigInt(digits);
  const whole = value / base;
  const frac = (value % base).toString().padStart(digits, '0').replace(/0+$/, '');
  return frac === '' ? whole.toString() : `${whole}.${frac}`;
}
