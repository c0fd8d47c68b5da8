import { INT64_MAX, INT64_MIN } from './_go-strconv';
import { interpretSuffix, scanQuantity } from './_quantity-grammar';
import { quoteText, requireString } from './_quote';
import { UnitError } from './unit-error';

/** How Kubernetes prints a quantity (it remembers the kind of suffix it was parsed with). */
export enum QuantityFormat {
  /** Powers of 1000: n, u, m, "", k, M, G, T, P, E. */
  DECIMAL_SI = 'DecimalSI',
  /** Powers of 1024: Ki, Mi, Gi, Ti, Pi, Ei. */
  BINARY_SI = 'BinarySI',
  /** "e" or "E" and a signed exponent: 1e9, 5E-3. */
  DECIMAL_EXPONENT = 'DecimalExponent',
}

const ALLOWED =
  'a Kubernetes quantity: an optionally signed decimal number and an optional suffix Ki, Mi, Gi, Ti, Pi, Ei ' +
  '(powers of 1024), n, u, m, k, M, G, T, P, E (powers of 1000) or e<exponent>, e.g. "256Mi", "0.5Gi", "512M", "1e9", "500m"';

/**
 * A Kubernetes resource quantity, parsed exactly as k8s.io/apimachinery `resource.ParseQuantity`
 * parses it: no blanks anywhere, values rounded away from zero to a multiple of 10^-9 ("0.9n" is
 * 1n), BinarySI values capped at 2^63-1 ("8Ei"), an "e" exponent truncated to 32 bits, and the
 * scanner's quirks kept ("1.", ".5", "1.G", "+" and "." all parse). Never floating point: the value
 * is kept as an integer times a power of ten.
 *
 * Note that Kubernetes' JSON decoding trims blanks around a quantity before calling ParseQuantity
 * (resources in manifests), while annotations are strings read with ParseQuantity itself, as here.
 */
export class Quantity {
  /** Parses `text` as Kubernetes' ParseQuantity does, or throws a UnitError. */
  public static parse(text: string): Quantity {
    const str = requireString(text, 'Quantity', ALLOWED);
    if (str === '') throw reject(str, 'it is empty');
    if (str === '0') return new Quantity(str, QuantityFormat.DECIMAL_SI, 0n, 0);

    const scan = scanQuantity(str);
    if (!scan.ok) throw reject(str, scan.reason);
    const meaning = interpretSuffix(scan.suffix);
    if (meaning === undefined) throw reject(str, `unknown suffix ${quoteText(scan.suffix)}`);
    let format = meaning.format as QuantityFormat;

    // The int64 fast path: exact, and (unlike the slow path) never capped.
    let precision: number;
    let scale = 0;
    let mantissa = 1n;
    if (meaning.base === 10) {
      scale = meaning.exponent;
      precision = 18 - (scan.num.length + scan.denom.length);
    } else if (meaning.exponent >= 0 && scan.denom.length === 0) {
      mantissa = 1n << BigInt(meaning.exponent);
      precision = 15 - scan.num.length - Math.trunc(Math.fround(Math.fround(meaning.exponent * 3) / 10)) - 1;
    } else {
      precision = -1;
    }
    if (precision >= 0) {
      scale = (scale - scan.denom.length) | 0;
      if (scale >= -9) {
        const product = BigInt(scan.num + scan.denom) * mantissa;
        if (product <= INT64_MAX) {
          return new Quantity(str, format, scan.positive ? product : -product, scale);
        }
      }
    }

    // The inf.Dec slow path.
    const decimal = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(scan.value);
    if (decimal === null || (decimal[2] + (decimal[3] ?? '')).length === 0) throw reject(str, 'the number has no digits');
    let unscaled = BigInt(`${decimal[1]}${decimal[2]}${decimal[3] ?? ''}` || '0');
    let decimalScale = (decimal[3] ?? '').length; // value = unscaled × 10^-decimalScale
    if (meaning.base === 10) {
      decimalScale = (decimalScale + (-meaning.exponent | 0)) | 0;
    } else {
      unscaled *= 1n << BigInt(meaning.exponent);
    }
    const negative = unscaled < 0n;
    let magnitude = negative ? -unscaled : unscaled;
    if (magnitude !== 0n && decimalScale > 9) {
      magnitude = divideRoundingUp(magnitude, decimalScale - 9);
      decimalScale = 9;
    }
    if (format === QuantityFormat.BINARY_SI) {
      if (compareScaled(magnitude, -decimalScale, INT64_MAX, 0) > 0) {
        magnitude = INT64_MAX;
        decimalScale = 0;
      }
      if (magnitude !== 0n && compareScaled(magnitude, -decimalScale, 1n, 0) < 0) format = QuantityFormat.DECIMAL_SI;
    }
    return new Quantity(str, format, negative ? -magnitude : magnitude, -decimalScale);
  }

