import * as fc from 'fast-check';
import { Quantity, QuantityFormat, UnitError, formatQuantity } from '../../lib/units';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

describe('formatQuantity (Quantity.String() for whole numbers)', () => {
  // apimachinery quantity_test.go TestQuantityString / TestNewSet, whole-number rows.
  test.each<[bigint, QuantityFormat, string]>([
    [1024n * 1024n * 1024n, QuantityFormat.BINARY_SI, '1Gi'],
    [300n * 1024n * 1024n, QuantityFormat.BINARY_SI, '300Mi'],
    [6n * 1024n, QuantityFormat.BINARY_SI, '6Ki'],
    [1001n * 1024n * 1024n * 1024n, QuantityFormat.BINARY_SI, '1001Gi'],
    [1024n ** 4n, QuantityFormat.BINARY_SI, '1Ti'],
    [5n, QuantityFormat.BINARY_SI, '5'],
    [1025n, QuantityFormat.BINARY_SI, '1025'],
    [1000n, QuantityFormat.BINARY_SI, '1k'], // below 1024 BinarySI prints as DecimalSI
    [1536n * 1024n * 1024n, QuantityFormat.BINARY_SI, '1536Mi'],
    [268_435_456n, QuantityFormat.BINARY_SI, '256Mi'],
    [0n, QuantityFormat.BINARY_SI, '0'],
    [10n ** 9n, QuantityFormat.DECIMAL_SI, '1G'],
    [300n * 10n ** 6n, QuantityFormat.DECIMAL_SI, '300M'],
    [10n ** 12n, QuantityFormat.DECIMAL_SI, '1T'],
    [10n ** 18n, QuantityFormat.DECIMAL_SI, '1E'],
    [10n ** 21n, QuantityFormat.DECIMAL_SI, '1e21'],
    [5n * 10n ** 21n, QuantityFormat.DECIMAL_SI, '5e21'],
    [1_234_567n * 10n ** 6n, QuantityFormat.DECIMAL_SI, '1234567M'],
    [3000n, QuantityFormat.DECIMAL_SI, '3k'],
    [1_234_000n, QuantityFormat.DECIMAL_SI, '1234k'],
    [1_500_000n, QuantityFormat.DECIMAL_SI, '1500k'],
    [10n ** 9n, QuantityFormat.DECIMAL_EXPONENT, '1e9'],
    [300n * 10n ** 6n, QuantityFormat.DECIMAL_EXPONENT, '300e6'],
    [3000n, QuantityFormat.DECIMAL_EXPONENT, '3e3'],
    [5n, QuantityFormat.DECIMAL_EXPONENT, '5'],
    [-1024n, QuantityFormat.BINARY_SI, '-1Ki'],
    [-1000n, QuantityFormat.DECIMAL_SI, '-1k'],
  ])('%d (%s) is %j', (value, format, text) => {
    expect(formatQuantity(value, format)).toBe(text);
    if (value >= -INT64_MAX && value <= INT64_MAX) expect(Quantity.parse(text).toBytes()).toBe(value);
    else expect(Quantity.parse(text).compare(Quantity.parse(value.toString()))).toBe(0);
  });

  test('BinarySI is the default', () => {
    expect(formatQuantity(512n * 1024n * 1024n)).toBe('512Mi');
  });

  test('non-bigints are refused', () => {
    expect(() => formatQuantity(5 as unknown as bigint)).toThrow(UnitError);
  });

  test('property: parse(format(n)) is n for every int64 and format', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: INT64_MIN + 1n, max: INT64_MAX }),
        fc.constantFrom(QuantityFormat.BINARY_SI, QuantityFormat.DECIMAL_SI, QuantityFormat.DECIMAL_EXPONENT),
        (n, format) => {
          expect(Quantity.parse(formatQuantity(n, format)).toBytes()).toBe(n);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('property: multiples of 1024^k print with the k-th binary suffix', () => {
    const suffixes = ['Ki', 'Mi', 'Gi', 'Ti'];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1023 }), fc.integer({ min: 1, max: 4 }), (m, k) => {
        expect(formatQuantity(BigInt(m) * 1024n ** BigInt(k))).toBe(`${m}${suffixes[k - 1]}`);
      }),
      { numRuns: 200 },
    );
  });
});
