import * as fc from 'fast-check';
import { StressSize, UnitError, parseAdmissionSize, parseMemStressBytes } from '../../lib/units';

const LIMIT_256MI = 268_435_456n;
const MI = 1n << 20n;

describe('StressSize.parse', () => {
  test.each<[string, bigint, bigint]>([
    // The must-hold table: admission bytes, memStress bytes (1 worker).
    ['512MB', 512_000_000n, 512_000_000n],
    ['512MiB', 512_000_000n, 536_870_912n],
    ['1GB', 1_000_000_000n, 1_000_000_000n],
    ['1GiB', 1_000_000_000n, 1_073_741_824n],
  ])('%j: admission %d, memStress %d', (text, admission, allocated) => {
    const size = StressSize.parse(text);
    expect(size.text).toBe(text);
    expect(size.isPercent).toBe(false);
    expect(size.percentValue).toBeUndefined();
    expect(size.admissionBytes).toBe(admission);
    expect(size.allocatedBytes()).toBe(allocated);
    expect(size.memStressError).toBeUndefined();
  });

  test('the reference experiment: 512MB against a 256Mi limit is under twice the limit, 1GiB is not', () => {
    expect(StressSize.parse('512MB').allocatedBytes(1)! <= 2n * LIMIT_256MI).toBe(true);
    expect(StressSize.parse('512MiB').allocatedBytes(1)! <= 2n * LIMIT_256MI).toBe(true);
    expect(StressSize.parse('1GiB').allocatedBytes(1)! <= 2n * LIMIT_256MI).toBe(false);
  });

  test('"256Mi" is refused by admission even though memStress could read it', () => {
    expect(() => StressSize.parse('256Mi')).toThrow(UnitError);
    expect(() => StressSize.parse('256Mi')).toThrow(/refused by Chaos Mesh 2.8.2 admission/);
    expect(parseMemStressBytes('256Mi')).toBe(256n * MI);
  });

  test('the size is the total over all workers: each of N workers maps floor(size / N)', () => {
    const size = StressSize.parse('512MiB');
    expect(size.allocatedBytes(1)).toBe(536_870_912n);
    expect(size.allocatedBytes(2)).toBe(536_870_912n);
    expect(size.allocatedBytes(3)).toBe(536_870_910n);
    expect(size.allocatedBytes(0)).toBe(0n);
    expect(() => size.allocatedBytes(-1)).toThrow(/Stressor workers -1 is not valid/);
    expect(() => size.allocatedBytes(1.5)).toThrow(UnitError);
  });

  test('percentages: integer 0-100 as strconv.Atoi reads them; no byte count', () => {
    for (const [text, value] of [['50%', 50], ['0%', 0], ['100%', 100], ['+50%', 50], ['050%', 50], ['-0%', 0]] as const) {
      const size = StressSize.parse(text);
      expect(size.isPercent).toBe(true);
      expect(size.percentValue).toBe(value);
      expect(size.admissionBytes).toBeUndefined();
      expect(size.allocatedBytes(4)).toBeUndefined();
    }
    for (const text of ['101%', '-1%', '50.5%', '%', ' 50%', '50 %', '1_0%', '99999999999999999999%']) {
      expect(() => StressSize.parse(text)).toThrow(/integer from 0 to 100/);
    }
  });

  test('sizes admission accepts but memStress cannot read map nothing, and say why', () => {
    const size = StressSize.parse('1e3');
    expect(size.admissionBytes).toBe(1000n);
    expect(size.memStressBytes).toBe(0n);
    expect(size.allocatedBytes(2)).toBe(0n);
    expect(size.memStressError).toMatch(/cannot be read by memStress/);
  });

  test('the empty size and non-strings are refused', () => {
    expect(() => StressSize.parse('')).toThrow(/is empty/);
    expect(() => StressSize.parse(512 as unknown as string)).toThrow(/must be a string/);
  });
});

describe('StressSize factories', () => {
  test.each<[StressSize, string, bigint]>([
    [StressSize.megabytes(512), '512MB', 512_000_000n],
    [StressSize.gigabytes(1), '1GB', 1_000_000_000n],
    [StressSize.mebibytes(256), '268435456B', LIMIT_256MI],
    [StressSize.gibibytes(1), '1073741824B', 1_073_741_824n],
    [StressSize.bytes(4096), '4096B', 4096n],
    [StressSize.bytes(4096n), '4096B', 4096n],
    [StressSize.megabytes(0.5), '500000B', 500_000n],
    [StressSize.mebibytes(1.5), '1572864B', 1_572_864n],
  ])('%s: text %j, %d bytes to admission and memStress alike', (size, text, bytes) => {
    expect(size.text).toBe(text);
    expect(size.admissionBytes).toBe(bytes);
    expect(size.allocatedBytes()).toBe(bytes);
  });

  test('percent(n) prints "n%"', () => {
    expect(StressSize.percent(50).text).toBe('50%');
    expect(StressSize.percent(50).percentValue).toBe(50);
    expect(() => StressSize.percent(101)).toThrow(/StressSize.percent\(101\) is out of range/);
    expect(() => StressSize.percent(2.5)).toThrow(UnitError);
  });

  test('amounts that are not whole, non-negative byte counts are refused', () => {
    expect(() => StressSize.bytes(1.5)).toThrow(/StressSize.bytes\(1.5\) is not a whole number of bytes/);
    expect(() => StressSize.megabytes(-1)).toThrow(UnitError);
    expect(() => StressSize.megabytes(NaN)).toThrow(UnitError);
    expect(() => StressSize.mebibytes(1e-7)).toThrow(UnitError);
  });

  test('property: factories agree with parsing, and admission agrees with memStress on factory text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (n) => {
        const mb = StressSize.megabytes(n);
        expect(mb.admissionBytes).toBe(StressSize.parse(`${n}MB`).admissionBytes);
        expect(mb.allocatedBytes()).toBe(parseMemStressBytes(`${n}MB`));
        const mib = StressSize.mebibytes(n);
        expect(mib.admissionBytes).toBe(BigInt(n) * MI);
        expect(mib.allocatedBytes()).toBe(BigInt(n) * MI);
        expect(parseAdmissionSize(mib.text)).toBe(parseMemStressBytes(mib.text));
        expect(StressSize.parse(mib.text).allocatedBytes()).toBe(mib.allocatedBytes());
      }),
      { numRuns: 300 },
    );
  });

  test('property: total allocation never exceeds the size and loses less than one byte per worker', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1 << 30 }), fc.integer({ min: 1, max: 8192 }), (bytes, workers) => {
        const size = StressSize.bytes(bytes);
        const total = size.allocatedBytes(workers)!;
        expect(total <= BigInt(bytes)).toBe(true);
        expect(BigInt(bytes) - total < BigInt(workers)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('property: ordering of parsed sizes follows the constructed amounts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (a, b) => {
        const sa = StressSize.parse(`${a}MiB`);
        const sb = StressSize.mebibytes(b);
        expect(sa.allocatedBytes()! < sb.allocatedBytes()!).toBe(a < b);
      }),
      { numRuns: 300 },
    );
  });
});
