/**
 * Real-process harness for probe.sh: a local HTTP server on 127.0.0.1 whose answers follow a
 * plan (one step per request, so what each probe meets does not depend on timing), and a
 * runner that executes the real script with this machine's sh, curl and awk.
 */
import { spawn } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import * as path from 'path';
import { CHILD_TIMEOUT_MS } from '../support/child-timeout';

export const SCRIPT = path.join(__dirname, '..', '..', 'lib', 'probe', 'probe.sh');

/**
 * What the server does with one request:
 * - `ok`: 200 at once; `slow`: 200 after `slowMs`; `error`: 503 at once;
 * - `hang`: never answers (the probe's timeout fires);
 * - `refuse`: answers 200, then closes the listener for `refuseMs` (connections are refused).
 * Requests beyond the plan get `rest` (default `ok`).
 */
export type Step = 'ok' | 'slow' | 'error' | 'hang' | 'refuse';

export interface PlanServer {
  readonly url: string;
  /** Requests received so far. */
  readonly requests: () => number;
  readonly close: () => Promise<void>;
}

export async function startPlanServer(plan: readonly Step[], opts: { slowMs?: number; refuseMs?: number; rest?: Step } = {}): Promise<PlanServer> {
  let n = 0;
  const hung: http.ServerResponse[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const server = http.createServer((req, res) => {
    const step = plan[n++] ?? opts.rest ?? 'ok';
    req.resume();
    switch (step) {
      case 'ok':
        res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' }).end('ok\n');
        break;
      case 'slow':
        later(opts.slowMs ?? 300, () => res.writeHead(200, { connection: 'close' }).end('slow\n'));
        break;
      case 'error':
        res.writeHead(503, { connection: 'close' }).end('unavailable\n');
        break;
      case 'hang':
        hung.push(res);
        break;
      case 'refuse':
        res.writeHead(200, { connection: 'close' }).end('ok, closing\n');
        server.close();
        later(opts.refuseMs ?? 700, () => {
          if (!closing) server.listen(port, '127.0.0.1');
        });
        break;
    }
  });
  let closing = false;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/version`,
    requests: () => n,
    close: async () => {
      closing = true;
      for (const t of timers) clearTimeout(t);
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
    },
  };
}

export interface ProbeRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout split into lines (no trailing empty line). */
  readonly lines: string[];
}

export interface RunOptions {
  /** Shell to run the script with. @default 'sh' */
  readonly shell?: string;
  /** PATH for the script (e.g. a folder of busybox applets). @default process PATH */
  readonly path?: string;
  /** Called with each stdout line as it arrives (the SIGTERM test uses it). */
  readonly onLine?: (line: string, kill: (signal: NodeJS.Signals) => void) => void;
  /** Called once the script runs, with a way to signal it (e.g. when the server saw a request). */
  readonly onSpawn?: (kill: (signal: NodeJS.Signals) => void) => void;
}

/** Runs probe.sh with `env` (PROBE_LOG_FILE defaults to a temp file); kills it if it hangs. */
export async function runProbe(env: Record<string, string>, options: RunOptions = {}): Promise<ProbeRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'probe-test-'));
  try {
    return await new Promise<ProbeRun>((resolve, reject) => {
      const child = spawn(options.shell ?? 'sh', [SCRIPT], {
        env: { PATH: options.path ?? process.env.PATH ?? '/usr/bin:/bin', PROBE_LOG_FILE: path.join(dir, 'probe.log'), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      let pending = '';
      const guard = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
      options.onSpawn?.((sig) => child.kill(sig));
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        pending += chunk;
        let nl: number;
        while ((nl = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, nl);
          pending = pending.slice(nl + 1);
          options.onLine?.(line, (sig) => child.kill(sig));
        }
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
      });
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearTimeout(guard);
        const lines = stdout.split('\n');
        if (lines[lines.length - 1] === '') lines.pop();
        resolve({ code, signal, stdout, stderr, lines });
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The JSON of the last `SUMMARY` line. */
export function summaryOf(run: ProbeRun): any {
  const line = [...run.lines].reverse().find((l) => l.startsWith('SUMMARY '));
  if (!line) throw new Error(`no SUMMARY line in:\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(line.slice('SUMMARY '.length));
}

/** Probe lines only. */
export function probeLines(run: ProbeRun): string[] {
  return run.lines.filter((l) => /^\d/.test(l));
}
