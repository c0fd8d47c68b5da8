import { SelectorMode, SelectorModeType } from '../../lib/experiments';

describe('SelectorMode', () => {
  test.each([
    [SelectorMode.ONE, { mode: 'one' }, 'one'],
    [SelectorMode.ALL, { mode: 'all' }, 'all'],
    [SelectorMode.fixed(2), { mode: 'fixed', value: '2' }, 'fixed: 2'],
    [SelectorMode.fixedPercent(100), { mode: 'fixed-percent', value: '100' }, 'fixed-percent: 100'],
    [SelectorMode.randomMaxPercent(1), { mode: 'random-max-percent', value: '1' }, 'random-max-percent: 1'],
  ])('%s renders mode and value', (mode, spec, text) => {
    expect(mode.toSpec()).toEqual(spec);
    expect(mode.toString()).toBe(text);
  });

  test('readable enum values are the CRD spellings', () => {
    expect(SelectorModeType.FIXED_PERCENT).toBe('fixed-percent');
    expect(SelectorModeType.RANDOM_MAX_PERCENT).toBe('random-max-percent');
  });

  test.each([0, -1, 1.5, NaN])('fixed(%p) is refused', (n) => {
    expect(() => SelectorMode.fixed(n)).toThrow(/mode value must be an integer >= 1/);
  });

  test.each([0, 100.5, 101, -5, 12.5])('percent %p outside (0,100] or fractional is refused', (n) => {
    expect(() => SelectorMode.fixedPercent(n)).toThrow(/SelectorMode.fixedPercent\(.*\): mode value must be an integer percentage from 1 to 100/);
    expect(() => SelectorMode.randomMaxPercent(n)).toThrow(/SelectorMode.randomMaxPercent/);
  });
});
