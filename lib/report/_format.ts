/** Number formatting shared by the Markdown and SVG renderers: integers in, fixed text out. */

/** `1000000` -> `100.0000%`. */
export function formatPercentE4(e4: number | undefined): string {
  if (e4 === undefined) return 'n/a';
  return `${Math.floor(e4 / 10_000)}.${String(e4 % 10_000).padStart(4, '0')}%`;
}

/**
 * Microseconds as milliseconds for people: whole ms from 10 ms up (as the reference's tables),
 * one decimal below (a local service answers in 0.4 ms, and "0 ms" would hide it). Half up.
 */
export function formatMs(us: number | undefined): string {
  if (us === undefined) return 'n/a';
  if (us >= 10_000) return `${Math.floor((us + 500) / 1000)} ms`;
  const tenths = Math.floor((us + 50) / 100);
  return `${Math.floor(tenths / 10)}.${tenths % 10} ms`;
}

/** `1150` -> `11.50×`. */
export function formatMultipleE2(e2: number | undefined): string {
  if (e2 === undefined) return 'n/a';
  return `${Math.floor(e2 / 100)}.${String(e2 % 100).padStart(2, '0')}×`;
}

/** A span of time in words: `4 min 11 s`, `59 s`, `1 h 2 min`, `0.8 s`. */
export function formatSpan(us: number): string {
  if (us < 10_000_000) {
    const tenths = Math.floor((us + 50_000) / 100_000);
    return tenths % 10 === 0 ? `${tenths / 10} s` : `${Math.floor(tenths / 10)}.${tenths % 10} s`;
  }
  const s = Math.floor((us + 500_000) / 1_000_000);
  const h = Math.floor(s / 3600);
  const min = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return min > 0 ? `${h} h ${min} min` : `${h} h`;
  if (min > 0) return sec > 0 ? `${min} min ${sec} s` : `${min} min`;
  return `${sec} s`;
}

/** Unix µs as an RFC 3339 UTC time to the second: `2024-05-01T12:00:00Z`. */
export function formatUtc(us: number): string {
  return new Date(Math.floor(us / 1_000_000) * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

/** What a failed probe ran into, in words, from curl's exit code and the status. */
export function failureCause(curlExit: number, httpCode: number | undefined): string {
  // Exit 22 is curl -f's "HTTP error": the status says more (the reference loop used -f).
  if (httpCode !== undefined && (curlExit === 0 || curlExit === 22)) return `HTTP ${httpCode}`;
  const names: Record<number, string> = {
    6: 'host name not resolved',
    7: 'connection refused or unreachable',
    28: 'timeout',
    35: 'TLS handshake failed',
    52: 'empty reply',
    56: 'connection reset',
    60: 'certificate not trusted',
  };
  const name = names[curlExit];
  return name ? `${name} (curl exit ${curlExit})` : `curl exit ${curlExit}`;
}
