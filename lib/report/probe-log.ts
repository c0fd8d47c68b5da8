/**
 * Reading probe logs: the reference's hand-run loop and the probe Job's own output.
 *
 *   <unix-seconds.fraction> <curl-exit> [<http-code> <time_total-seconds>]
 *   PHASE <name> <unix-seconds.fraction>
 *   SUMMARY <json>
 *   # comment
 *
 * optionally behind the RFC 3339 timestamp that `kubectl logs --timestamps` adds. Times are
 * kept as integer microseconds (parsed from the text, never through a float), so every
 * statistic is exact and the report agrees digit for digit with the script's own awk summary.
 */
import { isRecord } from '../_json';

/** One probe: when it was sent, curl's exit code, and the answer if there was one. */
export interface ProbeSample {
  /** File the line came from. */
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
  /** Unix time in microseconds (fraction truncated to 6 digits). */
  readonly timeUs: number;
  /** curl's exit code: 0 ok, 7 connection refused, 28 timeout, ... */
  readonly curlExit: number;
  /** HTTP status, absent when curl got no response (also when the log says `000`). */
  readonly httpCode?: number;
  /** curl's time_total in microseconds, absent when there was no response. */
  readonly latencyUs?: number;
}

/** A `PHASE` line: the phase starts here and lasts until the next marker. */
export interface PhaseMarker {
  readonly name: string;
  readonly timeUs: number;
  readonly file: string;
  readonly line: number;
  /** Index in the log's samples of the first probe after the marker. */
  readonly sampleIndex: number;
}

/** A line that could not be read; reported, never fatal to the parser. */
export interface LogProblem {
  readonly file: string;
  readonly line: number;
  /** The line as written (trimmed, at most 120 characters). */
  readonly text: string;
  readonly message: string;
}

/** A `SUMMARY` line, as the probe Job wrote it. */
export interface LogSummary {
  readonly line: number;
  readonly value: Record<string, unknown>;
}

/** Everything read from one log. */
export interface ProbeLog {
  readonly file: string;
  readonly samples: readonly ProbeSample[];
  readonly phases: readonly PhaseMarker[];
  readonly summaries: readonly LogSummary[];
  readonly problems: readonly LogProblem[];
}

const KUBECTL_PREFIX = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}) /;
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;
const PHASE_NAME = /^[A-Za-z0-9._-]+$/;

/**
 * Decimal text (`1714564800.123456789`, `0.026`) to integer microseconds, truncating digits
 * past the sixth; `undefined` when it is not a plain decimal or too large to be exact.
 */
export function parseMicros(text: string): number | undefined {
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const whole = Number(m[1]);
  const frac = Number((m[2] ?? '').padEnd(6, '0').slice(0, 6));
  const us = whole * 1_000_000 + frac;
  return Number.isSafeInteger(us) ? us : undefined;
}

/**
 * Longest line a log may hold. Probe lines are about 40 characters and the probe Job's SUMMARY
 * a few hundred; a longer line is not a probe log (a binary file, a log without newlines) and is
 * reported without being kept whole in memory.
 */
export const MAX_LOG_LINE_CHARS = 65_536;

/**
 * Largest curl time_total accepted, in seconds (one day). A probe's curl runs with a timeout of
 * seconds; a larger number is a corrupted line, and counting it would distort every statistic.
 */
export const MAX_LATENCY_SECONDS = 86_400;
const MAX_LATENCY_US = MAX_LATENCY_SECONDS * 1_000_000;

/** What one line of a log says. */
export type ProbeLine =
  | { readonly kind: 'none' }
  | { readonly kind: 'sample'; readonly timeUs: number; readonly curlExit: number; readonly httpCode?: number; readonly latencyUs?: number }
  | { readonly kind: 'phase'; readonly name: string; readonly timeUs: number }
  | { readonly kind: 'summary'; readonly value: Record<string, unknown> }
  | { readonly kind: 'problem'; readonly message: string; readonly text: string };

const NONE: ProbeLine = { kind: 'none' };

