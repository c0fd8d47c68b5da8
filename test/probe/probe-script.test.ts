/**
 * The real lib/probe/probe.sh, run with this machine's sh (dash), curl and awk (mawk) against
 * a local server that refuses, stalls, answers slowly and answers 503; and, where busybox is
 * installed, with busybox sh/awk/date/sleep as in the Alpine-based probe image.
 */
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { runReport } from '../../lib/cli/report-command';
import { PlanServer, probeLines, ProbeRun, runProbe, SCRIPT, startPlanServer, Step, summaryOf } from './_harness';

const PROBE_LINE = /^(\d+)\.(\d{6}) (\d+)(?: (\d{3}) (\d+\.\d+))?$/;

/** Runs `report --format json` on a log text and returns the parsed document. */
async function reportJson(log: string): Promise<any> {
  const dir = mkdtempSync(path.join(tmpdir(), 'probe-report-'));
  try {
    const file = path.join(dir, 'probe.log');
    require('fs').writeFileSync(file, log);
    let out = '';
    let err = '';
    const code = await runReport([file, '--format', 'json'], { stdout: (s) => (out += s), stderr: (s) => (err += s) });
    expect({ code, err }).toEqual({ code: 0, err: '' });
    return JSON.parse(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const micros = (ts: string): number => {
  const [s, f] = ts.split('.');
  return Number(s) * 1e6 + Number(f.padEnd(6, '0').slice(0, 6));
};

/**
 * Ten ticks 0.2 s apart with a 3 s timeout; the endpoint stalls for ticks 2-5 (requests 3-6
 * never answer). Phases: before (ticks 0-1), stall (2-5), after (6-9). The timeout is 15
 * intervals so that "the next tick did not wait for the stalled request" (a gap below one
 * timeout) holds with 2.8 s to spare on a loaded machine, where a script that waited would show
 * gaps of 3 s or more.
 */
const STALL_INTERVAL_US = 200_000;
const STALL_TIMEOUT_US = 3_000_000;
const STALL_ENV = { PROBE_INTERVAL: '0.2', PROBE_TIMEOUT: '3', PROBE_PHASES: 'before:0.4 stall:0.8 after:0.8' };
const STALL_PLAN: Step[] = ['ok', 'ok', 'hang', 'hang', 'hang', 'hang'];

/** A log line reduced to what the stall tests compare: `PHASE <name>`, a probe's curl exit, `#`, `SUMMARY`. */
function shapeOf(line: string): string {
  if (line.startsWith('PHASE ')) return line.split(' ').slice(0, 2).join(' ');
  if (/^\d/.test(line)) return PROBE_LINE.exec(line)?.[3] ?? `malformed: ${line}`;
  return line.split(' ')[0];
}

/** What every stalled run must show: one line per tick, fired on time, in order, counted. */
async function expectOneLinePerStalledTick(run: ProbeRun, server: PlanServer): Promise<void> {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  // The log's shape: each PHASE line right before its first tick, one line per tick.
  expect(run.lines.map(shapeOf)).toEqual(['#', 'PHASE before', '0', '0', 'PHASE stall', '28', '28', '28', '28', 'PHASE after', '0', '0', '0', '0', 'SUMMARY']);
  expect(server.requests()).toBe(10);

  // Stamped when each tick fired, read against the script's own start (the first PHASE line is
  // stamped with it): never before the tick was due (tick k at start + k intervals; 10 ms is the
  // resolution of the uptime clock), and the ticks of the stall did not wait for the stalled
  // requests (those take one timeout each; see STALL_ENV for why that bound is safe under load).
  // Lateness alone is not checked: on a loaded machine a tick may fire late, and the log says so.
  const start = micros(run.lines.find((l) => l.startsWith('PHASE '))!.split(' ')[2]);
  const t = probeLines(run).map((l) => micros(l.split(' ')[0]));
  for (let k = 0; k < t.length; k++) expect(t[k] - start).toBeGreaterThanOrEqual(k * STALL_INTERVAL_US - 10_000);
  for (let k = 1; k < t.length; k++) expect(t[k] - t[k - 1]).toBeLessThan(STALL_TIMEOUT_US);
  expect(t[5] - t[2]).toBeLessThan(STALL_TIMEOUT_US); // the stall's four ticks fired within one timeout

  const summary = summaryOf(run);
  expect(summary).toMatchObject({ probes: 10, ok: 6, failed: 4, availability: 60 });
  // From the first stalled tick to the next OK one, read off the log's own timestamps.
  expect(summary.max_unreachable_ms).toBe((t[6] - t[2]) / 1000);
  expect(summary.phases.map((p: any) => [p.name, p.probes, p.availability])).toEqual([['before', 2, 100], ['stall', 4, 0], ['after', 4, 100]]);
  expect(await reportJson(run.stdout)).toEqual(summary);
}

describe('probe.sh is plain POSIX sh', () => {
  test('dash parses it', () => {
    expect(spawnSync('dash', ['-n', SCRIPT]).status).toBe(0);
  });

  test('no bashisms that dash -n would not catch', () => {
    // The shell code only: comments out, single-quoted text (the awk programs) out.
    const code = readFileSync(SCRIPT, 'utf8').split('\n').filter((l) => !/^\s*#/.test(l)).join('\n').replace(/'[^']*'/g, "''");
    for (const bashism of [/\[\[/, /\bfunction\s+\w+/, /\$'/, /<<</, /\blocal\s/, /\$\{[^}]*\/\//, /\$\{[^}]*:\d+(:\d+)?\}/, /\bdeclare\b/, /&>/, /\bsource\s/, /\$RANDOM/, /\bpipefail\b/, /\[\s[^\]\n]*==/]) {
      expect(code).not.toMatch(bashism);
    }
  });

  test('its awk programs avoid gawk-only and libm features', () => {
    const code = readFileSync(SCRIPT, 'utf8');
    for (const gawkism of [/\bgensub\(/, /\basort/, /\bstrftime\(/, /\bsystime\(/, /\bPROCINFO\b/, /\s\^\s/, /\*\*/]) {
      expect(code).not.toMatch(gawkism);
    }
  });
});

describe('probe.sh against a local server', () => {
  let server: PlanServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  test('writes one line per probe, PHASE lines and a SUMMARY that report reproduces; misses thresholds with exit 1', async () => {
    // Request by request: answers, 503s, slow answers, a stalled request, then the listener
    // closes (connections refused) for a while, then answers again. The bounds are wide for a
    // loaded machine: the 300 ms answer has 1.2 s to spare before the 1.5 s timeout would turn it
    // into a failure, and the 1.2 s refusal window spans six 0.2 s ticks, of which one is enough.
    server = await startPlanServer(['ok', 'ok', 'error', 'error', 'slow', 'ok', 'hang', 'ok', 'refuse', 'ok'], { slowMs: 300, refuseMs: 1200 });
    const run = await runProbe({
      PROBE_URL: server.url,
      PROBE_INTERVAL: '0.2',
      PROBE_TIMEOUT: '1.5',
      PROBE_PHASES: 'before:1 during:2 after:1',
      PROBE_MIN_AVAILABILITY: '99.9',
      PROBE_MAX_P99_MS: '5000',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);

    const lines = probeLines(run);
    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const l of lines) expect(l).toMatch(PROBE_LINE);
    const parsed = lines.map((l) => PROBE_LINE.exec(l)!);
    // 503s were logged with their status, the stalled request as curl timeout (28) without
    // one, the closed listener as connection refused (7) without one.
    expect(parsed.filter((m) => m[3] === '0' && m[4] === '503')).toHaveLength(2);
    expect(parsed.some((m) => m[3] === '28' && m[4] === undefined)).toBe(true);
    expect(parsed.some((m) => m[3] === '7' && m[4] === undefined)).toBe(true);
    // The slow answer took at least the server's 300 ms.
    expect(parsed.some((m) => m[4] === '200' && Number(m[5]) >= 0.3)).toBe(true);

    // PHASE lines: at the fixed offsets from the start, each before the probes of its phase.
    const phases = run.lines.filter((l) => l.startsWith('PHASE '));
    expect(phases.map((l) => l.split(' ')[1])).toEqual(['before', 'during', 'after']);
    const t = phases.map((l) => micros(l.split(' ')[2]));
    expect([t[1] - t[0], t[2] - t[1]]).toEqual([1_000_000, 2_000_000]);
    let current = -1;
    for (const l of run.lines) {
      if (l.startsWith('PHASE ')) current = micros(l.split(' ')[2]);
      else if (/^\d/.test(l)) expect(micros(l.split(' ')[0])).toBeGreaterThanOrEqual(current);
    }

    // The threshold that was missed is named; the SUMMARY is the last line.
    expect(run.lines).toContainEqual(expect.stringMatching(/^# threshold missed: availability \d+\.\d{4}% is below PROBE_MIN_AVAILABILITY 99\.9%$/));
    expect(run.lines.some((l) => l.includes('PROBE_MAX_P99_MS'))).toBe(false);
    expect(run.lines[run.lines.length - 1]).toMatch(/^SUMMARY \{/);
    const summary = summaryOf(run);
    expect(summary.probes).toBe(lines.length);
    expect(summary.failed).toBeGreaterThanOrEqual(4); // 2 × 503, 1 timeout, 1 or more refused
    expect(summary.max_unreachable_ms).toBeGreaterThan(0);
    expect(summary.phases.map((p: any) => p.name)).toEqual(['before', 'during', 'after']);

    // report computes the same numbers from the same log.
    expect(await reportJson(run.stdout)).toEqual(summary);
  });

  test('exits 0 when every threshold holds, and report agrees', async () => {
    server = await startPlanServer(['ok', 'slow', 'ok', 'ok', 'ok', 'ok'], { slowMs: 50 });
    const run = await runProbe({
      PROBE_URL: server.url,
      PROBE_INTERVAL: '0.2',
      PROBE_RUN_TIME: '1.2',
      PROBE_MIN_AVAILABILITY: '100',
      PROBE_MAX_P99_MS: '10000',
      PROBE_MAX_UNREACHABLE_MS: '0',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = summaryOf(run);
    expect(summary).toMatchObject({ failed: 0, availability: 100, max_unreachable_ms: 0, phases: [] });
    expect(summary.probes).toBe(probeLines(run).length);
    expect(summary.latency_ms.max).toBeGreaterThanOrEqual(50);
    expect(await reportJson(run.stdout)).toEqual(summary);
  });

  test('an unreachable service misses the unreachable threshold (exit 1) and has no latency', async () => {
    server = await startPlanServer([]);
    const url = server.url;
    await server.close();
    server = undefined;
    const run = await runProbe({ PROBE_URL: url, PROBE_INTERVAL: '0.2', PROBE_RUN_TIME: '0.8', PROBE_MAX_UNREACHABLE_MS: '100' });
    expect(run.code).toBe(1);
    for (const l of probeLines(run)) expect(l).toMatch(/^\d+\.\d{6} 7$/);
    const summary = summaryOf(run);
    expect(summary).toMatchObject({ ok: 0, availability: 0, latency_ms: { p50: null, p99: null, max: null, mean: null } });
    expect(run.lines).toContainEqual(expect.stringMatching(/^# threshold missed: unreachable for \d+\.\d{3} ms, above PROBE_MAX_UNREACHABLE_MS 100 ms$/));
    expect(await reportJson(run.stdout)).toEqual(summary);
  });

  test('the /proc/uptime clock (as on Alpine, whose date has no %N) gives the same kind of log', async () => {
    server = await startPlanServer(['ok', 'error', 'ok']);
    const before = Date.now() * 1000;
    const run = await runProbe({ PROBE_URL: server.url, PROBE_INTERVAL: '0.25', PROBE_PHASES: 'a:0.5 b:0.5', PROBE_CLOCK: 'uptime' });
    const after = Date.now() * 1000;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.lines[0]).toMatch(/clock uptime$/);
    const lines = probeLines(run);
    for (const l of lines) expect(l).toMatch(PROBE_LINE);
    // Unix time, not time since boot: every stamp lies within the run, as this process's clock
    // saw it. The 2 s slack is the anchor's error: the script pins /proc/uptime to `date +%s` at
    // the moment the second changes, late by up to a `date` fork (slow on a loaded machine).
    for (const l of lines) {
      expect(micros(l.split(' ')[0])).toBeGreaterThanOrEqual(before - 2_000_000);
      expect(micros(l.split(' ')[0])).toBeLessThanOrEqual(after + 2_000_000);
    }
    expect(await reportJson(run.stdout)).toEqual(summaryOf(run));
  });

  test('SIGTERM (the Job deadline) stops it with exit 3 and still prints the summary', async () => {
    server = await startPlanServer([]);
    let sent = false;
    const run = await runProbe(
      { PROBE_URL: server.url, PROBE_INTERVAL: '0.2', PROBE_RUN_TIME: '30' },
      { onLine: (line, kill) => { if (!sent && /^\d/.test(line)) { sent = true; kill('SIGTERM'); } } },
    );
    expect(run.code).toBe(3);
    expect(run.lines).toContain('# interrupted before the run time ended');
    const summary = summaryOf(run);
    expect(summary.probes).toBe(probeLines(run).length);
    expect(summary.probes).toBeGreaterThanOrEqual(1);
  });

  test('a stalled endpoint: every tick still fires on time, one failure line per tick, all counted', async () => {
    server = await startPlanServer(STALL_PLAN);
    const run = await runProbe({ PROBE_URL: server.url, ...STALL_ENV });
    await expectOneLinePerStalledTick(run, server);
  });

  test('SIGTERM waits for the requests in flight and logs them before the summary', async () => {
    // The first request answers; every later one stalls until the 2 s timeout (0.2 s ticks, so ticks 1
    // and 2 are in flight together). SIGTERM comes once the server saw tick 2's request. How
    // many ticks fire before the script sees the signal depends on scheduling (a starved script
    // fires late ticks back to back), so the assertions are what the script guarantees whatever
    // the timing: every request the server saw has its line, and no tick fired after the signal.
    // The 2 s timeout leaves tick 0's answer room on a loaded machine (at 0.5 s a starved curl
    // timed out); PROBE_CLOCK=date stamps ticks with the wall clock this process reads too.
    const plan = await startPlanServer(['ok'], { rest: 'hang' });
    server = plan;
    let poll: NodeJS.Timeout | undefined;
    let seenAtKill = 0;
    let killedBy = Infinity; // µs: a wall-clock time the signal had certainly been sent by
    const run = await runProbe(
      { PROBE_URL: plan.url, PROBE_INTERVAL: '0.2', PROBE_TIMEOUT: '2', PROBE_RUN_TIME: '30', PROBE_CLOCK: 'date' },
      {
        onSpawn: (kill) => {
          poll = setInterval(() => {
            if (plan.requests() >= 3) {
              clearInterval(poll);
              seenAtKill = plan.requests();
              kill('SIGTERM');
              killedBy = (Date.now() + 1) * 1000; // Date.now() truncates to the millisecond
            }
          }, 10);
        },
      },
    );
    clearInterval(poll);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(3);
    const lines = probeLines(run);
    // Every request the server saw (before the signal and after it: a tick fired just before the
    // signal may reach the server late, or never if its curl starved) has its line, and the
    // stalled ones waited for their timeout (28) instead of being dropped.
    expect(seenAtKill).toBeGreaterThanOrEqual(3);
    expect(lines.length).toBeGreaterThanOrEqual(Math.max(seenAtKill, plan.requests()));
    // The server answered the first request to arrive, which under load need not be tick 0's
    // (a late script fires ticks 0 and 1 back to back): exactly one line is that answer.
    expect(lines.filter((l) => /^\d+\.\d{6} 0 200 /.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /^\d+\.\d{6} 28$/.test(l))).toHaveLength(lines.length - 1);
    const stamps = lines.map((l) => micros(l.split(' ')[0]));
    for (let k = 1; k < stamps.length; k++) expect(stamps[k]).toBeGreaterThan(stamps[k - 1]); // in tick order
    // No tick fired after the signal: each line is stamped when its tick fired, and the script
    // checks for the trapped signal after reading the clock, right before it fires a tick.
    for (const l of lines) expect(micros(l.split(' ')[0])).toBeLessThan(killedBy);
    // Then the interruption note and the summary of exactly these lines, last.
    const tail = run.lines.slice(run.lines.indexOf(lines[lines.length - 1]) + 1);
    expect(tail.map((l) => l.split(' ')[0])).toEqual(['#', 'SUMMARY']);
    expect(tail[0]).toBe('# interrupted before the run time ended');
    expect(summaryOf(run)).toMatchObject({ probes: lines.length, ok: 1, failed: lines.length - 1 });
  });

  test.each([
    [{ PROBE_RUN_TIME: '1' }, /PROBE_URL is required/],
    [{ PROBE_URL: 'http://127.0.0.1:9/', PROBE_INTERVAL: '1s', PROBE_RUN_TIME: '1' }, /PROBE_INTERVAL must be a decimal number such as 1 or 0.5, got '1s'/],
    [{ PROBE_URL: 'http://127.0.0.1:9/', PROBE_RUN_TIME: '1', PROBE_ACCEPT: '200-99x' }, /PROBE_ACCEPT must list status codes/],
    [{ PROBE_URL: 'http://127.0.0.1:9/', PROBE_RUN_TIME: '1', PROBE_METHOD: 'DELETE' }, /PROBE_METHOD must be GET, HEAD or POST, got 'DELETE'/],
    [{ PROBE_URL: 'http://127.0.0.1:9/' }, /PROBE_RUN_TIME or PROBE_PHASES is required/],
    [{ PROBE_URL: 'http://127.0.0.1:9/', PROBE_PHASES: 'a:1 b:1', PROBE_RUN_TIME: '3' }, /differs from the sum of PROBE_PHASES/],
    [{ PROBE_URL: 'http://127.0.0.1:9/', PROBE_PHASES: 'bad/name:1' }, /PROBE_PHASES name 'bad\/name'/],
    [{ PROBE_URL: 'http://127.0.0.1:9/', PROBE_RUN_TIME: '1', PROBE_CA_FILE: '/nonexistent/ca.crt' }, /PROBE_CA_FILE '\/nonexistent\/ca.crt' is not a readable file/],
    [{ PROBE_URL: 'http://127.0.0.1:9/', PROBE_RUN_TIME: '1', PROBE_MAX_P99_MS: 'fast' }, /PROBE_MAX_P99_MS must be a decimal number/],
  ])('unusable configuration %j exits 2 naming the variable', async (env, message) => {
    const run = await runProbe(env as Record<string, string>);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });
});

const busybox = spawnSync('sh', ['-c', 'command -v busybox'], { encoding: 'utf8' }).stdout.trim();
const curl = spawnSync('sh', ['-c', 'command -v curl'], { encoding: 'utf8' }).stdout.trim();

// The probe image is Alpine: busybox sh, awk, date (no %N), sleep. Run the same script with
// busybox applets first on PATH when this machine has busybox (apt-get install busybox; .ci/run
// installs it). Without it the variant is skipped, and says so.
if (!busybox) console.warn('SKIPPED: "probe.sh under busybox (as in the probe image)": busybox is not on PATH (apt-get install busybox).');
(busybox ? describe : describe.skip)('probe.sh under busybox (as in the probe image)', () => {
  let server: PlanServer | undefined;
  let bin: string;
  beforeAll(() => {
    bin = mkdtempSync(path.join(tmpdir(), 'busybox-bin-'));
    for (const applet of ['sh', 'awk', 'date', 'sleep', 'cat']) symlinkSync(busybox, path.join(bin, applet));
    symlinkSync(curl, path.join(bin, 'curl'));
  });
  afterAll(() => rmSync(bin, { recursive: true, force: true }));
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  test('busybox sh parses it', () => {
    expect(spawnSync(busybox, ['sh', '-n', SCRIPT]).status).toBe(0);
  });

  test('runs, falls back to the uptime clock when date lacks %N, and agrees with report', async () => {
    const hasNanos = /^\d{9}$/.test(execFileSync(busybox, ['date', '+%N'], { encoding: 'utf8' }).trim());
    server = await startPlanServer(['ok', 'error', 'slow', 'ok'], { slowMs: 120 });
    const run = await runProbe(
      { PROBE_URL: server.url, PROBE_INTERVAL: '0.2', PROBE_PHASES: 'a:0.6 b:0.6', PROBE_MIN_AVAILABILITY: '90' },
      { shell: path.join(bin, 'sh'), path: bin },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.lines[0]).toMatch(hasNanos ? /clock date$/ : /clock uptime$/);
    for (const l of probeLines(run)) expect(l).toMatch(PROBE_LINE);
    const summary = summaryOf(run);
    // busybox awk reads "010" as octal if one is careless: the latencies must still be right.
    expect(summary.latency_ms.max).toBeGreaterThanOrEqual(120);
    expect(await reportJson(run.stdout)).toEqual(summary);
  });

  test('a stalled endpoint: every tick still fires on time, one failure line per tick, all counted', async () => {
    server = await startPlanServer(STALL_PLAN);
    const run = await runProbe({ PROBE_URL: server.url, ...STALL_ENV }, { shell: path.join(bin, 'sh'), path: bin });
    await expectOneLinePerStalledTick(run, server);
  });
});
