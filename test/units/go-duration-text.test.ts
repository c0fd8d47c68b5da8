import * as fc from 'fast-check';
import { UnitError } from '../../lib/units';
import { formatGoDuration, parseGoDuration } from '../../lib/units/_go-duration-text';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

describe('parseGoDuration (time.ParseDuration)', () => {
  // From Go's time/time_test.go parseDurationTests, plus the cases Chaos Mesh users write.
  test.each<[string, bigint]>([
    ['0', 0n],
    ['5s', 5_000_000_000n],
    ['30s', 30_000_000_000n],
    ['1478s', 1_478_000_000_000n],
    ['-5s', -5_000_000_000n],
    ['+5s', 5_000_000_000n],
    ['-0', 0n],
    ['+0', 0n],
    ['5.0s', 5_000_000_000n],
    ['5.6s', 5_600_000_000n],
    ['5.s', 5_000_000_000n],
    ['.5s', 500_000_000n],
    ['1.0s', 1_000_000_000n],
    ['1.00s', 1_000_000_000n],
    ['1.004s', 1_004_000_000n],
    ['1.0040s', 1_004_000_000n],
    ['100.00100s', 100_001_000_000n],
    ['10ns', 10n],
    ['11us', 11_000n],
    ['12µs', 12_000n], // U+00B5
    ['12μs', 12_000n], // U+03BC
    ['13ms', 13_000_000n],
    ['14s', 14_000_000_000n],
    ['15m', 900_000_000_000n],
    ['16h', 57_600_000_000_000n],
    ['3h30m', 12_600_000_000_000n],
    ['1h30m', 5_400_000_000_000n],
    ['10.5s4m', 250_500_000_000n],
    ['-2m3.4s', -123_400_000_000n],
    ['1h2m3s4ms5us6ns', 3_723_004_005_006n],
    ['39h9m14.425s', 140_954_425_000_000n],
    ['52763797000ns', 52_763_797_000n],
    ['0.3333333333333333333h', 1_200_000_000_000n],
    ['9007199254740993ns', 9_007_199_254_740_993n],
    ['9223372036854775807ns', INT64_MAX],
    ['9223372036854775.807us', INT64_MAX],
    ['9223372036s854ms775us807ns', INT64_MAX],
    ['-9223372036854775808ns', INT64_MIN],
    ['-9223372036854775.808us', INT64_MIN],
    ['-2562047h47m16.854775808s', INT64_MIN],
    ['0.100000000000000000000h', 360_000_000_000n],
    ['-9223372036s854ms775us808ns', INT64_MIN],
    ['0.830103483285477580700h', 2_988_372_539_827n], // Go's test of the first leadingFraction overflow check
    ['200ms', 200_000_000n],
    ['1µs', 1_000n],
    ['1us', 1_000n],
    ['-3m', -180_000_000_000n],
  ])('%j is %d ns', (text, ns) => {
    expect(parseGoDuration(text)).toBe(ns);
  });

  test('fractions use Go float64 arithmetic, not exact decimals', () => {
    // 1234567891234 * (3.6e12 / 1e13) in float64 is 444444440844.24..., truncated.
    expect(parseGoDuration('0.1234567891234h')).toBe(444_444_440_844n);
  });

  test.each<[string, RegExp]>([
    ['', /is empty/],
    ['3', /missing its unit/],
    ['1', /missing its unit/],
    ['-', /sign must be followed/],
    ['s', /expected a number/],
    ['.', /needs digits/],
    ['-.', /needs digits/],
    ['.s', /needs digits/],
    ['+.s', /needs digits/],
    ['1x', /unknown unit "x"/],
    ['1d', /unknown unit "d"/],
    ['3 m', /unknown unit " m"/],
    [' 3m', /expected a number/],
    ['3m ', /unknown unit "m "/],
    ['00', /missing its unit/],
    ['1.2.3s', /unknown unit|expected a number|missing/],
    ['9223372036854775808ns', /overflows/],
    ['9223372036854775.808us', /overflows/],
    ['9223372036854ms775us808ns', /overflows/],
    ['-9223372036854775809ns', /overflows/],
    ['3000000h', /overflows/],
    ['9223372036854775810ns', /overflows/],
    ['9223372036854776us', /overflows/],
    ['\uFFFD', /expected a number/],
    ['hello \uFFFF world', /expected a number/],
  ])('%j is refused (%s)', (text, reason) => {
    expect(() => parseGoDuration(text)).toThrow(UnitError);
    expect(() => parseGoDuration(text)).toThrow(reason);
  });

  test('errors quote the text and say what is allowed', () => {
    expect(() => parseGoDuration('5 minutes')).toThrow(/^Duration "5 minutes" is not valid: .*Allowed: a Go duration/);
  });

  test('non-strings from YAML are refused, not coerced', () => {
    expect(() => parseGoDuration(30 as unknown as string)).toThrow(/Duration 30 \(a number, not a string\) must be a string/);
  });
});

describe('formatGoDuration (Duration.String())', () => {
  // From Go's time/time_test.go durationTests.
  test.each<[bigint, string]>([
    [0n, '0s'],
    [1n, '1ns'],
    [1_100n, '1.1µs'],
    [2_200_000n, '2.2ms'],
    [3_300_000_000n, '3.3s'],
    [240_000_000_000n + 5_001_000_000n, '4m5.001s'],
    [18_000_000_000_000n + 360_000_000_000n + 5_001_000_000n, '5h6m5.001s'],
    [8n * 3600n * 1_000_000_000n + 1n, '8h0m0.000000001s'],
    [INT64_MAX, '2562047h47m16.854775807s'],
    [INT64_MIN, '-2562047h47m16.854775808s'],
    [5_400_000_000_000n, '1h30m0s'],
    [200_000_000n, '200ms'],
    [1_500_000_000n, '1.5s'],
    [-180_000_000_000n, '-3m0s'],
  ])('%d ns is %j', (ns, text) => {
    expect(formatGoDuration(ns)).toBe(text);
  });

  test('values outside int64 are refused', () => {
    expect(() => formatGoDuration(INT64_MAX + 1n)).toThrow(/outside Go's time.Duration range/);
  });

  test('property: parse(format(d)) === d over the whole int64 range', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: INT64_MIN, max: INT64_MAX }), (ns) => {
        expect(parseGoDuration(formatGoDuration(ns))).toBe(ns);
      }),
      { numRuns: 500 },
    );
  });

  test('property: parsing preserves order of constructed values', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), (a, b) => {
        const da = parseGoDuration(`${Math.floor(a / 3600)}h${a % 3600}s`);
        const db = parseGoDuration(`${b}s`);
        expect(da < db).toBe(a < b);
        expect(da === db).toBe(a === b);
      }),
      { numRuns: 300 },
    );
  });
});
