import { StatusCodeError, StatusCodeSet } from '../../lib/report';

describe('StatusCodeSet', () => {
  test('the default accepts 2xx and 3xx', () => {
    const d = StatusCodeSet.DEFAULT;
    expect(d.text).toBe('200-399');
    expect([199, 200, 302, 399, 400, 503].map((c) => d.has(c))).toEqual([false, true, true, true, false, false]);
  });

  test('lists of codes and inclusive ranges', () => {
    const s = StatusCodeSet.parse('200,204,300-308');
    expect(s.ranges).toEqual([[200, 200], [204, 204], [300, 308]]);
    expect([200, 201, 204, 300, 308, 309].map((c) => s.has(c))).toEqual([true, false, true, true, true, false]);
  });

  test.each([
    ['', /"" is not a code/],
    ['2xx', /"2xx" is not a code \(100-599\) or a range/],
    ['200-', /"200-" is not a code/],
    ['200, 204', /" 204" is not a code/],
    ['600', /"600" is not a code/],
    ['399-200', /the range "399-200" ends before it starts; write it as 200-399/],
  ])('refuses %j quoting it', (text, message) => {
    expect(() => StatusCodeSet.parse(text)).toThrow(StatusCodeError);
    expect(() => StatusCodeSet.parse(text)).toThrow(message);
  });
});
