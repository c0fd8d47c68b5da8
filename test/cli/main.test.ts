import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../lib/cli/main';
import { CHILD_TIMEOUT_MS } from '../support/child-timeout';

const root = path.join(__dirname, '..', '..');
const BIN = path.join(root, 'build', 'lib', 'cli', 'main.js');
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, isTTY: false });
  return { code, stdout, stderr };
}

/** The bin is what users run; these tests fail (not skip) when it has not been built. */
function builtBin(): string {
  if (!fs.existsSync(BIN)) {
    throw new Error(`${path.relative(root, BIN)} is missing: run \`npm run build\` before these tests (npm test does).`);
  }
  const source = path.join(root, 'lib', 'cli', 'main.ts');
  if (fs.statSync(source).mtimeMs > fs.statSync(BIN).mtimeMs) {
    throw new Error(`${path.relative(root, BIN)} is older than lib/cli/main.ts: run \`npm run build\` before these tests.`);
  }
  return BIN;
}

describe('cdk8s-chaos-mesh', () => {
  test('no command: the usage on stderr and exit 2, so a script missing its command fails', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^cdk8s-chaos-mesh: no command given\. Commands: init, lint, report, abort\.\n\nUsage: cdk8s-chaos-mesh <command>/);
  });

  test.each([['--help'], ['-h'], ['help']])('%s: the usage on stdout and exit 0', async (flag) => {
    const r = await run([flag]);
    expect(r).toEqual({ code: 0, stdout: expect.stringMatching(/^Usage: cdk8s-chaos-mesh <command>/), stderr: '' });
  });

  test('an unknown command is quoted (control characters escaped) and exits 2', async () => {
    const r = await run(['frob\u001b[2J']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cdk8s-chaos-mesh: unknown command "frob\\u001b\[2J"\. Commands: init, lint, report, abort\./);
    expect(r.stderr).not.toContain('\u001b');
  });

  test('an alias bomb through the whole command: exit 2 naming file and line, no internal error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-bomb-'));
    try {
      const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: bomb}', 'data:', '  a0: &a0 [x, x, x, x, x, x, x, x, x]'];
      for (let l = 1; l <= 9; l++) lines.push(`  a${l}: &a${l} [${Array(9).fill(`*a${l - 1}`).join(', ')}]`);
      fs.writeFileSync(path.join(dir, 'bomb.yaml'), `${lines.join('\n')}\n`);
      const r = await run(['lint', path.join(dir, 'bomb.yaml')]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/bomb\.yaml:1: invalid YAML: document 1 uses aliases/);
      expect(r.stderr).not.toMatch(/internal error/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the built bin (build/lib/cli/main.js)', () => {
  let dir: string;
  beforeAll(() => {
    // ~1,500 findings: several hundred KB of text, far more than a pipe buffer holds.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-epipe-'));
    const docs: string[] = [];
    for (let i = 0; i < 1500; i++) docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_A_Valid_Name_${i}\n`);
    fs.writeFileSync(path.join(dir, 'many.yaml'), docs.join('---\n'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the bin and closes its stdout after `keepBytes` bytes (0: before it writes anything). */
  function runClosingStdout(keepBytes: number): Promise<{ code: number | null; signal: string | null; stderr: string; received: number }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [builtBin(), 'lint', 'many.yaml'], {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NODE_OPTIONS: '' },
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
      let stderr = '';
      let received = 0;
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (s: string) => { stderr += s; });
      if (keepBytes === 0) {
        child.stdout.destroy();
      } else {
        child.stdout.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received >= keepBytes) child.stdout.destroy();
        });
      }
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, stderr, received });
      });
    });
  }

  test('the whole output, as a baseline: exit 1 with every finding', () => {
    const r = spawnSync(process.execPath, [builtBin(), 'lint', 'many.yaml'], { cwd: dir, encoding: 'utf8', timeout: CHILD_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
    expect(r.status).toBe(1);
    expect(r.stdout.length).toBeGreaterThan(256 * 1024);
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('1 file, 1500 objects: 1500 errors, 0 warnings, 0 acknowledged');
  });

  test.each([
    ['after the first line (like `| head -1`)', 1],
    ['before anything is written', 0],
  ])('stdout closed %s: no EPIPE error or stack trace, the exit code is still lint\'s', async (_, keepBytes) => {
    const r = await runClosingStdout(keepBytes);
    expect(r.signal).toBeNull();
    expect(r.stderr).not.toMatch(/EPIPE/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
  });

  test('no command: exit 2 with the usage on stderr', () => {
    const r = spawnSync(process.execPath, [builtBin()], { encoding: 'utf8', timeout: CHILD_TIMEOUT_MS });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no command given/);
  });
});
