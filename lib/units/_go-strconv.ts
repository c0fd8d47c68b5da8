/**
 * Ports of the few Go strconv functions the upstream parsers call: ParseFloat(s, 64), Atoi and
 * ParseFloat(s, 32) (the Chaos Mesh webhook's `FloatStr` fields, which lint checks), plus Go's
 * float64-to-integer conversions. JavaScript numbers are IEEE-754 binary64 exactly like Go's
 * float64, so wherever Go computes in float64 we compute the same bits; the grammar (signs,
 * underscores, hex floats, "inf"/"nan") is checked here because JavaScript's `Number()` accepts a
 * different language.
 */

export const INT64_MIN = -(1n << 63n);
export const INT64_MAX = (1n << 63n) - 1n;
export const TWO_POW_63 = 2 ** 63;
export const TWO_POW_64 = 2 ** 64;

/** Outcome of ParseFloat: a value, or Go's ErrSyntax / ErrRange. */
export type GoFloat = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly error: 'syntax' | 'range' };

const SYNTAX: GoFloat = { ok: false, error: 'syntax' };
const RANGE: GoFloat = { ok: false, error: 'range' };

/** strconv.ParseFloat(s, 64). Subnormal results flush to zero (no caller can observe the difference: they truncate to integers). */
export function goParseFloat(s: string): GoFloat {
  const special = parseSpecial(s);
  if (special !== undefined) return special;

  const read = readFloat(s);
  if (read === undefined) return SYNTAX;
  let value: number;
  if (read.hex) {
    value = hexToDouble(read.digits, read.binaryExponent);
  } else {
    value = read.digits.length === 0 ? 0 : Number(`${read.digits}e${read.decimalExponent}`);
  }
  if (!Number.isFinite(value)) return RANGE;
  return { ok: true, value: read.negative ? -value : value };
}

/** float32 overflows from here on (the largest float32 plus half an ulp rounds to infinity). */
const FLOAT32_OVERFLOW = 3.4028235677973366e38;

/**
 * strconv.ParseFloat(s, 32): the same grammar as {@link goParseFloat}, and ErrRange once the value
 * overflows float32. The value is the float64 nearest the text, not rounded to float32 (lint only
 * asks whether Go accepts the text).
 */
export function goParseFloat32(s: string): GoFloat {
  const parsed = goParseFloat(s);
  if (parsed.ok && Number.isFinite(parsed.value) && Math.abs(parsed.value) >= FLOAT32_OVERFLOW) return RANGE;
  return parsed;
}

/** Go's error text for ErrSyntax and ErrRange, as `strconv.NumError` prints it. */
export const GO_NUM_ERROR_TEXT: Readonly<Record<'syntax' | 'range', string>> = {
  syntax: 'invalid syntax',
  range: 'value out of range',
};

/** special(): optional sign then "inf"/"infinity", or "nan" (no sign), case-insensitive, nothing after. */
function parseSpecial(s: string): GoFloat | undefined {
  if (s.length === 0) return undefined;
  let rest = s;
  let sign = 1;
  let signLength = 0;
  if (s[0] === '+' || s[0] === '-') {
    sign = s[0] === '-' ? -1 : 1;
    signLength = 1;
    rest = s.slice(1);
  } else if (s[0] === 'n' || s[0] === 'N') {
    if (commonPrefixIgnoreCase(rest, 'nan') === 3) {
      return s.length === 3 ? { ok: true, value: NaN } : SYNTAX;
    }
    return undefined;
  } else if (s[0] !== 'i' && s[0] !== 'I') {
    return undefined;
  }
  let n = commonPrefixIgnoreCase(rest, 'infinity');
  if (n > 3 && n < 8) n = 3;
  if (n === 3 || n === 8) {
    return signLength + n === s.length ? { ok: true, value: sign * Infinity } : SYNTAX;
  }
  return undefined;
}

function commonPrefixIgnoreCase(s: string, prefix: string): number {
  let n = 0;
  while (n < prefix.length && n < s.length) {
    const c = s.charCodeAt(n);
    const lower = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
    if (lower !== prefix.charCodeAt(n)) break;
    n++;
  }
  return n;
}

interface ReadFloat {
  readonly negative: boolean;
  readonly hex: boolean;
  /** All mantissa digits, without the point and underscores. */
  readonly digits: string;
  /** value = digits × 10^decimalExponent (decimal form). */
  readonly decimalExponent: number;
  /** value = digits(hex) × 2^binaryExponent (hex form). */
  readonly binaryExponent: number;
}

