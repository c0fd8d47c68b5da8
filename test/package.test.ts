import { execFileSync, ExecFileSyncOptions } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { repoRoot } from './support/run-app';

/**
 * The published package, used the way another platform repo uses it: `npm pack`, installed into a
 * fresh project WITHOUT network (the tarball plus the local npm cache), then its API synthesizes
 * a chart and its bin lints the result.
 */
describe('npm package', () => {
  let work: string;
  let consumer: string;
  let tarball: string;
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  // The child processes must not inherit this repository's .npmrc preload or jest's environment.
  const env = { ...process.env, CDK8S_CHECK_UPGRADE: 'false', NODE_OPTIONS: '' };
  const run = (cmd: string, args: string[], opts: ExecFileSyncOptions = {}) =>
    execFileSync(cmd, args, { cwd: consumer, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts }) as string;

  beforeAll(() => {
    if (!existsSync(path.join(repoRoot, 'build', 'lib', 'index.js'))) {
      throw new Error('build/ is missing: run `npm run build` first (npm test does).');
    }
    work = mkdtempSync(path.join(tmpdir(), 'cdk8s-chaos-mesh-pack-'));
    const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work],
      { cwd: repoRoot, env, encoding: 'utf8' });
    tarball = path.join(work, JSON.parse(packed)[0].filename);

    consumer = path.join(work, 'consumer');
    mkdirSync(consumer);
    writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    const peers = ['cdk8s', 'cdk8s-plus-28', 'constructs'].map((p) => `${p}@${pkg.devDependencies[p]}`);
    run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball, ...peers], { timeout: 120_000 });
  }, 180_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('ships compiled JavaScript with type declarations, and no sources or tests', () => {
    const files = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: repoRoot, env, encoding: 'utf8' }))[0]
      .files.map((f: { path: string }) => f.path);
    expect(files).toEqual(expect.arrayContaining(['build/lib/index.js', 'build/lib/index.d.ts', 'build/lib/cli/main.js', 'package.json']));
    expect(files.filter((f: string) => /(^|\/)test\/|\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((f: string) => f.startsWith('dist/'))).toEqual([]);
  });

  test('the bin answers --version and --help', () => {
    expect(run('npx', ['--no-install', 'cdk8s-chaos-mesh', '--version']).trim()).toBe(pkg.version);
    expect(run('npx', ['--no-install', 'cdk8s-chaos-mesh', '--help'])).toMatch(/lint .*PATH/);
  });

  test('a consumer app synthesizes with the package, and its output lints clean', () => {
    writeFileSync(path.join(consumer, 'main.js'), readFileSync(path.join(__dirname, 'fixtures', 'package', 'consumer-main.js')));
    const out = path.join(consumer, 'dist');
    run('node', ['main.js'], { env: { ...env, CDK8S_OUTDIR: out } });
    const written = readdirSync(out, { recursive: true }) as string[];
    expect(written).toEqual(expect.arrayContaining([path.join('experiments', 'checkout-latency.yaml')]));
    expect(readFileSync(path.join(out, 'experiments', 'checkout-latency.yaml'), 'utf8')).toMatch(/kind: Workflow/);

    const lint = run('npx', ['--no-install', 'cdk8s-chaos-mesh', 'lint', '--format', 'json', out]);
    expect(JSON.parse(lint).summary.errors).toBe(0);
  });

  test('a consumer app that breaks a safety rule fails with the rule ID and the fix', () => {
    writeFileSync(path.join(consumer, 'unsafe.js'), readFileSync(path.join(__dirname, 'fixtures', 'package', 'consumer-unsafe.js')));
    let stderr = '';
    try {
      run('node', ['unsafe.js'], { env: { ...env, CDK8S_OUTDIR: path.join(consumer, 'unsafe-dist') } });
    } catch (e) {
      stderr = String((e as { stderr?: string }).stderr);
    }
    expect(stderr).toMatch(/CM002/);
    expect(stderr).not.toMatch(/^\s+at /m); // a readable report, not a stack trace
  });
});
