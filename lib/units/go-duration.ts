import { exactIntegerProduct } from './_decimal';
import { checkRange } from './_duration-range';
import { formatGoDuration, parseGoDuration } from './_go-duration-text';
import { UnitError } from './unit-error';

const NS_PER_MS = 1_000_000n;
const NS_PER_S = 1_000_000_000n;
const NS_PER_M = 60n * NS_PER_S;
const NS_PER_H = 60n * NS_PER_M;

/**
 * A Go time.Duration as a value, for `duration`, `deadline` and `@every` fields.
 *
 * Built from a number (`GoDuration.minutes(3)`) it prints a compact form Go reads back to the
 * same value: the factory's own unit when the amount is whole (`3m`, `90s`, `200ms`, `2h`),
 * otherwise hours, minutes and seconds with zero parts left out (`1h30m`, `1m30s`, `1.5s`,
 * sub-second values as `200ms`, `1.5us`, `999ns`). Parsed from text it keeps that text, so a
 * manifest says exactly what its author wrote.
 */
export class GoDuration {
  /** Parses Go duration text (time.ParseDuration) and keeps the text for output. */
  public static parse(text: string): GoDuration {
    return new GoDuration(parseGoDuration(text), text);
  }

  /** A duration of exactly `nanoseconds`, printed in the compact form. */
  public static fromNanoseconds(nanoseconds: bigint): GoDuration {
    checkRange(nanoseconds);
    return new GoDuration(nanoseconds, undefined);
  }

  /** `amount` milliseconds (may be fractional down to whole nanoseconds). */
  public static millis(amount: number): GoDuration {
    return GoDuration.fromAmount(amount, NS_PER_MS, 'ms', 'millis');
  }

  /** `amount` seconds (may be fractional down to whole nanoseconds). */
  public static seconds(amount: number): GoDuration {
    return GoDuration.fromAmount(amount, NS_PER_S, 's', 'seconds');
  }

  /** `amount` minutes (may be fractional down to whole nanoseconds). */
  public static minutes(amount: number): GoDuration {
    return GoDuration.fromAmount(amount, NS_PER_M, 'm', 'minutes');
  }

  /** `amount` hours (may be fractional down to whole nanoseconds). */
  public static hours(amount: number): GoDuration {
    return GoDuration.fromAmount(amount, NS_PER_H, 'h', 'hours');
  }

  private static fromAmount(amount: number, unitNs: bigint, unit: string, factory: string): GoDuration {
    const ns = typeof amount === 'number' ? exactIntegerProduct(amount, unitNs) : undefined;
    if (ns === undefined) {
      throw new UnitError(
        `GoDuration.${factory}(${String(amount)}) is not a whole number of nanoseconds; ` +
          'allowed: a finite number whose value in nanoseconds is an integer.',
        amount,
      );
    }
    checkRange(ns);
    return new GoDuration(ns, Number.isInteger(amount) ? `${ns / unitNs}${unit}` : undefined);
  }

  /** The duration in nanoseconds (Go's int64 time.Duration). */
  public readonly nanoseconds: bigint;
  private readonly originalText: string | undefined;

  private constructor(nanoseconds: bigint, originalText: string | undefined) {
    this.nanoseconds = nanoseconds;
    this.originalText = originalText;
  }

  /** The text for a manifest: the parsed original, or the compact form (see the class comment). */
  public get text(): string {
    return this.originalText ?? compactGoDuration(this.nanoseconds);
  }

  /** Go's Duration.String() of this value, e.g. "1h30m0s". */
  public toGoString(): string {
    return formatGoDuration(this.nanoseconds);
  }

  /** Milliseconds as a number (fractional below one millisecond). */
  public toMilliseconds(): number {
    return Number(this.nanoseconds) / 1e6;
  }

  /** Seconds as a number (fractional below one second). */
  public toSeconds(): number {
    return Number(this.nanoseconds) / 1e9;
  }

  /** The sum, printed in the compact form; a UnitError if it leaves Go's int64 range. */
  public plus(other: GoDuration): GoDuration {
    return GoDuration.fromNanoseconds(this.nanoseconds + other.nanoseconds);
  }

  /** -1, 0 or 1 as this duration is shorter than, equal to or longer than `other`. */
  public compare(other: GoDuration): -1 | 0 | 1 {
    if (this.nanoseconds < other.nanoseconds) return -1;
    return this.nanoseconds > other.nanoseconds ? 1 : 0;
  }

  /** True when both durations are the same number of nanoseconds (whatever their text). */
  public equals(other: GoDuration): boolean {
    return this.nanoseconds === other.nanoseconds;
  }

  /** True for durations longer than zero. */
  public isPositive(): boolean {
    return this.nanoseconds > 0n;
  }

  public toString(): string {
    return this.text;
  }

  /** Serialises as the manifest text. */
  public toJSON(): string {
    return this.text;
  }
}

/**
 * The compact Go duration text of `nanoseconds`: h, m and s parts with zero parts left out
 * (`1h30m`, `1h0.5s`, `-1m30s`); below one second a single ms, us or ns part (`1.5us`).
 * Go reads it back to exactly `nanoseconds`: fractions only ever sit on s, ms or us with at
 * most 9, 6 or 3 digits, where Go's float64 fraction arithmetic is exact.
 */
export function compactGoDuration(nanoseconds: bigint): string {
  checkRange(nanoseconds);
  if (nanoseconds === 0n) return '0s';
  const negative = nanoseconds < 0n;
  const u = negative ? -nanoseconds : nanoseconds;
  let out: string;
  if (u < NS_PER_S) {
    out = formatGoDuration(u).replace('\u00b5s', 'us');
  } else {
    const hours = u / NS_PER_H;
    const minutes = (u % NS_PER_H) / NS_PER_M;
    const secondsNs = u % NS_PER_M;
    out = '';
    if (hours > 0n) out += `${hours}h`;
    if (minutes > 0n) out += `${minutes}m`;
    if (secondsNs > 0n) out += decimalSeconds(secondsNs);
  }
  return negative ? `-${out}` : out;
}

function decimalSeconds(ns: bigint): string {
  const whole = ns / NS_PER_S;
  const fraction = (ns % NS_PER_S).toString().padStart(9, '0').replace(/0+$/, '');
  return fraction === '' ? `${whole}s` : `${whole}.${fraction}s`;
}
