import { StatusCodeSet } from './accepted-status';
import { Float64Series } from './_float64-series';
import { ProbeSample } from './probe-log';

/**
 * The statistics of a run of probes, in integer units (microseconds, 1/10000 %, 1/100 ×) so
 * that rounding happens once, by one rule, here and in the probe script's awk summary alike:
 * half up, computed with integers.
 */
export interface ProbeStatistics {
  /** Probe lines counted. */
  readonly probes: number;
  /** Probes with curl exit 0 and an accepted HTTP status. */
  readonly ok: number;
  /** `probes - ok`. */
  readonly failed: number;
  /** Availability in 1/10000 percent (`1000000` is 100.0000 %); undefined without probes. */
  readonly availabilityE4?: number;
  /**
   * Longest unreachable stretch in microseconds: from the first failed probe of a run of
   * failures to the next OK probe (or to the last probe when none follows); 0 if nothing failed.
   */
  readonly maxUnreachableUs: number;
  /** Latency over OK probes; undefined when no probe was OK. */
  readonly latency?: LatencyStatistics;
}

/** Latency of the OK probes in microseconds (curl's time_total). */
export interface LatencyStatistics {
  /** Nearest rank: the value at 1-based rank ⌈0.50·n⌉ of the sorted list. */
  readonly p50Us: number;
  /** Nearest rank: the value at 1-based rank ⌈0.99·n⌉ of the sorted list. */
  readonly p99Us: number;
  readonly maxUs: number;
  /** Arithmetic mean, rounded half up to whole microseconds. */
  readonly meanUs: number;
}

/** OK means: curl exit 0 and an accepted HTTP status. */
export function isOk(sample: ProbeSample, accept: StatusCodeSet): boolean {
  return sample.curlExit === 0 && sample.httpCode !== undefined && sample.latencyUs !== undefined && accept.has(sample.httpCode);
}

/** The value at 1-based rank ⌈p/100 · n⌉ of an ascending list (p in 1..100, list not empty). */
export function nearestRank(sortedAscending: ArrayLike<number>, p: number): number {
  const n = sortedAscending.length;
  if (n === 0) throw new RangeError('nearestRank needs at least one value');
  const rank = Math.max(1, Math.floor((p * n + 99) / 100));
  return sortedAscending[rank - 1];
}

/** `ok / n` as percent × 10^4, rounded half up (integers only). */
export function availabilityE4(ok: number, n: number): number {
  return Math.floor((ok * 2_000_000 + n) / (2 * n));
}

/** `sum / n` rounded half up (`sum` a bigint when it is past exact doubles). */
export function roundedMean(sum: number | bigint, n: number): number {
  if (typeof sum === 'bigint') return Number((2n * sum + BigInt(n)) / (2n * BigInt(n)));
  return Math.floor((2 * sum + n) / (2 * n));
}

/** `value / base` × 100, rounded half up: 1150 means 11.50×. */
export function multipleE2(value: number, base: number): number {
  return Math.floor((200 * value + base) / (2 * base));
}

/** Computes {@link ProbeStatistics} over samples in log order. */
export function computeStatistics(samples: readonly ProbeSample[], accept: StatusCodeSet = StatusCodeSet.DEFAULT): ProbeStatistics {
  const acc = new StatisticsAccumulator();
  for (const s of samples) acc.add(s.timeUs, isOk(s, accept) ? s.latencyUs! : undefined);
  return acc.result();
}

/** Past this the running sum moves into a bigint, so the mean stays exact for any count. */
const EXACT_SUM_LIMIT = 2 ** 50;

/**
 * The statistics of a stream of probes, one probe at a time: counters, the open unreachable
 * stretch and the OK latencies (exact percentiles need every one of them; they are kept as
 * doubles in a typed array, 8 bytes per OK probe, never as objects).
 */
export class StatisticsAccumulator {
  private probes = 0;
  private sum = 0;
  private bigSum = 0n;
  private worst = 0;
  private since: number | undefined;
  private lastUs = 0;
  private readonly latencies = new Float64Series();

  /** One probe in log order: its time and, when it was OK, its latency (both in µs). */
  public add(timeUs: number, okLatencyUs: number | undefined): void {
    this.probes++;
    this.lastUs = timeUs;
    if (okLatencyUs === undefined) {
      if (this.since === undefined) this.since = timeUs;
      return;
    }
    this.latencies.push(okLatencyUs);
    this.sum += okLatencyUs;
    if (this.sum >= EXACT_SUM_LIMIT) {
      this.bigSum += BigInt(this.sum);
      this.sum = 0;
    }
    if (this.since !== undefined) {
      this.worst = Math.max(this.worst, timeUs - this.since);
      this.since = undefined;
    }
  }

  /** The statistics so far (sorts the latencies it holds). */
  public result(): ProbeStatistics {
    const n = this.probes;
    const worst = this.since !== undefined ? Math.max(this.worst, this.lastUs - this.since) : this.worst;
    const sorted = this.latencies.values().sort();
    const m = sorted.length;
    const sum = this.bigSum === 0n ? this.sum : this.bigSum + BigInt(this.sum);
    return {
      probes: n,
      ok: m,
      failed: n - m,
      availabilityE4: n > 0 ? availabilityE4(m, n) : undefined,
      maxUnreachableUs: worst,
      latency: m > 0 ? {
        p50Us: nearestRank(sorted, 50),
        p99Us: nearestRank(sorted, 99),
        maxUs: sorted[m - 1],
        meanUs: roundedMean(sum, m),
      } : undefined,
    };
  }
}
