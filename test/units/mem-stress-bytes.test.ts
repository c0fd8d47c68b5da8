import * as fc from 'fast-check';
import { UnitError, parseMemStressBytes } from '../../lib/units';

const KI = 1024n;
const MI = KI * KI;

describe('parseMemStressBytes (go-humanize v1.0.1 ParseBytes)', () => {
  test('the must-hold table (target limit 256Mi)', () => {
    expect(parseMemStressBytes('512MB')).toBe(512_000_000n);
    expect(parseMemStressBytes('512MiB')).toBe(536_870_912n);
    expect(parseMemStressBytes('1GB')).toBe(1_000_000_000n);
    expect(parseMemStressBytes('1GiB')).toBe(1_073_741_824n);
  });

  // go-humanize bytes_test.go TestByteParsing.
  test.each<[string, bigint]>([
    ['42', 42n],
    ['42MB', 42_000_000n], ['42MiB', 44_040_192n], ['42mb', 42_000_000n], ['42mib', 44_040_192n], ['42MIB', 44_040_192n],
    ['42 MB', 42_000_000n], ['42 MiB', 44_040_192n], ['42 mb', 42_000_000n], ['42 mib', 44_040_192n], ['42 MIB', 44_040_192n],
    ['42.5MB', 42_500_000n], ['42.5MiB', 44_564_480n], ['42.5 MB', 42_500_000n], ['42.5 MiB', 44_564_480n],
    ['42M', 42_000_000n], ['42Mi', 44_040_192n], ['42m', 42_000_000n], ['42mi', 44_040_192n], ['42MI', 44_040_192n],
    ['42 M', 42_000_000n], ['42 Mi', 44_040_192n], ['42 m', 42_000_000n], ['42 mi', 44_040_192n], ['42 MI', 44_040_192n],
    ['42.5M', 42_500_000n], ['42.5Mi', 44_564_480n], ['42.5 M', 42_500_000n], ['42.5 Mi', 44_564_480n],
    ['12.5 EB', 12_500_000_000_000_000_000n], ['12.5 E', 12_500_000_000_000_000_000n], ['12.5 EiB', 14_411_518_807_585_587_200n],
    // Commas (v1.0.1), blanks around the unit, bare and "b" units.
    ['1,024', 1024n], ['1,024 KiB', MI], ['1,0,2,4b', 1024n], ['256Mi', 256n * MI], ['256 mi ', 256n * MI],
    ['.5k', 500n], ['5.', 5n], ['7b', 7n], ['7 B', 7n], ['1\t kb\n', 1000n], ['1\u00a0kb', 1000n],
    ['1K\u0130', KI], // Go lower-cases U+0130 to "i"
  ])('%j is %d bytes', (text, bytes) => {
    expect(parseMemStressBytes(text)).toBe(bytes);
  });

  // go-humanize TestByteErrors, plus what the digit run cannot reach.
  test.each([
    '84 JB', '', '16 EiB', 'MB', ' 1MB', '1e3', '1_000', '0x10', '+1', '-1', '1.2.3MB', '1 M B', 'nan', 'inf',
    '\u0661MB', '1\u0662', '1 kb\ufeff',
  ])('%j is refused', (text) => {
    expect(() => parseMemStressBytes(text)).toThrow(UnitError);
  });

  test('float64 arithmetic exactly as Go computes it', () => {
    expect(parseMemStressBytes('1.005kB')).toBe(1004n);
    expect(parseMemStressBytes('0.3MiB')).toBe(314_572n);
  });

  test('errors quote the text, name memStress, and list what is allowed', () => {
    expect(() => parseMemStressBytes('1e3')).toThrow(/^Memory stressor size "1e3" cannot be read by memStress \(go-humanize ParseBytes\): unknown unit "e3"\. Allowed:/);
  });

  test('property: binary units are powers of 1024, decimal of 1000, and order is kept', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000 }), fc.integer({ min: 0, max: 4_000_000 }), (a, b) => {
        expect(parseMemStressBytes(`${a}MiB`)).toBe(BigInt(a) * MI);
        expect(parseMemStressBytes(`${a} mb`)).toBe(BigInt(a) * 1_000_000n);
        expect(parseMemStressBytes(`${a}Ki`) < parseMemStressBytes(`${b}Ki`)).toBe(a < b);
        if (a > 0) expect(parseMemStressBytes(`${a}MiB`) > parseMemStressBytes(`${a}MB`)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
