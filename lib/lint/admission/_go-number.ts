/**
 * The two Go number parsers the Chaos Mesh 2.8.2 webhook applies to strings: `strconv.Atoi`
 * (selector values, percentages) and `strconv.ParseFloat(s, 32)` (the `FloatStr` fields:
 * correlations, loss, duplicate, corrupt, reorder). Only whether Go accepts the text matters
 * here, plus the value for range checks.
 */

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** `strconv.Atoi`: optional sign and decimal digits, within int64; undefined when Go refuses it. */
export function goAtoi(text: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const value = BigInt(text);
  return value < INT64_MIN || value > INT64_MAX ? undefined : value;
}

export type GoFloatCheck = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: string };

/** float32 overflows from here on (the largest float32 plus half an ulp rounds to infinity). */
const FLOAT32_OVERFLOW = 3.4028235677973366e38;

/**
 * `strconv.ParseFloat(text, 32)`: decimal or hexadecimal (with a `p` exponent) floats, `_`
 * between digits, `inf`/`infinity`/`nan` in any case (a sign only before inf), and a range error
 * when the value overflows float32.
 */
export function goParseFloat32(text: string): GoFloatCheck {
  const special = /^(?:([+-]?)(inf|infinity)|(nan))$/i.exec(text);
  if (special) return { ok: true, value: special[3] ? NaN : special[1] === '-' ? -Infinity : Infinity };
  const value = parseGoFloatSyntax(text);
  if (value === undefined) return { ok: false, reason: 'invalid syntax' };
  if (Math.abs(value) >= FLOAT32_OVERFLOW) return { ok: false, reason: 'value out of range' };
  return { ok: true, value };
}

const DECIMAL = /^([+-]?)((?:\d(?:_?\d)*)?(?:\.(?:\d(?:_?\d)*)?)?)(?:[eE]([+-]?\d(?:_?\d)*))?$/;
const HEX = /^([+-]?)0[xX]((?:_?[0-9a-fA-F])*)(?:\.((?:[0-9a-fA-F]_?)*[0-9a-fA-F]?))?[pP]([+-]?\d(?:_?\d)*)$/;

function parseGoFloatSyntax(text: string): number | undefined {
  const dec = DECIMAL.exec(text);
  if (dec) {
    const mantissa = dec[2].replace(/_/g, '');
    if (!/\d/.test(mantissa)) return undefined;
    // Go allows "_" only between digits; the pattern above already enforces that.
    return Number(`${dec[1]}${mantissa}${dec[3] !== undefined ? `e${dec[3].replace(/_/g, '')}` : ''}`);
  }
  const hex = HEX.exec(text);
  if (hex) {
    const intPart = hex[2].replace(/_/g, '');
    const fracPart = (hex[3] ?? '').replace(/_/g, '');
    if (intPart === '' && fracPart === '') return undefined;
    let value = 0;
    for (const d of intPart) value = value * 16 + parseInt(d, 16);
    let scale = 1 / 16;
    for (const d of fracPart) {
      value += parseInt(d, 16) * scale;
      scale /= 16;
    }
    const exponent = Number(hex[4].replace(/_/g, ''));
    const signed = hex[1] === '-' ? -value : value;
    return signed * Math.pow(2, exponent);
  }
  return undefined;
}
