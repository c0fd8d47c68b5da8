/**
 * The scanner half of Kubernetes' resource.ParseQuantity (k8s.io/apimachinery
 * pkg/api/resource/quantity.go parseQuantityString, suffix.go interpret), kept separate from the
 * arithmetic so each can be read against its Go original.
 */

export type QuantityScan =
  | {
    readonly ok: true;
    readonly positive: boolean;
    /** The signed number as written (what inf.Dec.SetString reads on the slow path). */
    readonly value: string;
    /** Integer digits, leading zeros stripped ("0" when none are left). */
    readonly num: string;
    /** Fraction digits as written. */
    readonly denom: string;
    readonly suffix: string;
  }
  | { readonly ok: false; readonly reason: string };

const SUFFIX_CHARS = 'eEinumkKMGTP';

/** parseQuantityString: sign, digits, optional fraction, then suffix letters, sign and digits. */
export function scanQuantity(str: string): QuantityScan {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end) {
    if (str[0] === '-') { positive = false; pos++; } else if (str[0] === '+') { pos++; }
  }
  // Leading zeros; a string of nothing but zeros (or a bare sign) is zero.
  for (let i = pos; ; i++) {
    if (i >= end) return { ok: true, positive, value: '0', num: '0', denom: '', suffix: '' };
    if (str[i] !== '0') break;
    pos++;
  }
  let num = '';
  let i = pos;
  for (; ; i++) {
    if (i >= end) {
      return { ok: true, positive, value: str, num: str.slice(pos) || '0', denom: '', suffix: '' };
    }
    if (!isDigit(str[i])) break;
  }
  num = str.slice(pos, i) || '0';
  pos = i;

  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    let j = pos;
    for (; ; j++) {
      if (j >= end) return { ok: true, positive, value: str, num, denom: str.slice(pos), suffix: '' };
      if (!isDigit(str[j])) break;
    }
    denom = str.slice(pos, j);
    pos = j;
  }
  const value = str.slice(0, pos);

  const suffixStart = pos;
  for (let k = pos; ; k++) {
    if (k >= end) return { ok: true, positive, value, num, denom, suffix: str.slice(suffixStart) };
    if (!SUFFIX_CHARS.includes(str[k])) { pos = k; break; }
  }
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  for (let k = pos; ; k++) {
    if (k >= end) return { ok: true, positive, value, num, denom, suffix: str.slice(suffixStart) };
    if (!isDigit(str[k])) break;
  }
  return { ok: false, reason: `unexpected ${JSON.stringify(str.slice(pos))} after the number` };
}

export type QuantityFormatName = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface SuffixMeaning {
  readonly base: 10 | 2;
  /** int32, as Go stores it (an "e" exponent is truncated to 32 bits). */
  readonly exponent: number;
  readonly format: QuantityFormatName;
}

const DECIMAL_SI: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SI: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** suffixHandler.interpret: decimal SI, binary SI, then "e"/"E" followed by a Go int64. */
export function interpretSuffix(suffix: string): SuffixMeaning | undefined {
  if (Object.prototype.hasOwnProperty.call(DECIMAL_SI, suffix)) {
    return { base: 10, exponent: DECIMAL_SI[suffix], format: 'DecimalSI' };
  }
  if (Object.prototype.hasOwnProperty.call(BINARY_SI, suffix)) {
    return { base: 2, exponent: BINARY_SI[suffix], format: 'BinarySI' };
  }
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const digits = suffix.slice(1);
    if (!/^[+-]?[0-9]+$/.test(digits)) return undefined;
    const parsed = BigInt(digits);
    if (parsed < -(1n << 63n) || parsed > (1n << 63n) - 1n) return undefined;
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
  }
  return undefined;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}