  /** The text this quantity was parsed from. */
  public readonly text: string;
  /** The suffix kind Kubernetes remembers for printing. */
  public readonly format: QuantityFormat;
  /** value = unscaled × 10^exponent. */
  private readonly unscaled: bigint;
  private readonly exponent: number;

  private constructor(text: string, format: QuantityFormat, unscaled: bigint, exponent: number) {
    this.text = text;
    this.format = format;
    this.unscaled = unscaled;
    this.exponent = exponent;
  }

  /** -1, 0 or 1 for negative, zero and positive quantities. */
  public get sign(): -1 | 0 | 1 {
    return this.unscaled < 0n ? -1 : this.unscaled > 0n ? 1 : 0;
  }

  /** Quantity.Value(): the value rounded away from zero to an integer (bytes, for memory). */
  public toBytes(): bigint {
    return this.scaledValue(0, 'Value()');
  }

  /** Quantity.MilliValue(): the value × 1000 rounded away from zero (millicores, for CPU). */
  public toMillis(): bigint {
    return this.scaledValue(3, 'MilliValue()');
  }

  /** -1, 0 or 1 as this quantity is less than, equal to or greater than `other` (exactly). */
  public compare(other: Quantity): -1 | 0 | 1 {
    return compareScaled(this.unscaled, this.exponent, other.unscaled, other.exponent);
  }

  public toString(): string {
    return this.text;
  }

  /** value × 10^shift rounded away from zero; a UnitError where Kubernetes' int64 would overflow. */
  private scaledValue(shift: number, accessor: string): bigint {
    const negative = this.unscaled < 0n;
    const magnitude = negative ? -this.unscaled : this.unscaled;
    if (magnitude === 0n) return 0n;
    const e = this.exponent + shift;
    let result: bigint;
    if (e >= 0) {
      if (digitCount(magnitude) + e > 20) throw this.overflow(accessor);
      result = magnitude * 10n ** BigInt(e);
    } else {
      result = divideRoundingUp(magnitude, -e);
    }
    result = negative ? -result : result;
    if (result < INT64_MIN || result > INT64_MAX) throw this.overflow(accessor);
    return result;
  }

  private overflow(accessor: string): UnitError {
    return new UnitError(
      `Quantity ${quoteText(this.text)} is too large: Kubernetes' Quantity.${accessor} overflows int64 for it. ` +
        `Allowed: ${ALLOWED}, within ±9223372036854775807 after scaling.`,
      this.text,
    );
  }
}

function reject(text: string, reason: string): UnitError {
  return new UnitError(`Quantity ${quoteText(text)} is not valid for Kubernetes (resource.ParseQuantity): ${reason}. Allowed: ${ALLOWED}.`, text);
}

function digitCount(n: bigint): number {
  return n.toString().length;
}

/** ceil(magnitude / 10^places) for magnitude > 0, without building 10^places when it dwarfs magnitude. */
function divideRoundingUp(magnitude: bigint, places: number): bigint {
  if (places > digitCount(magnitude)) return 1n;
  const divisor = 10n ** BigInt(places);
  const quotient = magnitude / divisor;
  return magnitude % divisor === 0n ? quotient : quotient + 1n;
}

/** Compares a×10^ea with b×10^eb exactly, even for exponents far apart. */
function compareScaled(a: bigint, ea: number, b: bigint, eb: number): -1 | 0 | 1 {
  const signA = a < 0n ? -1 : a > 0n ? 1 : 0;
  const signB = b < 0n ? -1 : b > 0n ? 1 : 0;
  if (signA !== signB) return signA < signB ? -1 : 1;
  if (signA === 0) return 0;
  const absA = a < 0n ? -a : a;
  const absB = b < 0n ? -b : b;
  // Magnitudes by order of ten decide unless they are within one of each other.
  const orderA = digitCount(absA) + ea;
  const orderB = digitCount(absB) + eb;
  let cmp: -1 | 0 | 1;
  if (orderA !== orderB) {
    cmp = orderA < orderB ? -1 : 1;
  } else {
    const low = Math.min(ea, eb);
    const scaledA = absA * 10n ** BigInt(ea - low);
    const scaledB = absB * 10n ** BigInt(eb - low);
    cmp = scaledA < scaledB ? -1 : scaledA > scaledB ? 1 : 0;
  }
  return signA < 0 ? (-cmp as -1 | 0 | 1) : cmp;
}