/** Reads one line of a log (without its newline); blank lines and comments say nothing. */
export function readProbeLine(raw: string): ProbeLine {
  if (raw.length > MAX_LOG_LINE_CHARS) {
    return { kind: 'problem', message: `the line is longer than ${MAX_LOG_LINE_CHARS} characters, so it is not a probe log line`, text: excerpt(raw) };
  }
  const body = raw.replace(/\r$/, '').replace(KUBECTL_PREFIX, '').trim();
  if (body === '' || body.startsWith('#')) return NONE;
  const problem = (message: string): ProbeLine => ({ kind: 'problem', message, text: excerpt(body) });

  if (body.startsWith('SUMMARY')) {
    try {
      const value: unknown = JSON.parse(body.slice('SUMMARY'.length).trim());
      if (isRecord(value)) return { kind: 'summary', value };
    } catch {
      // reported below
    }
    return problem('SUMMARY is not followed by a JSON object');
  }

  const fields = body.split(/\s+/);
  if (fields[0] === 'PHASE') {
    const timeUs = fields.length === 3 ? parseMicros(fields[2]) : undefined;
    if (fields.length !== 3 || !PHASE_NAME.test(fields[1]) || timeUs === undefined) {
      return problem('a phase line is "PHASE <name> <unix-seconds>", the name made of letters, digits, ".", "_" and "-"');
    }
    return { kind: 'phase', name: fields[1], timeUs };
  }

  if (fields.length !== 2 && fields.length !== 4) {
    return problem(`a probe line has 2 or 4 fields (<unix-seconds> <curl-exit> [<http-code> <time_total>]), this one has ${fields.length}`);
  }
  const timeUs = parseMicros(fields[0]);
  if (timeUs === undefined) return problem(`"${fields[0]}" is not a unix time in seconds such as 1714564800.123`);
  // curl's exit codes are a process exit status: 0-255.
  if (!/^\d{1,3}$/.test(fields[1]) || Number(fields[1]) > 255) return problem(`"${fields[1]}" is not a curl exit code (0-255)`);
  const curlExit = Number(fields[1]);
  if (fields.length === 2) return { kind: 'sample', timeUs, curlExit };
  const httpCode = /^\d{3}$/.test(fields[2]) ? Number(fields[2]) : -1;
  // curl writes 000 when no HTTP response arrived: the same as no answer at all.
  if (httpCode !== 0 && (httpCode < 100 || httpCode > 599)) {
    return problem(`"${fields[2]}" is not an HTTP status code (100-599, or 000 for no response)`);
  }
  const latencyUs = parseMicros(fields[3]);
  if (latencyUs === undefined || latencyUs > MAX_LATENCY_US) {
    return problem(`"${fields[3]}" is not curl's time_total in seconds such as 0.026 (0 to ${MAX_LATENCY_SECONDS})`);
  }
  return httpCode === 0 ? { kind: 'sample', timeUs, curlExit } : { kind: 'sample', timeUs, curlExit, httpCode, latencyUs };
}

/** The line as quoted in a problem: at most 120 characters. */
function excerpt(body: string): string {
  return body.length > 120 ? `${body.slice(0, 117)}...` : body;
}

/** Parses one log held in memory; malformed lines become `problems` with their line number. */
export function parseProbeLog(text: string, file: string): ProbeLog {
  const samples: ProbeSample[] = [];
  const phases: PhaseMarker[] = [];
  const summaries: LogSummary[] = [];
  const problems: LogProblem[] = [];
  let start = 0;
  for (let line = 1; start < text.length; line++) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const read = readProbeLine(text.slice(start, end));
    start = end + 1;
    switch (read.kind) {
      case 'sample':
        samples.push(read.httpCode === undefined
          ? { file, line, timeUs: read.timeUs, curlExit: read.curlExit }
          : { file, line, timeUs: read.timeUs, curlExit: read.curlExit, httpCode: read.httpCode, latencyUs: read.latencyUs });
        break;
      case 'phase':
        phases.push({ name: read.name, timeUs: read.timeUs, file, line, sampleIndex: samples.length });
        break;
      case 'summary':
        summaries.push({ line, value: read.value });
        break;
      case 'problem':
        problems.push({ file, line, text: read.text, message: read.message });
        break;
    }
  }
  return { file, samples, phases, summaries, problems };
}
