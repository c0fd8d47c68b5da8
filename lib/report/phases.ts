import { parseMicros, PhaseMarker, ProbeSample } from './probe-log';

/**
 * A named slice of the probes (before / during / after the fault), from one of three sources:
 * `PHASE` lines in the log, one log file per phase (`--phase NAME=FILE`), or time windows
 * over the log (`--window NAME=START..END`).
 */
export interface PhaseSelection {
  readonly name: string;
  readonly samples: readonly ProbeSample[];
  /** Where the phase starts on the timeline (unix µs), for shading. */
  readonly startUs?: number;
  /** Where it ends (unix µs), for shading. */
  readonly endUs?: number;
}

/** Thrown for an unusable `--window` argument; the message quotes it. */
export class PhaseArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PhaseArgumentError';
  }
}

/** One end of a time window. */
export interface WindowBound {
  /** `offset`: seconds after the first probe; `absolute`: unix time. */
  readonly kind: 'offset' | 'absolute';
  /** Microseconds (after the first probe, or since the epoch). */
  readonly us: number;
}

/** `--window NAME=START..END`, half-open `[START, END)`; an empty end is open. */
export interface TimeWindow {
  readonly name: string;
  readonly start?: WindowBound;
  readonly end?: WindowBound;
}

const NAME = /^[A-Za-z0-9._-]+$/;
const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

function parseBound(text: string, arg: string): WindowBound | undefined {
  if (text === '') return undefined;
  if (text.startsWith('@')) {
    const us = parseMicros(text.slice(1));
    if (us === undefined) throw new PhaseArgumentError(`--window "${arg}": "${text}" is not @<unix-seconds> such as @1714564800.5`);
    return { kind: 'absolute', us };
  }
  const rfc = RFC3339.exec(text);
  if (rfc) {
    const ms = Date.parse(`${rfc[1]}${rfc[3]}`);
    if (Number.isNaN(ms)) throw new PhaseArgumentError(`--window "${arg}": "${text}" is not a valid RFC 3339 time`);
    return { kind: 'absolute', us: ms * 1000 + Number((rfc[2] ?? '').padEnd(6, '0').slice(0, 6)) };
  }
  const us = parseMicros(text);
  if (us === undefined) {
    throw new PhaseArgumentError(`--window "${arg}": "${text}" is not a time. Use seconds after the first probe (60, 90.5), `
      + '@<unix-seconds> (@1714564800) or an RFC 3339 time (2024-05-01T12:00:00Z)');
  }
  return { kind: 'offset', us };
}

/**
 * Parses `NAME=START..END`. START and END are each empty (open), seconds after the first
 * probe (`60`, `90.5`), `@<unix-seconds>`, or an RFC 3339 time (`2024-05-01T12:00:00Z`, as
 * `kubectl logs --timestamps` prints).
 */
export function parseWindow(arg: string): TimeWindow {
  const eq = arg.indexOf('=');
  const name = eq < 0 ? '' : arg.slice(0, eq);
  const range = eq < 0 ? '' : arg.slice(eq + 1);
  const dots = range.indexOf('..');
  if (eq < 0 || dots < 0) {
    throw new PhaseArgumentError(`--window "${arg}" is not NAME=START..END (for example before=..59.5, during=59.5..239.5, after=239.5..)`);
  }
  if (!NAME.test(name)) {
    throw new PhaseArgumentError(`--window "${arg}": the name "${name}" may only hold letters, digits, ".", "_" and "-"`);
  }
  const start = parseBound(range.slice(0, dots), arg);
  const end = parseBound(range.slice(dots + 2), arg);
  if (start && end && start.kind === end.kind && end.us <= start.us) {
    throw new PhaseArgumentError(`--window "${arg}": the window ends before it starts`);
  }
  return { name, start, end };
}

/** Phases from `PHASE` markers over samples in log order; probes before the first marker belong to none. */
export function phasesFromMarkers(samples: readonly ProbeSample[], markers: readonly PhaseMarker[]): PhaseSelection[] {
  return markers.map((marker, k) => {
    const next = markers[k + 1];
    const slice = samples.slice(marker.sampleIndex, next ? next.sampleIndex : samples.length);
    const lastUs = slice.length > 0 ? slice[slice.length - 1].timeUs : marker.timeUs;
    return { name: marker.name, samples: slice, startUs: marker.timeUs, endUs: next ? next.timeUs : lastUs };
  });
}

/** Phases from time windows, resolved against the first probe's time. */
export function phasesFromWindows(samples: readonly ProbeSample[], windows: readonly TimeWindow[]): PhaseSelection[] {
  const origin = samples.length > 0 ? samples[0].timeUs : 0;
  const last = samples.length > 0 ? samples[samples.length - 1].timeUs : 0;
  const at = (b: WindowBound): number => (b.kind === 'offset' ? origin + b.us : b.us);
  return windows.map((w) => {
    const startUs = w.start ? at(w.start) : undefined;
    const endUs = w.end ? at(w.end) : undefined;
    const slice = samples.filter((s) => (startUs === undefined || s.timeUs >= startUs) && (endUs === undefined || s.timeUs < endUs));
    return { name: w.name, samples: slice, startUs: startUs ?? origin, endUs: endUs ?? last };
  });
}

/** One phase per log file (`--phase NAME=FILE`), spanning that log's probes. */
export function phaseFromLog(name: string, samples: readonly ProbeSample[]): PhaseSelection {
  return samples.length > 0
    ? { name, samples, startUs: samples[0].timeUs, endUs: samples[samples.length - 1].timeUs }
    : { name, samples };
}
