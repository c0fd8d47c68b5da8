import { QuantityFormat } from './quantity';
import { UnitError } from './unit-error';

const DECIMAL_SUFFIXES: Record<number, string> = { 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/**
 * The canonical Kubernetes text of a whole-number quantity, as Quantity.String() prints it:
 * BinarySI uses the largest power of 1024 that divides the value ("256Mi", "1536Mi", "1025"), and
 * falls back to DecimalSI for values between -1024 and 1024 ("1k" for 1000); DecimalSI and
 * DecimalExponent use the largest power of 1000 that divides it ("512M", "5e21" beyond "E").
 * `Quantity.parse(formatQuantity(n)).toBytes()` is `n`.
 */
export function formatQuantity(value: bigint, format: QuantityFormat = QuantityFormat.BINARY_SI): string {
  if (typeof value !== 'bigint') {
    throw new UnitError(`formatQuantity needs a bigint, got ${String(value)}.`, value);
  }
  if (value === 0n) return '0';
  const negative = value < 0n;
  let magnitude = negative ? -value : value;
  const sign = negative ? '-' : '';

  if (format === QuantityFormat.BINARY_SI && magnitude >= 1024n) {
    let power = 0;
    while (power < BINARY_SUFFIXES.length - 1 && magnitude % 1024n === 0n) {
      magnitude /= 1024n;
      power++;
    }
    return `${sign}${magnitude}${BINARY_SUFFIXES[power]}`;
  }

  let exponent = 0;
  while (magnitude % 1000n === 0n) {
    magnitude /= 1000n;
    exponent += 3;
  }
  if (format === QuantityFormat.DECIMAL_EXPONENT) {
    return `${sign}${magnitude}${exponent === 0 ? '' : `e${exponent}`}`;
  }
  const suffix = DECIMAL_SUFFIXES[exponent];
  return suffix === undefined ? `${sign}${magnitude}e${exponent}` : `${sign}${magnitude}${suffix}`;
}
