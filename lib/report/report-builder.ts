import { failureCause } from './_format';
import { Float64Series } from './_float64-series';
import { StatusCodeSet } from './accepted-status';
import { resolveWindow, TimeWindow } from './phases';
import { multipleE2, StatisticsAccumulator } from './statistics';
import type { PhaseSource, ProbeReport, ReportPhase } from './report';

/** Options of {@link ReportBuilder}. */
export interface ReportBuilderOptions {
  /** @default { kind: 'markers' } */
  readonly phases?: PhaseSource;
  /** @default StatusCodeSet.DEFAULT (200-399) */
  readonly accept?: StatusCodeSet;
  /**
   * Keep every probe's time and latency (16 bytes a probe) for the SVG timeline.
   * @default false
   */
  readonly timeline?: boolean;
}

/**
 * Most phases a report holds. A phase costs its statistics; a log with a `PHASE` line per probe
 * is not a phased run, and is refused instead of growing without bound.
 */
export const MAX_PHASES = 1000;

interface OpenPhase {
  readonly name: string;
  readonly stats: StatisticsAccumulator;
  startUs?: number;
  endUs?: number;
  lastSampleUs?: number;
}

/**
 * Builds a report one probe at a time, so a log of any length is read in one pass and memory
 * holds only what the statistics need: counters, the OK latencies (8 bytes each, for exact
 * percentiles, per phase and overall) and, only when asked, the timeline for the SVG.
 */
export class ReportBuilder {
  private readonly accept: StatusCodeSet;
  private readonly source: PhaseSource;
  private readonly files: string[] = [];
  private readonly overall = new StatisticsAccumulator();
  private readonly phases: OpenPhase[] = [];
  private readonly causes = new Map<string, number>();
  private readonly times?: Float64Series;
  private readonly latencies?: Float64Series;
  private current: OpenPhase | undefined;
  private firstUs: number | undefined;
  private lastUs: number | undefined;

  constructor(options: ReportBuilderOptions = {}) {
    this.accept = options.accept ?? StatusCodeSet.DEFAULT;
    this.source = options.phases ?? { kind: 'markers' };
    if (options.timeline) {
      this.times = new Float64Series();
      this.latencies = new Float64Series();
    }
  }

  /** The next log starts (logs are read in time order, their probes as one sequence). */
  public beginLog(file: string): void {
    this.files.push(file);
    if (this.source.kind !== 'files') return;
    const name = this.source.names[this.files.length - 1];
    if (name === undefined) throw new RangeError(`ReportBuilder: no phase name for log ${this.files.length} (${this.source.names.length} names)`);
    this.current = this.open(name);
  }

  /**
   * A `PHASE` line: with phases from markers, a phase starts here and lasts until the next one.
   * Returns why it is refused (past {@link MAX_PHASES}), or undefined.
   */
  public phaseMarker(name: string, timeUs: number): string | undefined {
    if (this.source.kind !== 'markers') return undefined;
    if (this.phases.length >= MAX_PHASES) return `more than ${MAX_PHASES} PHASE lines: a report shows at most ${MAX_PHASES} phases`;
    if (this.current) this.current.endUs = timeUs;
    this.current = this.open(name);
    this.current.startUs = timeUs;
    return undefined;
  }

  /** One probe, in log order. */
  public sample(timeUs: number, curlExit: number, httpCode?: number, latencyUs?: number): void {
    const ok = curlExit === 0 && httpCode !== undefined && latencyUs !== undefined && this.accept.has(httpCode);
    const okLatency = ok ? latencyUs : undefined;
    if (this.firstUs === undefined) {
      this.firstUs = timeUs;
      if (this.source.kind === 'windows') for (const w of this.source.windows) this.openWindow(w, timeUs);
    }
    this.lastUs = timeUs;
    this.overall.add(timeUs, okLatency);
    if (!ok) {
      const cause = failureCause(curlExit, httpCode);
      this.causes.set(cause, (this.causes.get(cause) ?? 0) + 1);
    }
    this.times?.push(timeUs);
    this.latencies?.push(okLatency ?? NaN);
    if (this.source.kind === 'windows') {
      for (const p of this.phases) {
        if ((p.startUs === undefined || timeUs >= p.startUs) && (p.endUs === undefined || timeUs < p.endUs)) p.stats.add(timeUs, okLatency);
      }
    } else if (this.current) {
      this.current.stats.add(timeUs, okLatency);
      if (this.source.kind === 'files' && this.current.startUs === undefined) this.current.startUs = timeUs;
      this.current.lastSampleUs = timeUs;
    }
  }

  /** The report of everything read. */
  public finish(): ProbeReport {
    if (this.source.kind === 'windows') {
      if (this.firstUs === undefined) for (const w of this.source.windows) this.openWindow(w, 0);
      for (const p of this.phases) {
        p.startUs ??= this.firstUs ?? 0;
        p.endUs ??= this.lastUs ?? 0;
      }
    } else if (this.source.kind === 'files') {
      for (const p of this.phases) p.endUs = p.lastSampleUs;
    } else if (this.current) {
      this.current.endUs = this.current.lastSampleUs ?? this.current.startUs;
    }
    if (this.source.kind === 'files' && this.source.names.length !== this.files.length) {
      throw new RangeError(`buildReport: ${this.source.names.length} phase names for ${this.files.length} logs`);
    }
    const stats = this.phases.map((p) => p.stats.result());
    const baseMean = stats[0]?.latency?.meanUs;
    const phases = this.phases.map((p, i): ReportPhase => {
      const mean = stats[i].latency?.meanUs;
      return {
        name: p.name,
        statistics: stats[i],
        multipleE2: mean !== undefined && baseMean !== undefined && baseMean > 0 ? multipleE2(mean, baseMean) : undefined,
        startUs: p.startUs,
        endUs: p.endUs,
      };
    });
    const failureCauses = [...this.causes]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([cause, probes]) => ({ cause, probes }));
    const timeline = this.times && this.latencies ? { timesUs: this.times.values(), okLatencyUs: this.latencies.values() } : undefined;
    return {
      files: this.files,
      accept: this.accept,
      firstUs: this.firstUs,
      lastUs: this.lastUs,
      overall: this.overall.result(),
      phases,
      failureCauses,
      ...(timeline ? { timeline } : {}),
    };
  }

  private open(name: string): OpenPhase {
    const phase: OpenPhase = { name, stats: new StatisticsAccumulator() };
    this.phases.push(phase);
    return phase;
  }

  private openWindow(window: TimeWindow, originUs: number): void {
    const phase = this.open(window.name);
    const { startUs, endUs } = resolveWindow(window, originUs);
    phase.startUs = startUs;
    phase.endUs = endUs;
  }
}
