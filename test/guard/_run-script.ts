import { spawnSync } from 'child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { CHILD_TIMEOUT_MS } from '../support/child-timeout';

/** Runs the real guard scripts with this machine's sh against the stub kubectl. */

export const GUARD_DIR = resolve(__dirname, '..', '..', 'lib', 'guard');
export const FIXTURES = resolve(__dirname, '..', 'fixtures', 'guard');
const STUB = join(FIXTURES, 'kubectl-stub.sh');

/** A kubectl call the stub answers: the exact argument list and the fixture (or `!CODE message`). */
export interface Route {
  readonly args: string;
  readonly response: string;
}

export interface ScriptRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Every kubectl argument list, in call order. */
  readonly calls: string[];
}

export interface RunOptions {
  /** Shell to run the script with. @default '/bin/sh' (dash on Debian) */
  readonly shell?: string;
  /** An awk binary placed first on PATH as `awk`. @default - the machine's awk */
  readonly awk?: string;
  /** Extra files written into the run's temporary directory (name -> content), e.g. edited fixtures. */
  readonly files?: Record<string, string>;
}

/** Path of a fixture file. */
export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

/**
 * Runs `script` with exactly `env` (plus PATH and TMPDIR), kubectl answered from `routes`.
 * Relative responses resolve against the run's temporary directory (for `files`).
 */
export function runScript(script: string, env: Record<string, string>, routes: readonly Route[], options: RunOptions = {}): ScriptRun {
  const dir = mkdtempSync(join(tmpdir(), 'guard-test-'));
  try {
    const bin = join(dir, 'bin');
    const tmp = join(dir, 'tmp');
    mkdirSync(bin);
    mkdirSync(tmp);
    writeFileSync(join(bin, 'kubectl'), `#!/bin/sh\nexec /bin/sh '${STUB}' "$@"\n`);
    chmodSync(join(bin, 'kubectl'), 0o755);
    if (options.awk) {
      writeFileSync(join(bin, 'awk'), `#!/bin/sh\nexec '${options.awk}' "$@"\n`);
      chmodSync(join(bin, 'awk'), 0o755);
    }
    for (const [name, content] of Object.entries(options.files ?? {})) writeFileSync(join(dir, name), content);
    const routesFile = join(dir, 'routes');
    writeFileSync(routesFile, routes.map((r) => `${r.response}\t${r.args}\n`).join(''));
    const log = join(dir, 'calls');
    writeFileSync(log, '');
    const result = spawnSync(options.shell ?? '/bin/sh', [join(GUARD_DIR, script)], {
      env: {
        ...env,
        PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        TMPDIR: tmp,
        KUBECTL_STUB_ROUTES: routesFile,
        KUBECTL_STUB_LOG: log,
      },
      encoding: 'utf8',
      timeout: CHILD_TIMEOUT_MS,
    });
    if (result.error) throw result.error;
    const calls = readFileSync(log, 'utf8').split('\n').filter((l) => l !== '');
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the script with arguments (no kubectl), e.g. `quantity-bytes`. */
export function runWithArgs(script: string, args: string[], options: RunOptions = {}): ScriptRun {
  const dir = mkdtempSync(join(tmpdir(), 'guard-test-'));
  try {
    let path = process.env.PATH ?? '/usr/bin:/bin';
    if (options.awk) {
      writeFileSync(join(dir, 'awk'), `#!/bin/sh\nexec '${options.awk}' "$@"\n`);
      chmodSync(join(dir, 'awk'), 0o755);
      path = `${dir}:${path}`;
    }
    const result = spawnSync(options.shell ?? '/bin/sh', [join(GUARD_DIR, script), ...args], {
      env: { PATH: path, TMPDIR: dir }, encoding: 'utf8', timeout: CHILD_TIMEOUT_MS,
    });
    if (result.error) throw result.error;
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls: [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function which(name: string): string | undefined {
  const r = spawnSync('/bin/sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const p = r.stdout.trim();
  return r.status === 0 && p.startsWith('/') ? p : undefined;
}

/**
 * The awk implementations to run the scripts under: the machine's awk (mawk on Debian), plus
 * gawk (what the kubectl image ships) when one is installed or named by GUARD_TEST_GAWK.
 */
export function awkVariants(): [string, string | undefined][] {
  const variants: [string, string | undefined][] = [['awk on PATH', undefined]];
  const gawk = process.env.GUARD_TEST_GAWK ?? which('gawk');
  if (gawk && existsSync(gawk)) variants.push(['gawk', gawk]);
  return variants;
}

/** Lines of `text` that start with `prefix`. */
export function linesWith(text: string, marker: string): string[] {
  return text.split('\n').filter((l) => l.includes(marker));
}
