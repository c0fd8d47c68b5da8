import * as fc from 'fast-check';
import { GoDuration, UnitError, compactGoDuration } from '../../lib/units';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

describe('GoDuration factories', () => {
  test.each<[GoDuration, string, bigint]>([
    [GoDuration.minutes(3), '3m', 180_000_000_000n],
    [GoDuration.seconds(90), '90s', 90_000_000_000n],
    [GoDuration.seconds(30), '30s', 30_000_000_000n],
    [GoDuration.millis(200), '200ms', 200_000_000n],
    [GoDuration.hours(2), '2h', 7_200_000_000_000n],
    [GoDuration.hours(1.5), '1h30m', 5_400_000_000_000n],
    [GoDuration.minutes(2.5), '2m30s', 150_000_000_000n],
    [GoDuration.seconds(1.5), '1.5s', 1_500_000_000n],
    [GoDuration.seconds(0.1), '100ms', 100_000_000n],
    [GoDuration.millis(0.0015), '1.5us', 1_500n],
    [GoDuration.seconds(-90), '-90s', -90_000_000_000n],
    [GoDuration.minutes(0), '0m', 0n],
  ])('%s prints %j and is exact', (duration, text, ns) => {
    expect(duration.text).toBe(text);
    expect(duration.nanoseconds).toBe(ns);
    expect(GoDuration.parse(duration.text).nanoseconds).toBe(ns);
  });

  test('amounts that are not whole nanoseconds are refused', () => {
    expect(() => GoDuration.seconds(1e-10)).toThrow(UnitError);
    expect(() => GoDuration.seconds(1e-10)).toThrow(/GoDuration.seconds\(1e-10\) is not a whole number of nanoseconds/);
    expect(() => GoDuration.minutes(NaN)).toThrow(/not a whole number/);
    expect(() => GoDuration.hours(Infinity)).toThrow(/not a whole number/);
  });

  test('amounts beyond Go\'s int64 range are refused', () => {
    expect(() => GoDuration.hours(3_000_000)).toThrow(/outside Go's time.Duration range/);
  });
});

describe('GoDuration.parse', () => {
  test('keeps the original text for output', () => {
    const d = GoDuration.parse('90s');
    expect(d.text).toBe('90s');
    expect(d.toGoString()).toBe('1m30s');
    expect(GoDuration.parse('1h30m').text).toBe('1h30m');
    expect(GoDuration.parse('0.5h').text).toBe('0.5h');
    expect(JSON.stringify({ duration: GoDuration.parse('2m') })).toBe('{"duration":"2m"}');
    expect(`${GoDuration.parse('5s')}`).toBe('5s');
  });

  test('rejects what Go rejects, with a UnitError', () => {
    expect(() => GoDuration.parse('3 minutes')).toThrow(UnitError);
  });
});

describe('GoDuration arithmetic', () => {
  test('plus, compare, equals, isPositive, conversions', () => {
    const a = GoDuration.minutes(1);
    const b = GoDuration.seconds(30);
    const sum = a.plus(b);
    expect(sum.text).toBe('1m30s');
    expect(sum.nanoseconds).toBe(90_000_000_000n);
    expect(a.compare(b)).toBe(1);
    expect(b.compare(a)).toBe(-1);
    expect(GoDuration.seconds(60).compare(a)).toBe(0);
    expect(GoDuration.seconds(60).equals(a)).toBe(true);
    expect(a.isPositive()).toBe(true);
    expect(GoDuration.parse('0').isPositive()).toBe(false);
    expect(GoDuration.parse('-1s').isPositive()).toBe(false);
    expect(GoDuration.parse('1.5s').toMilliseconds()).toBe(1500);
    expect(GoDuration.parse('250ms').toSeconds()).toBe(0.25);
    expect(GoDuration.parse('1500us').toMilliseconds()).toBe(1.5);
  });

  test('plus refuses to leave the int64 range', () => {
    const max = GoDuration.fromNanoseconds(INT64_MAX);
    expect(() => max.plus(GoDuration.parse('1ns'))).toThrow(/outside Go's time.Duration range/);
  });
});

describe('compactGoDuration', () => {
  test.each<[bigint, string]>([
    [0n, '0s'],
    [1n, '1ns'],
    [1_500n, '1.5us'],
    [200_000_000n, '200ms'],
    [1_000_000_000n, '1s'],
    [90_000_000_000n, '1m30s'],
    [3_600_000_000_000n, '1h'],
    [5_400_000_000_000n, '1h30m'],
    [3_600_500_000_000n, '1h0.5s'],
    [-90_000_000_000n, '-1m30s'],
    [INT64_MIN, '-2562047h47m16.854775808s'],
  ])('%d ns -> %j', (ns, text) => {
    expect(compactGoDuration(ns)).toBe(text);
  });

  test('property: Go parses the compact form back to the same value (whole int64 range)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: INT64_MIN, max: INT64_MAX }), (ns) => {
        const d = GoDuration.fromNanoseconds(ns);
        expect(GoDuration.parse(d.text).nanoseconds).toBe(ns);
        expect(GoDuration.parse(d.text).equals(d)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  test('property: compact values of realistic sizes round-trip (ms to days)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 30n * 24n * 3_600_000n }), (ms) => {
        expect(GoDuration.parse(compactGoDuration(ms * 1_000_000n)).nanoseconds).toBe(ms * 1_000_000n);
      }),
      { numRuns: 300 },
    );
  });

  test('property: factories agree with parsing their own text', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), fc.constantFrom('millis', 'seconds', 'minutes', 'hours'), (n, unit) => {
        const factory = unit as 'millis' | 'seconds' | 'minutes' | 'hours';
        const d = GoDuration[factory](n);
        expect(GoDuration.parse(d.text).nanoseconds).toBe(d.nanoseconds);
      }),
      { numRuns: 300 },
    );
  });
});
