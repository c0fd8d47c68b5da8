// Runs `cdk8s-chaos-mesh lint` in its own process, bounded in time, so that a hang or an abort is
// a failed test, not a stuck worker, and stderr shows everything Node itself would print.
import { spawnSync } from 'child_process';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

export interface ProcessRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], cwd: string, timeoutMs = 60_000): ProcessRun {
  const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'run-ts.cjs'), path.join(root, 'test', 'cli', '_run-main.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return { status: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

/** A line of a V8 or Node stack trace. */
export const STACK_LINE = /^\s+at .+(\(.+:\d+:\d+\)|:\d+:\d+)$/m;
