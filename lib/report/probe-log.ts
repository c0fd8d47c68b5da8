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

/** Parses one log; malformed lines become {@link LogProblem}s with their line number. */
export function parseProbeLog(text: string, file: string): ProbeLog {
  const samples: ProbeSample[] = [];
  const phases: PhaseMarker[] = [];
  const summaries: LogSummary[] = [];
  const problems: LogProblem[] = [];
  const lines = text.split('\n');
  // A trailing newline does not make an extra line.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();

  lines.forEach((raw, i) => {
    const line = i + 1;
    const body = raw.replace(/\r$/, '').replace(KUBECTL_PREFIX, '').trim();
    if (body === '' || body.startsWith('#')) return;
    const problem = (message: string): void => {
      problems.push({ file, line, text: body.length > 120 ? `${body.slice(0, 117)}...` : body, message });
    };

    if (body.startsWith('SUMMARY')) {
      const json = body.slice('SUMMARY'.length).trim();
      try {
        const value: unknown = JSON.parse(json);
        if (!isRecord(value)) throw new Error('not an object');
        summaries.push({ line, value });
      } catch {
        problem('SUMMARY is not followed by a JSON object');
      }
      return;
    }

    const fields = body.split(/\s+/);
    if (fields[0] === 'PHASE') {
      const timeUs = fields.length === 3 ? parseMicros(fields[2]) : undefined;
      if (fields.length !== 3 || !PHASE_NAME.test(fields[1]) || timeUs === undefined) {
        problem('a phase line is "PHASE <name> <unix-seconds>", the name made of letters, digits, ".", "_" and "-"');
        return;
      }
      phases.push({ name: fields[1], timeUs, file, line, sampleIndex: samples.length });
      return;
    }

    if (fields.length !== 2 && fields.length !== 4) {
      problem(`a probe line has 2 or 4 fields (<unix-seconds> <curl-exit> [<http-code> <time_total>]), this one has ${fields.length}`);
      return;
    }
    const timeUs = parseMicros(fields[0]);
    if (timeUs === undefined) {
      problem(`"${fields[0]}" is not a unix time in seconds such as 1714564800.123`);
      return;
    }
    if (!/^\d{1,3}$/.test(fields[1])) {
      problem(`"${fields[1]}" is not a curl exit code (0-255)`);
      return;
    }
    const curlExit = Number(fields[1]);
    if (fields.length === 2) {
      samples.push({ file, line, timeUs, curlExit });
      return;
    }
    if (!/^\d{3}$/.test(fields[2])) {
      problem(`"${fields[2]}" is not a three-digit HTTP status code`);
      return;
    }
    const latencyUs = parseMicros(fields[3]);
    if (latencyUs === undefined) {
      problem(`"${fields[3]}" is not curl's time_total in seconds such as 0.026`);
      return;
    }
    const httpCode = Number(fields[2]);
    // curl writes 000 when no HTTP response arrived: the same as no answer at all.
    samples.push(httpCode === 0 ? { file, line, timeUs, curlExit } : { file, line, timeUs, curlExit, httpCode, latencyUs });
  });

  return { file, samples, phases, summaries, problems };
}
