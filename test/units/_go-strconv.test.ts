import * as fc from 'fast-check';
import { goAtoi, goFloatToInt64, goParseFloat } from '../../lib/units/_go-strconv';

const value = (s: string): number | string => {
  const r = goParseFloat(s);
  return r.ok ? r.value : r.error;
};

describe('goParseFloat (strconv.ParseFloat(s, 64))', () => {
  // Rows from Go's strconv/atof_test.go.
  test.each<[string, number | string]>([
    ['1', 1], ['+1', 1], ['-1', -1], ['1x', 'syntax'], ['1.1.', 'syntax'], ['1e23', 1e23], ['1E23', 1e23],
    ['100000000000000000000000', 1e23], ['1e-100', 1e-100], ['123456700', 123456700],
    ['99999999999999974834176', 9.999999999999997e22], ['.5', 0.5], ['5.', 5], ['.', 'syntax'], ['', 'syntax'],
    ['1e', 'syntax'], ['1e-', 'syntax'], ['.e-1', 'syntax'], ['1\x00.2', 'syntax'], [' 1', 'syntax'], ['1 ', 'syntax'],
    ['0x1p0', 1], ['0x1p1', 2], ['0x1p-1', 0.5], ['0x1ep-1', 15], ['-0x1ep-1', -15], ['0x1.8p1', 3], ['0x.8p1', 1],
    ['0x1', 'syntax'], ['0x', 'syntax'], ['0x1e2', 'syntax'], ['0x10', 'syntax'], ['0x1p', 'syntax'],
    ['1e308', 1e308], ['1e309', 'range'], ['-1e309', 'range'], ['1.7976931348623157e308', Number.MAX_VALUE],
    ['1.7976931348623159e308', 'range'], ['0x1.fffffffffffffp1023', Number.MAX_VALUE], ['0x1p1024', 'range'],
    ['4.9406564584124654e-324', 5e-324], ['2e-324', 0], ['0x1p-1074', 5e-324], ['0x1p-1075', 0], ['0x1.8p-1075', 5e-324],
    ['-0x1p-1074', -5e-324], ['1e-400', 0], ['-1e-400', -0],
    ['1.00000000000000011102230246251565404236316680908203125', 1],
    ['1.00000000000000011102230246251565404236316680908203126', 1.0000000000000002],
    ['1.00000000000000033306690738754696212708950042724609375', 1.0000000000000004],
    ['0x1.00000000000018p0', 1.0000000000000004],
    ['1090544144181609348671888949248', 1.0905441441816093e30],
    ['1090544144181609348835077142190', 1.0905441441816094e30],
    // Underscores: only between digits (or after a base prefix).
    ['1_23.50_0_0e+1_2', 1.235e14], ['0x_1_2.3_4_5p+1_2', 74565],
    ['-_123.5e+12', 'syntax'], ['+_123.5e+12', 'syntax'], ['_123.5e+12', 'syntax'], ['1__23.5e+12', 'syntax'],
    ['123_.5e+12', 'syntax'], ['123._5e+12', 'syntax'], ['123.5_e+12', 'syntax'], ['123.5__0e+12', 'syntax'],
    ['123.5e_+12', 'syntax'], ['123.5e+_12', 'syntax'], ['123.5e_-12', 'syntax'], ['123.5e-_12', 'syntax'],
    ['123.5e+1__2', 'syntax'], ['123.5e+12_', 'syntax'],
    // Specials.
    ['inf', Infinity], ['-Inf', -Infinity], ['+INF', Infinity], ['Infinity', Infinity], ['-infinity', -Infinity],
    ['infin', 'syntax'], ['infinityx', 'syntax'], ['+nan', 'syntax'], ['nanx', 'syntax'],
  ])('%j -> %s', (input, expected) => {
    expect(value(input)).toBe(expected);
  });

  test('NaN', () => {
    expect(value('NaN')).toBeNaN();
    expect(value('nan')).toBeNaN();
  });

  test('property: every double prints and reads back to itself', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(value(String(x)) === x).toBe(true); // String(-0) is "0"
      }),
      { numRuns: 500 },
    );
  });
});

describe('goAtoi and int64 conversion', () => {
  test.each<[string, bigint | undefined]>([
    ['0', 0n], ['+5', 5n], ['-5', -5n], ['007', 7n], ['9223372036854775807', (1n << 63n) - 1n],
    ['9223372036854775808', undefined], ['-9223372036854775808', -(1n << 63n)], ['', undefined], ['+', undefined],
    ['1_0', undefined], [' 1', undefined], ['1.0', undefined], ['0x10', undefined],
  ])('Atoi(%j) -> %s', (input, expected) => {
    expect(goAtoi(input)).toBe(expected);
  });

  test('int64(float64) truncates, and yields -2^63 out of range (amd64)', () => {
    expect(goFloatToInt64(1.9)).toBe(1n);
    expect(goFloatToInt64(-1.9)).toBe(-1n);
    expect(goFloatToInt64(2 ** 63)).toBe(-(1n << 63n));
    expect(goFloatToInt64(-(2 ** 63))).toBe(-(1n << 63n));
    expect(goFloatToInt64(NaN)).toBe(-(1n << 63n));
    expect(goFloatToInt64(2 ** 62)).toBe(1n << 62n);
  });
});
