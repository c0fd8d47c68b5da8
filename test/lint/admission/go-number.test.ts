import { goAtoi, goParseFloat32 } from '../../../lib/lint/admission/_go-number';

describe('goAtoi (strconv.Atoi)', () => {
  test.each([['1', 1n], ['+5', 5n], ['-0', 0n], ['007', 7n], ['9223372036854775807', 9223372036854775807n]])('accepts %s', (text, value) => {
    expect(goAtoi(text)).toBe(value);
  });
  test.each(['', ' 1', '1.0', '1_000', '0x10', 'two', '9223372036854775808'])('refuses %j', (text) => {
    expect(goAtoi(text)).toBeUndefined();
  });
});

describe('goParseFloat32 (strconv.ParseFloat(s, 32))', () => {
  test.each([['25', 25], ['0.5', 0.5], ['.5', 0.5], ['5.', 5], ['1e3', 1000], ['-1E-2', -0.01], ['1_000', 1000], ['0x1p4', 16], ['0x.8p1', 1]])('accepts %s', (text, value) => {
    const r = goParseFloat32(text);
    expect(r).toEqual({ ok: true, value });
  });
  test.each(['inf', '+Inf', '-infinity', 'NaN'])('accepts the special value %s', (text) => {
    expect(goParseFloat32(text).ok).toBe(true);
  });
  test.each(['', '25%', '1 000', '_1', '1__0', '1_', '0x1', '+nan', 'e5', '.', '1e'])('refuses %j as syntax', (text) => {
    expect(goParseFloat32(text)).toEqual({ ok: false, reason: 'invalid syntax' });
  });
  test('refuses values beyond float32 as out of range', () => {
    expect(goParseFloat32('3.4e38')).toMatchObject({ ok: true });
    expect(goParseFloat32('3.5e38')).toEqual({ ok: false, reason: 'value out of range' });
  });
});
