/**
 * Phases name slices of the probes (before / during / after the fault). They come from one of
 * three sources: `PHASE` lines in the log, one log file per phase (`--phase NAME=FILE`), or time
 * windows over the log (`--window NAME=START..END`); the report builder assigns probes to them.
 */
import { parseMicros } from './probe-log';

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

/** A window's bounds in unix µs, offsets resolved against the first probe's time. */
export function resolveWindow(window: TimeWindow, originUs: number): { startUs?: number; endUs?: number } {
  const at = (b: WindowBound): number => (b.kind === 'offset' ? originUs + b.us : b.us);
  return { startUs: window.start ? at(window.start) : undefined, endUs: window.end ? at(window.end) : undefined };
}
