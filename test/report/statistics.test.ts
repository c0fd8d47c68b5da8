import { computeStatistics, parseProbeLog, StatusCodeSet } from '../../lib/report';
import { availabilityE4, multipleE2, nearestRank, roundedMean } from '../../lib/report/statistics';

const stats = (log: string, accept?: StatusCodeSet) => computeStatistics(parseProbeLog(log, 't.log').samples, accept);

describe('computeStatistics on hand-computed logs', () => {
  test('an empty log: no probes, no availability, no latency, nothing unreachable', () => {
    expect(stats('')).toEqual({ probes: 0, ok: 0, failed: 0, availabilityE4: undefined, maxUnreachableUs: 0, latency: undefined });
  });

  test('only failures: 0 %, no latency, unreachable from the first failure to the last probe', () => {
    const log = [
      '100.000000 7',
      '101.000000 28',
      '102.500000 0 503 0.010000',
    ].join('\n');
    expect(stats(log)).toEqual({ probes: 3, ok: 0, failed: 3, availabilityE4: 0, maxUnreachableUs: 2_500_000, latency: undefined });
  });

  test('a mixed log, every number worked out by hand', () => {
    // OK latencies: 10, 40, 20, 30, 50 ms. Failures at t=2 and t=3 (next OK at t=4: 2000 ms),
    // and at t=6 (next OK at t=6.5: 500 ms).
    const log = [
      '0.0 0 200 0.010',
      '1.0 0 200 0.040',
      '2.0 7',
      '3.0 0 503 0.001',
      '4.0 0 200 0.020',
      '5.0 0 204 0.030',
      '6.0 28',
      '6.5 0 301 0.050',
    ].join('\n');
    expect(stats(log)).toEqual({
      probes: 8,
      ok: 5,
      failed: 3,
      availabilityE4: 625_000, // 5/8 = 62.5000 %
      maxUnreachableUs: 2_000_000,
      latency: {
        p50Us: 30_000, // sorted 10 20 30 40 50, rank ceil(2.5) = 3
        p99Us: 50_000, // rank ceil(4.95) = 5
        maxUs: 50_000,
        meanUs: 30_000, // 150 / 5
      },
    });
  });

  test('OK means curl exit 0 AND an accepted status; the accepted set can change', () => {
    const log = ['0 0 200 0.010', '1 0 301 0.010', '2 0 404 0.010', '3 22 503 0.010', '4 28 200 2.000'].join('\n');
    expect(stats(log)).toMatchObject({ ok: 2, failed: 3 });
    expect(stats(log, StatusCodeSet.parse('200'))).toMatchObject({ ok: 1, failed: 4 });
    expect(stats(log, StatusCodeSet.parse('200-499'))).toMatchObject({ ok: 3, failed: 2 });
  });

  test('a failure run that ends the log counts to the last probe; a single last failure counts 0', () => {
    expect(stats('0 0 200 0.01\n1 0 200 0.01\n2 7').maxUnreachableUs).toBe(0);
    expect(stats('0 0 200 0.01\n1 7\n2.25 7').maxUnreachableUs).toBe(1_250_000);
  });

  test('timestamps with nanoseconds (date +%s.%N) are read exactly, to the microsecond', () => {
    const log = ['1714564800.100000999 7', '1714564801.350000001 0 200 0.026123'].join('\n');
    expect(stats(log)).toMatchObject({ maxUnreachableUs: 1_250_000, latency: { p50Us: 26_123, meanUs: 26_123 } });
  });
});

describe('the rules behind the numbers', () => {
  test('nearest rank: the value at 1-based rank ceil(p/100 * n)', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([nearestRank(hundred, 50), nearestRank(hundred, 99)]).toEqual([50, 99]);
    const n252 = Array.from({ length: 252 }, (_, i) => i + 1);
    expect([nearestRank(n252, 50), nearestRank(n252, 99)]).toEqual([126, 250]);
    expect([nearestRank([7], 50), nearestRank([7], 99)]).toEqual([7, 7]);
    expect(nearestRank([1, 2], 50)).toBe(1);
    expect(() => nearestRank([], 50)).toThrow(/at least one value/);
  });

  test('availability rounds half up at four decimals, with integers', () => {
    expect(availabilityE4(2, 3)).toBe(666_667); // 66.66666.. -> 66.6667
    expect(availabilityE4(1, 3)).toBe(333_333);
    expect(availabilityE4(251, 252)).toBe(996_032); // 99.603174.. -> 99.6032
    expect(availabilityE4(1, 8)).toBe(125_000);
    expect(availabilityE4(1, 160_000)).toBe(6); // 0.000625 % -> 0.0006 (half up)
  });

  test('means and multiples round half up', () => {
    expect(roundedMean(5, 2)).toBe(3);
    expect(roundedMean(4, 3)).toBe(1);
    expect(multipleE2(299_000, 26_000)).toBe(1150); // 11.5
    expect(multipleE2(1, 8)).toBe(13); // 0.125 -> 0.13
  });
});