/** readFloat(): the Go grammar, including its exponent cap (digits stop counting at 10000). */
function readFloat(s: string): ReadFloat | undefined {
  let i = 0;
  let negative = false;
  let underscores = false;
  if (i >= s.length) return undefined;
  if (s[i] === '+') i++;
  else if (s[i] === '-') { negative = true; i++; }

  let hex = false;
  let expChar = 'e';
  if (i + 2 < s.length && s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X')) {
    hex = true;
    expChar = 'p';
    i += 2;
  }
  let sawDot = false;
  let sawDigits = false;
  let digits = '';
  let fractionDigits = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '_') { underscores = true; continue; }
    if (c === '.') {
      if (sawDot) break;
      sawDot = true;
      continue;
    }
    const isDecimal = c >= '0' && c <= '9';
    const isHexLetter = hex && /[a-fA-F]/.test(c);
    if (!isDecimal && !isHexLetter) break;
    sawDigits = true;
    digits += c;
    if (sawDot) fractionDigits++;
  }
  if (!sawDigits) return undefined;

  let exponent = 0;
  if (i < s.length && s[i].toLowerCase() === expChar) {
    i++;
    if (i >= s.length) return undefined;
    let esign = 1;
    if (s[i] === '+') i++;
    else if (s[i] === '-') { i++; esign = -1; }
    if (i >= s.length || s[i] < '0' || s[i] > '9') return undefined;
    let e = 0;
    for (; i < s.length && ((s[i] >= '0' && s[i] <= '9') || s[i] === '_'); i++) {
      if (s[i] === '_') { underscores = true; continue; }
      if (e < 10000) e = e * 10 + (s.charCodeAt(i) - 0x30);
    }
    exponent = e * esign;
  } else if (hex) {
    return undefined; // a hex mantissa needs a 'p' exponent
  }
  if (i !== s.length) return undefined;
  if (underscores && !underscoreOK(s)) return undefined;

  return {
    negative,
    hex,
    digits,
    decimalExponent: exponent - fractionDigits,
    binaryExponent: exponent - 4 * fractionDigits,
  };
}

/** underscoreOK(): underscores only between digits, or between a base prefix and a digit. */
function underscoreOK(str: string): boolean {
  let s = str;
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && /[bBoOxX]/.test(s[1])) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) { saw = '0'; continue; }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** Correctly rounded (ties to even) value of hexDigits × 2^exponent; Infinity on overflow. */
function hexToDouble(hexDigits: string, exponent: number): number {
  const exact = BigInt(`0x${hexDigits}`);
  if (exact === 0n) return 0;
  const bits = exact.toString(2).length;
  // Keep 53 significant bits, or fewer when the result is subnormal (lowest bit 2^-1074).
  const lowestKeptExponent = Math.max(exponent + bits - 53, -1074);
  const shift = lowestKeptExponent - exponent;
  let mantissa = exact;
  if (shift > 0) {
    const s = BigInt(shift);
    const remainder = exact & ((1n << s) - 1n);
    const half = 1n << (s - 1n);
    mantissa = exact >> s;
    if (remainder > half || (remainder === half && (mantissa & 1n) === 1n)) mantissa += 1n;
  }
  const exp2 = shift > 0 ? lowestKeptExponent : exponent;
  if (mantissa.toString(2).length - 1 + exp2 > 1023) return Infinity;
  // Both factors and the product are exactly representable, so this multiplication is exact.
  return exp2 < -1022 ? Number(mantissa) * 2 ** -1074 * 2 ** (exp2 + 1074) : Number(mantissa) * 2 ** exp2;
}

/** strconv.Atoi on 64-bit: optional sign, ASCII digits only (no underscores), int64 range. */
export function goAtoi(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const value = BigInt(s);
  return value < INT64_MIN || value > INT64_MAX ? undefined : value;
}

/**
 * int64(f) as compiled for amd64 (CVTTSD2SQ): truncation toward zero, and the "integer
 * indefinite" value -2^63 for NaN and anything outside the int64 range.
 */
export function goFloatToInt64(f: number): bigint {
  if (Number.isNaN(f) || f >= TWO_POW_63 || f < -TWO_POW_63) return INT64_MIN;
  return BigInt(Math.trunc(f));
}
