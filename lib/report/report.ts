import { StatusCodeSet } from './accepted-status';
import { phaseFromLog, phasesFromMarkers, phasesFromWindows, PhaseSelection, TimeWindow } from './phases';
import { PhaseMarker, ProbeLog, ProbeSample } from './probe-log';
import { computeStatistics, multipleE2, ProbeStatistics } from './statistics';

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
  /** Every probe in order. */
  readonly samples: readonly ProbeSample[];
  readonly overall: ProbeStatistics;
  readonly phases: readonly ReportPhase[];
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

/** Builds the report: overall statistics and per-phase statistics. */
export function buildReport(input: ReportInput): ProbeReport {
  const accept = input.accept ?? StatusCodeSet.DEFAULT;
  const source = input.phases ?? { kind: 'markers' };
  const samples: ProbeSample[] = [];
  const markers: PhaseMarker[] = [];
  for (const log of input.logs) {
    const offset = samples.length;
    for (const m of log.phases) markers.push({ ...m, sampleIndex: m.sampleIndex + offset });
    samples.push(...log.samples);
  }

  let selections: PhaseSelection[];
  switch (source.kind) {
    case 'markers':
      selections = phasesFromMarkers(samples, markers);
      break;
    case 'files':
      if (source.names.length !== input.logs.length) {
        throw new RangeError(`buildReport: ${source.names.length} phase names for ${input.logs.length} logs`);
      }
      selections = input.logs.map((log, i) => phaseFromLog(source.names[i], log.samples));
      break;
    case 'windows':
      selections = phasesFromWindows(samples, source.windows);
      break;
  }

  const stats = selections.map((s) => computeStatistics(s.samples, accept));
  const baseMean = stats[0]?.latency?.meanUs;
  const phases = selections.map((s, i): ReportPhase => {
    const mean = stats[i].latency?.meanUs;
    return {
      name: s.name,
      statistics: stats[i],
      multipleE2: mean !== undefined && baseMean !== undefined && baseMean > 0 ? multipleE2(mean, baseMean) : undefined,
      startUs: s.startUs,
      endUs: s.endUs,
    };
  });

  return { files: input.logs.map((l) => l.file), accept, samples, overall: computeStatistics(samples, accept), phases };
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
