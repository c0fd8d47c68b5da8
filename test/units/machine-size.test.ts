import { parsePhysicalMachineSize, UnitError } from '../../lib/units';

describe('parsePhysicalMachineSize (ParseUnit of the PhysicalMachineChaos webhook, alecthomas/units)', () => {
  test.each<[string, number]>([
    ['1K', 1024], ['1M', 1024 ** 2], ['2G', 2 * 1024 ** 3], ['1KiB', 1024], ['1MiB', 1024 ** 2], ['1KB', 1000], ['1kB', 1000],
    ['256MB', 256e6], ['1.5GB', 1.5e9], ['1G512M', 1024 ** 3 + 512 * 1024 ** 2], ['10c', 10], ['0c', 0], ['.5K', 512],
  ])('%j is %d bytes', (text, bytes) => {
    expect(parsePhysicalMachineSize(text)).toBe(bytes);
  });

  test.each([
    // a bare integer gets "B" appended, and "B" is in none of the maps
    '100', '0', '-0', '1B', '1k', '1Ki', '1kiB', '1', '1.5', 'MB', '', '1 MB', '1e3MB', '99999999999999999999M',
  ])('%j is refused', (text) => {
    expect(() => parsePhysicalMachineSize(text)).toThrow(UnitError);
  });
});
