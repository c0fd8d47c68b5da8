import * as fc from 'fast-check';
import { Quantity, QuantityFormat, UnitError } from '../../lib/units';

const INT64_MAX = (1n << 63n) - 1n;

describe('Quantity.parse (resource.ParseQuantity)', () => {
  test.each<[string, bigint, bigint]>([
    ['256Mi', 268_435_456n, 268_435_456_000n],
    ['0.5Gi', 536_870_912n, 536_870_912_000n],
    ['512M', 512_000_000n, 512_000_000_000n],
    ['1e9', 1_000_000_000n, 1_000_000_000_000n],
    ['500m', 1n, 500n],
    ['1E3', 1000n, 1_000_000n],
    ['+1Ki', 1024n, 1_024_000n],
    ['-1Ki', -1024n, -1_024_000n],
    ['0', 0n, 0n],
    ['1', 1n, 1000n],
    ['100m', 1n, 100n],
    ['1.5', 2n, 1500n],
    ['-1.5', -2n, -1500n],
    ['0.1m', 1n, 1n],
    ['3.001n', 1n, 1n],
  ])('%j: Value() %d, MilliValue() %d', (text, bytes, millis) => {
    expect(Quantity.parse(text).toBytes()).toBe(bytes);
    expect(Quantity.parse(text).toMillis()).toBe(millis);
  });

  // apimachinery quantity_test.go TestQuantityParse: the exact value, as (unscaled, exponent) -> compared via millis/nanos.
  test.each<[string, string, QuantityFormat]>([
    ['0n', '0', QuantityFormat.DECIMAL_SI], ['0Ki', '0', QuantityFormat.BINARY_SI], ['0Ti', '0', QuantityFormat.BINARY_SI],
    ['1Ki', '1024', QuantityFormat.BINARY_SI], ['8Ki', '8192', QuantityFormat.BINARY_SI],
    ['7Mi', '7340032', QuantityFormat.BINARY_SI], ['6Gi', '6442450944', QuantityFormat.BINARY_SI],
    ['5Ti', '5497558138880', QuantityFormat.BINARY_SI], ['4Pi', '4503599627370496', QuantityFormat.BINARY_SI],
    ['3Ei', '3458764513820540928', QuantityFormat.BINARY_SI],
    ['5n', '0.000000005', QuantityFormat.DECIMAL_SI], ['4u', '0.000004', QuantityFormat.DECIMAL_SI],
    ['3m', '0.003', QuantityFormat.DECIMAL_SI], ['8k', '8000', QuantityFormat.DECIMAL_SI], ['50k', '50000', QuantityFormat.DECIMAL_SI],
    ['7M', '7000000', QuantityFormat.DECIMAL_SI], ['6G', '6000000000', QuantityFormat.DECIMAL_SI],
    ['2P', '2000000000000000', QuantityFormat.DECIMAL_SI], ['1E', '1000000000000000000', QuantityFormat.DECIMAL_SI],
    ['1E-3', '0.001', QuantityFormat.DECIMAL_EXPONENT], ['1e3', '1000', QuantityFormat.DECIMAL_EXPONENT],
    ['1E18', '1000000000000000000', QuantityFormat.DECIMAL_EXPONENT], ['100.035k', '100035', QuantityFormat.DECIMAL_SI],
    ['0.0005k', '0.5', QuantityFormat.DECIMAL_SI], ['0.5e-2', '0.005', QuantityFormat.DECIMAL_EXPONENT],
    ['10.035M', '10035000', QuantityFormat.DECIMAL_SI], ['1.3E+6', '1300000', QuantityFormat.DECIMAL_EXPONENT],
    ['1.01E', '1010000000000000000', QuantityFormat.DECIMAL_SI], ['6.987654321G', '6987654321', QuantityFormat.DECIMAL_SI],
    // Things that saturate/round.
    ['3.001n', '0.000000004', QuantityFormat.DECIMAL_SI], ['1.1E-9', '0.000000002', QuantityFormat.DECIMAL_EXPONENT],
    ['0.0000000001', '0.000000001', QuantityFormat.DECIMAL_SI], ['0.5e-9', '0.000000001', QuantityFormat.DECIMAL_EXPONENT],
    ['0.9n', '0.000000001', QuantityFormat.DECIMAL_SI], ['0.00000012345', '0.000000124', QuantityFormat.DECIMAL_SI],
    ['9Ei', INT64_MAX.toString(), QuantityFormat.BINARY_SI], ['9223372036854775807Ki', INT64_MAX.toString(), QuantityFormat.BINARY_SI],
    // Fractional binary.
    ['100.035Ki', '102435.84', QuantityFormat.BINARY_SI], ['0.5Mi', '524288', QuantityFormat.BINARY_SI],
    ['0.05Gi', '53687091.2', QuantityFormat.BINARY_SI], ['0.025Ti', '27487790694.4', QuantityFormat.BINARY_SI],
    // "Things written by trolls".
    ['0.000000000001Ki', '0.000000002', QuantityFormat.DECIMAL_SI], ['.001', '0.001', QuantityFormat.DECIMAL_SI],
    ['.0001k', '0.1', QuantityFormat.DECIMAL_SI], ['1.', '1', QuantityFormat.DECIMAL_SI], ['1.G', '1000000000', QuantityFormat.DECIMAL_SI],
    ['.', '0', QuantityFormat.DECIMAL_SI], ['-.', '0', QuantityFormat.DECIMAL_SI], ['+', '0', QuantityFormat.DECIMAL_SI],
    // A missing number is read as zero by the scanner: "Gi" and "e3" parse, as zero.
    ['Gi', '0', QuantityFormat.BINARY_SI], ['e3', '0', QuantityFormat.DECIMAL_EXPONENT],
  ])('%j is exactly %s (%s)', (text, exact, format) => {
    const q = Quantity.parse(text);
    expect(q.format).toBe(format);
    expect(q.compare(exactQuantity(exact))).toBe(0);
    expect(q.text).toBe(text);
  });

  test('the value is kept beyond int64 where Kubernetes keeps it ("12E"), and the accessors refuse to overflow', () => {
    const q = Quantity.parse('12E');
    expect(q.compare(Quantity.parse('9223372036854775807'))).toBe(1);
    expect(() => q.toBytes()).toThrow(/Quantity "12E" is too large: Kubernetes' Quantity.Value\(\) overflows int64/);
    expect(() => Quantity.parse('9Ei').toMillis()).toThrow(/MilliValue\(\) overflows/);
    expect(Quantity.parse('9Ei').toBytes()).toBe(INT64_MAX);
  });

  test('an "e" exponent is truncated to 32 bits, as Go stores it', () => {
    expect(Quantity.parse('1e4294967296').toBytes()).toBe(1n);
    expect(Quantity.parse('5e4294967297').toBytes()).toBe(50n);
  });

  test.each([
    '', '256MB', '1.2.3', '1.1.M', '1+1.0M', '0.1mi', '0.1am', 'aoeu', '.5i', '1i', '-3.01i', '-3.01e-', ' 1', '1 ',
    '1 Gi', '1Gib', '1KB', '1k8', '1e', '1e+', '1e99999999999999999999', '0x10', '1,000', '１',
  ])('%j is refused', (text) => {
    expect(() => Quantity.parse(text)).toThrow(UnitError);
  });

  test('errors quote the text and list what is allowed', () => {
    expect(() => Quantity.parse('256MB')).toThrow(
      /^Quantity "256MB" is not valid for Kubernetes \(resource.ParseQuantity\): .*Allowed: a Kubernetes quantity/,
    );
    expect(() => Quantity.parse(256 as unknown as string)).toThrow(/must be a string/);
  });

  test('compare orders exactly across suffixes and signs', () => {
    expect(Quantity.parse('1Gi').compare(Quantity.parse('1024Mi'))).toBe(0);
    expect(Quantity.parse('1G').compare(Quantity.parse('1Gi'))).toBe(-1);
    expect(Quantity.parse('10000T').compare(Quantity.parse('100Gi'))).toBe(1);
    expect(Quantity.parse('-1').compare(Quantity.parse('0'))).toBe(-1);
    expect(Quantity.parse('-2').compare(Quantity.parse('-1'))).toBe(-1);
    expect(Quantity.parse('1e100').compare(Quantity.parse('1e99'))).toBe(1);
    expect(Quantity.parse('100m').sign).toBe(1);
    expect(Quantity.parse('-100m').sign).toBe(-1);
    expect(Quantity.parse('0Mi').sign).toBe(0);
  });

  test('property: ordering of parsed quantities follows the constructed values', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1 << 20 }), fc.integer({ min: 0, max: 1 << 20 }), (a, b) => {
        const qa = Quantity.parse(`${a}Mi`);
        const qb = Quantity.parse(`${b * 1024}Ki`);
        expect(qa.compare(qb)).toBe(a < b ? -1 : a > b ? 1 : 0);
        expect(qa.toBytes()).toBe(BigInt(a) << 20n);
      }),
      { numRuns: 300 },
    );
  });

  test('property: Value() rounds away from zero; MilliValue() is exact for milli-precise decimals', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (millis) => {
        const abs = millis < 0n ? -millis : millis;
        const text = `${millis < 0n ? '-' : ''}${abs / 1000n}.${(abs % 1000n).toString().padStart(3, '0')}`;
        expect(Quantity.parse(text).toMillis()).toBe(millis);
        const ceil = (abs + 999n) / 1000n;
        expect(Quantity.parse(text).toBytes()).toBe(millis < 0n ? -ceil : ceil);
      }),
      { numRuns: 300 },
    );
  });
});

/** A quantity equal to a plain decimal string (no suffix), for exact comparisons. */
function exactQuantity(decimal: string): Quantity {
  return Quantity.parse(decimal);
}
