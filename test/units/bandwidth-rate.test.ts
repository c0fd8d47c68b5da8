import * as fc from 'fast-check';
import { parseBandwidthRate, UnitError } from '../../lib/units';

describe('parseBandwidthRate (the NetworkChaos Rate validator of Chaos Mesh 2.8.2)', () => {
  test.each<[string, bigint]>([
    ['1mbps', 8n * 1024n ** 2n], ['100 kbps', 100n * 8n * 1024n], [' 1GBPS ', 8n * 1024n ** 3n], ['10bps', 80n], ['0tbps', 0n],
    ['10mbit', 10_000_000n], ['1kbit', 1000n], ['5 Gbit', 5_000_000_000n], ['1tbit', 10n ** 12n], ['64bit', 64n],
    ['18446744073709551615bps', 8n * (2n ** 64n - 1n)],
  ])('%j is accepted (%s bit/s)', (text, bits) => {
    expect(parseBandwidthRate(text)).toBe(bits);
  });

  test.each([
    ['1mb', /no unit/], ['1 mbits', /no unit/], ['1.5mbps', /"1.5" is not a whole number/], ['-1mbps', /not a whole number/],
    ['+1mbit', /not a whole number/], ['1_000bps', /not a whole number/], ['mbps', /number is missing/], ['kbit', /number is missing/],
    ['18446744073709551616bps', /out of the uint64 range/], ['１mbps', /not a whole number/], ['', /no unit/],
  ])('%j is refused', (text, reason) => {
    expect(() => parseBandwidthRate(text)).toThrow(UnitError);
    expect(() => parseBandwidthRate(text)).toThrow(reason);
  });

  test('a number that is not text is refused with the allowed forms', () => {
    expect(() => parseBandwidthRate(1000 as unknown as string)).toThrow(/must be a string; allowed: a whole number with a unit/);
  });

  test('property: any digits with any unit, case and surrounding blanks, is accepted with the exact value', () => {
    const units: [string, bigint][] = [['bps', 8n], ['kbps', 8192n], ['mbps', 8n * 1024n ** 2n], ['bit', 1n], ['kbit', 1000n], ['gbit', 10n ** 9n]];
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.constantFrom(...units), fc.boolean(), fc.constantFrom('', ' ', '\t'), (n, [unit, scale], upper, pad) => {
      const text = `${pad}${n}${pad}${upper ? unit.toUpperCase() : unit}${pad}`;
      expect(parseBandwidthRate(text)).toBe(n * scale);
    }));
  });
});
