import { StatusCodeSet } from './accepted-status';
import { TimeWindow } from './phases';
import { ProbeLog } from './probe-log';
import { ReportBuilder } from './report-builder';
import { ProbeStatistics } from './statistics';

/** How the report splits the probes into phases. */
export type PhaseSource =
  /** `PHASE` lines in the logs (the probe Job writes them). */
  | { readonly kind: 'markers' }
  /** One phase per log, named in the same order as the logs (`--phase NAME=FILE`). */
  | { readonly kind: 'files'; readonly names: readonly string[] }
  /** Time windows over the concatenated logs (`--window NAME=START..END`). */
  | { readonly kind: 'windows'; readonly windows: readonly TimeWindow[] };

export interface ReportInput {
  /** Logs in time order; their probes are read as one sequence. */
  readonly logs: readonly ProbeLog[];
  /**
   * Where phases come from.
   * @default { kind: 'markers' }
   */
  readonly phases?: PhaseSource;
  /**
   * Status codes that count as OK.
   * @default StatusCodeSet.DEFAULT (200-399)
   */
  readonly accept?: StatusCodeSet;
  /**
   * Keep every probe's time and latency for `renderSvg`.
   * @default true
   */
  readonly timeline?: boolean;
}

/** One phase's numbers. */
export interface ReportPhase {
  readonly name: string;
  readonly statistics: ProbeStatistics;
  /** Mean latency as a multiple of the first phase's, × 100 (1150 = 11.50×); undefined when either mean is unknown. */
  readonly multipleE2?: number;
  /** Span on the timeline (unix µs), for the picture. */
  readonly startUs?: number;
  readonly endUs?: number;
}

/** The whole report, before rendering. */
export interface ProbeReport {
  readonly files: readonly string[];
  readonly accept: StatusCodeSet;
  /** Time of the first and of the last probe (unix µs); undefined without probes. */
  readonly firstUs?: number;
  readonly lastUs?: number;
  readonly overall: ProbeStatistics;
  readonly phases: readonly ReportPhase[];
  /** Failed probes by what they ran into, most frequent first. */
  readonly failureCauses: ReadonlyArray<{ readonly cause: string; readonly probes: number }>;
  /** Every probe in order, for the SVG; absent when the report was built without it. */
  readonly timeline?: ProbeTimeline;
}

/** Every probe's time and, when it was OK, its latency (NaN when it failed), in unix µs and µs. */
export interface ProbeTimeline {
  readonly timesUs: Float64Array;
  readonly okLatencyUs: Float64Array;
}

/** The `--format json` document (also the probe Job's `SUMMARY` JSON): exactly these keys. */
export interface ProbeReportJson {
  readonly probes: number;
  readonly ok: number;
  readonly failed: number;
  /** Percent with four decimals; null without probes. */
  readonly availability: number | null;
  readonly max_unreachable_ms: number;
  readonly latency_ms: {
    readonly p50: number | null;
    readonly p99: number | null;
    readonly max: number | null;
    readonly mean: number | null;
  };
  readonly phases: ReadonlyArray<{
    readonly name: string;
    readonly probes: number;
    readonly availability: number | null;
    readonly mean_ms: number | null;
    readonly multiple: number | null;
  }>;
}

/** Builds the report of logs held in memory: overall statistics and per-phase statistics. */
export function buildReport(input: ReportInput): ProbeReport {
  const builder = new ReportBuilder({ phases: input.phases, accept: input.accept, timeline: input.timeline ?? true });
  for (const log of input.logs) {
    builder.beginLog(log.file);
    let next = 0;
    const markersUpTo = (index: number) => {
      for (; next < log.phases.length && log.phases[next].sampleIndex <= index; next++) {
        const refused = builder.phaseMarker(log.phases[next].name, log.phases[next].timeUs);
        if (refused !== undefined) throw new RangeError(`buildReport: ${log.file}:${log.phases[next].line}: ${refused}`);
      }
    };
    log.samples.forEach((s, i) => {
      markersUpTo(i);
      builder.sample(s.timeUs, s.curlExit, s.httpCode, s.latencyUs);
    });
    markersUpTo(log.samples.length);
  }
  return builder.finish();
}

const ms = (us: number | undefined): number | null => (us === undefined ? null : us / 1000);
const pct = (e4: number | undefined): number | null => (e4 === undefined ? null : e4 / 10_000);

/** The JSON document of a report (numbers in ms and %, exact to the µs and 1/10000 %). */
export function reportToJson(report: ProbeReport): ProbeReportJson {
  const o = report.overall;
  return {
    probes: o.probes,
    ok: o.ok,
    failed: o.failed,
    availability: pct(o.availabilityE4),
    max_unreachable_ms: o.maxUnreachableUs / 1000,
    latency_ms: {
      p50: ms(o.latency?.p50Us),
      p99: ms(o.latency?.p99Us),
      max: ms(o.latency?.maxUs),
      mean: ms(o.latency?.meanUs),
    },
    phases: report.phases.map((p) => ({
      name: p.name,
      probes: p.statistics.probes,
      availability: pct(p.statistics.availabilityE4),
      mean_ms: ms(p.statistics.latency?.meanUs),
      multiple: p.multipleE2 === undefined ? null : p.multipleE2 / 100,
    })),
  };
}
