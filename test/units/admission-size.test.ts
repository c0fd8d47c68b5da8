import * as fc from 'fast-check';
import { UnitError, parseAdmissionSize } from '../../lib/units';

const KB = 1000n;
const MB = 1000n * KB;
const GB = 1000n * MB;
const TB = 1000n * GB;
const PB = 1000n * TB;
const INT64_MIN = -(1n << 63n);

describe('parseAdmissionSize (docker/go-units v0.5.0 FromHumanSize)', () => {
  test('the must-hold table (target limit 256Mi)', () => {
    expect(parseAdmissionSize('512MB')).toBe(512_000_000n);
    expect(parseAdmissionSize('512MiB')).toBe(512_000_000n);
    expect(parseAdmissionSize('1GB')).toBe(1_000_000_000n);
    expect(parseAdmissionSize('1GiB')).toBe(1_000_000_000n);
    expect(() => parseAdmissionSize('256Mi')).toThrow(UnitError);
  });

  // go-units v0.5.0 size_test.go TestFromHumanSize, accepted inputs.
  test.each<[string, bigint]>([
    ['0', 0n], ['0b', 0n], ['0B', 0n], ['0 B', 0n],
    ['32', 32n], ['32b', 32n], ['32B', 32n],
    ['32k', 32n * KB], ['32K', 32n * KB], ['32kb', 32n * KB], ['32Kb', 32n * KB],
    ['32Mb', 32n * MB], ['32Gb', 32n * GB], ['32Tb', 32n * TB], ['32Pb', 32n * PB],
    ['32.5kB', 32_500n], ['32.5 kB', 32_500n], ['32.5 B', 32n], ['0.3 K', 300n], ['.3kB', 300n],
    ['0.', 0n], ['0. ', 0n], ['0.b', 0n], ['0.B', 0n],
    ['-0', 0n], ['-0b', 0n], ['-0B', 0n], ['-0 b', 0n], ['-0 B', 0n],
    ['32.', 32n], ['32.b', 32n], ['32.B', 32n], ['32. b', 32n], ['32. B', 32n],
    ['0 ', 0n],
    // "ib" is accepted and still decimal.
    ['32KiB', 32n * KB], ['32kib', 32n * KB], ['32 MIB', 32n * MB], ['2PiB', 2n * PB],
    // strconv.ParseFloat grammar reaches through.
    ['1e3', 1000n], ['1E3kb', 1_000_000n], ['1_000', 1000n], ['0x1p4', 16n], ['0x1.8p1 k', 3000n],
  ])('%j is %d bytes', (text, bytes) => {
    expect(parseAdmissionSize(text)).toBe(bytes);
  });

  // go-units v0.5.0 size_test.go TestFromHumanSize, refused inputs, plus the Kubernetes forms.
  test.each([
    ' 0', ' 0b', ' 0B', ' 0 B', '0b ', '0B ', '0 B ',
    '', 'hello', '.', '. ', ' ', '  ', ' .', ' . ',
    '-32', '-32b', '-32B', '-32 b', '-32 B',
    '32b.', '32B.', '32 b.', '32 B.', '32 bb', '32 BB', '32 b b', '32 B B', '32  b', '32  B',
    ' 32 ', '32m b', '32bm',
    '256Mi', '1Gi', '32Ki', '1Ei', '1EB', '1 KBB', '1kibb', '1x', '1.2.3', '1e400', '0x10', 'inf', 'NaN',
  ])('%j is refused', (text) => {
    expect(() => parseAdmissionSize(text)).toThrow(UnitError);
  });

  test('float64 arithmetic exactly as Go computes it', () => {
    // 1.005 * 1000 is 1004.9999999999999 in binary64; int64() truncates.
    expect(parseAdmissionSize('1.005kB')).toBe(1004n);
    expect(parseAdmissionSize('0.1kb')).toBe(100n);
    // 2^53 + 1 is not a float64: ParseFloat rounds it before int64().
    expect(parseAdmissionSize('9007199254740993')).toBe(9_007_199_254_740_992n);
  });

  test('Go counts the suffix in UTF-8 bytes and lower-cases by simple case mapping', () => {
    // KELVIN SIGN is 3 bytes (allowed length) and lower-cases to "k".
    expect(parseAdmissionSize('1\u212a')).toBe(1000n);
    // With "B" it is 4 bytes: too long.
    expect(() => parseAdmissionSize('1\u212aB')).toThrow(/longer than 3 bytes/);
  });

  test('values int64() cannot hold become -2^63, as on amd64', () => {
    expect(parseAdmissionSize('nan ')).toBe(INT64_MIN);
    expect(parseAdmissionSize('inf k')).toBe(INT64_MIN);
    expect(parseAdmissionSize('1e19')).toBe(INT64_MIN);
    expect(parseAdmissionSize('9000P')).toBe(9_000_000_000_000_000_000n);
    expect(parseAdmissionSize('9300P')).toBe(INT64_MIN);
  });

  test('errors quote the text, name the reader, and list what is allowed', () => {
    expect(() => parseAdmissionSize('256Mi')).toThrow(
      /^Memory stressor size "256Mi" is refused by Chaos Mesh 2.8.2 admission \(docker\/go-units FromHumanSize\): .*"Mi"\/"Gi" is refused/,
    );
    expect(() => parseAdmissionSize(512 as unknown as string)).toThrow(/must be a string/);
  });

  test('property: whole decimal amounts are exact and ordered', () => {
    const suffixes: Array<[string, bigint]> = [['', 1n], ['B', 1n], ['KB', KB], ['MB', MB], ['MiB', MB], ['GB', GB], ['g', GB]];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(...suffixes), (a, b, [suffix, unit]) => {
        const pa = parseAdmissionSize(`${a}${suffix}`);
        const pb = parseAdmissionSize(`${b} ${suffix}`);
        expect(pa).toBe(BigInt(a) * unit);
        expect(pa < pb).toBe(a < b);
      }),
      { numRuns: 300 },
    );
  });
});
