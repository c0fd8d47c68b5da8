import { execFileSync, ExecFileSyncOptions } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { EXAMPLES } from '../lib/cli/init-command';
import { repoRoot } from './support/run-app';

/**
 * The published package, used the way another platform repo uses it: `npm pack`, installed into a
 * fresh project together with its peers, resolved by `npm install` exactly as a consumer's would be
 * (from the npm registry; `--prefer-offline` only spares the downloads the cache already holds, so
 * a fresh machine with an empty cache passes too), then its API synthesizes a chart and its bin
 * lints the result.
 */
describe('npm package', () => {
  let work: string;
  let consumer: string;
  let tarball: string;
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const env = consumerEnv();
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
    installAsConsumer([tarball, ...peers]);
  }, 300_000);

  afterAll(() => work && rmSync(work, { recursive: true, force: true }));

  /**
   * `npm install` in the consumer project. A registry that cannot be reached (or a cache that was
   * forced offline) fails here with what to check, instead of a bare ERESOLVE in the test output.
   */
  function installAsConsumer(specs: string[]): void {
    try {
      // 240 s: a cold cache downloads the package's and the peers' dependency trees (about 15 s on
      // this 2-core machine); the bound only stops a hung registry connection.
      run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', ...specs], { timeout: 240_000 });
    } catch (e) {
      const { status, signal, stderr } = e as { status?: number | null; signal?: string | null; stderr?: string };
      const registry = env.npm_config_registry ?? 'https://registry.npmjs.org/';
      const said = String(stderr ?? '').trim().split('\n').slice(-15).join('\n');
      // An unreachable registry shows up as ERESOLVE (the peers' metadata is missing), which reads
      // like a dependency conflict: ask the registry directly so the message says which it is.
      let ping = 'npm ping: the registry answers, so this is a real resolution failure';
      try {
        run('npm', ['ping'], { timeout: 30_000 });
      } catch {
        ping = 'npm ping: the registry does NOT answer; make it reachable from this machine (proxy, registry setting)';
      }
      throw new Error(
        `npm install of the packed package and its peers (${specs.slice(1).join(', ')}) into ${consumer} failed ` +
          `(${signal ? `killed by ${signal}` : `exit ${status}`}). It resolves them as a consumer's npm does, from the ` +
          `npm registry (${registry}) unless the npm cache already holds them.\n${ping}.\nnpm said:\n${said}`,
      );
    }
  }

  test('ships compiled JavaScript with type declarations, and no sources or tests', () => {
    const files = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: repoRoot, env, encoding: 'utf8' }))[0]
      .files.map((f: { path: string }) => f.path);
    expect(files).toEqual(expect.arrayContaining(['build/lib/index.js', 'build/lib/index.d.ts', 'build/lib/cli/main.js', 'package.json']));
    expect(files.filter((f: string) => /(^|\/)test\/|\.ts$/.test(f) && !f.endsWith('.d.ts') && !f.startsWith('examples/'))).toEqual([]);
    expect(files.filter((f: string) => f.startsWith('examples/')).sort()).toEqual(EXAMPLES.map((e) => `examples/${e}/main.ts`).sort());
    expect(files.filter((f: string) => f.startsWith('dist/'))).toEqual([]);
  });

  test('its type declarations hold no @internal member (stripInternal)', () => {
    const installed = path.join(consumer, 'node_modules', 'cdk8s-chaos-mesh', 'build');
    const declarations = (readdirSync(installed, { recursive: true }) as string[]).filter((f) => f.endsWith('.d.ts'));
    expect(declarations).toEqual(expect.arrayContaining([path.join('lib', 'index.d.ts'), path.join('lib', 'experiments', 'bounded-schedule.d.ts')]));
    const leaking = declarations.filter((f) => readFileSync(path.join(installed, f), 'utf8').includes('@internal'));
    expect(leaking).toEqual([]);
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

  /**
   * The new user's path: `init` a repository, install the packed package into it, and run what its
   * README and ci.sh run. Every shipped example is type-checked against the shipped declarations,
   * synthesized and linted there too; the reference example's output is this repository's dist/.
   */
  describe('init', () => {
    let repo: string;
    const inRepo = (cmd: string, args: string[], opts: ExecFileSyncOptions = {}) => run(cmd, args, { cwd: repo, ...opts });

    beforeAll(() => {
      repo = path.join(work, 'chaos-repo');
      expect(run('npx', ['--no-install', 'cdk8s-chaos-mesh', 'init', repo])).toMatch(/^Created /);
      // The pinned package.json resolves cdk8s-chaos-mesh from the registry; this installs the tarball instead.
      inRepo('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { timeout: 240_000 });
    }, 300_000);

    test('the scaffold type-checks, `npx cdk8s synth` writes the reference dist/, and it lints clean with --strict', () => {
      inRepo('npx', ['--no-install', 'tsc', '--noEmit'], { timeout: 240_000 });
      inRepo('npx', ['--no-install', 'cdk8s', 'synth'], { timeout: 240_000 });
      const written = (readdirSync(path.join(repo, 'dist'), { recursive: true }) as string[]).sort();
      const expected = (readdirSync(path.join(repoRoot, 'dist'), { recursive: true }) as string[]).sort();
      expect(written).toEqual(expected);
      for (const f of expected.filter((f) => /\.(ya?ml|json)$/.test(f))) {
        expect(`${f}: ${readFileSync(path.join(repo, 'dist', f), 'utf8')}`).toBe(`${f}: ${readFileSync(path.join(repoRoot, 'dist', f), 'utf8')}`);
      }
      const lint = inRepo('npx', ['--no-install', 'cdk8s-chaos-mesh', 'lint', '--strict', '--format', 'json', 'dist']);
      expect(JSON.parse(lint).summary).toMatchObject({ errors: 0, warnings: 0 });
    }, 600_000);

    test.each(EXAMPLES.filter((e) => e !== 'reference'))('the shipped example %s type-checks, synthesizes and lints clean', (example) => {
      const shipped = path.join(repo, 'node_modules', 'cdk8s-chaos-mesh', 'examples', example, 'main.ts');
      writeFileSync(path.join(repo, `${example}.ts`), readFileSync(shipped));
      inRepo('npx', ['--no-install', 'tsc', '--noEmit', '--strict', '--esModuleInterop', '--skipLibCheck', '--module', 'commonjs',
        '--moduleResolution', 'node', '--target', 'ES2022', '--types', 'node', `${example}.ts`], { timeout: 240_000 });
      const out = path.join(repo, `dist-${example}`);
      inRepo('node', ['-r', 'ts-node/register/transpile-only', '-e', `require('./${example}.ts')`], { env: { ...env, CDK8S_OUTDIR: out }, timeout: 120_000 });
      expect((readdirSync(path.join(out, 'experiments')) as string[]).length).toBeGreaterThan(0);
      const lint = inRepo('npx', ['--no-install', 'cdk8s-chaos-mesh', 'lint', '--strict', '--format', 'json', out]);
      expect(JSON.parse(lint).summary).toMatchObject({ errors: 0, warnings: 0 });
    }, 600_000);

    test('the unstable engine subpath cdk8s-chaos-mesh/internal resolves for types and at run time', () => {
      writeFileSync(path.join(repo, 'internal-use.ts'), [
        "import { checkManifests } from 'cdk8s-chaos-mesh';",
        "import { checkSafety, loadManifestText } from 'cdk8s-chaos-mesh/internal';",
        "const loaded = loadManifestText('apiVersion: v1\\nkind: Namespace\\nmetadata: {name: shop}\\n', 'ns.yaml');",
        "console.log(JSON.stringify([loaded.objects.length, checkSafety(loaded.objects).length, checkManifests(loaded.objects).length]));",
        '',
      ].join('\n'));
      for (const resolution of ['node', 'node16']) {
        inRepo('npx', ['--no-install', 'tsc', '--noEmit', '--strict', '--skipLibCheck', '--module', resolution === 'node' ? 'commonjs' : 'node16',
          '--moduleResolution', resolution, '--target', 'ES2022', '--types', 'node', 'internal-use.ts'], { timeout: 240_000 });
      }
      expect(inRepo('node', ['-r', 'ts-node/register/transpile-only', 'internal-use.ts']).trim()).toBe('[1,0,0]');
    }, 600_000);

    test('init into the (now non-empty) repository refuses with exit 2, naming its files', () => {
      let failure: { status?: number; stderr?: string } = {};
      try {
        inRepo('npx', ['--no-install', 'cdk8s-chaos-mesh', 'init']);
      } catch (e) {
        failure = e as typeof failure;
      }
      expect(failure.status).toBe(2);
      expect(failure.stderr).toMatch(/is not empty \(.*cdk8s\.yaml.*main\.ts.*\); init never overwrites files/);
    });
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

/**
 * The environment of a consumer project on this machine: the user's own npm settings (cache,
 * registry, proxy, userconfig) stay, but nothing this repository sets does. Under `npm test`, npm
 * exports this repository's .npmrc (its `node-options` preload) and its own script context as
 * npm_config_* / npm_package_* / npm_lifecycle_* variables, which a consumer's npm would never see.
 */
function consumerEnv(): NodeJS.ProcessEnv {
  const projectKeys = new Set(
    readFileSync(path.join(repoRoot, '.npmrc'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#') && !line.startsWith(';') && line.includes('='))
      .map((line) => `npm_config_${line.slice(0, line.indexOf('=')).trim().replace(/-/g, '_').toLowerCase()}`),
  );
  projectKeys.add('npm_config_local_prefix');
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const k = key.toLowerCase();
    if (projectKeys.has(k) || k.startsWith('npm_package_') || k.startsWith('npm_lifecycle_')) continue;
    env[key] = value;
  }
  return { ...env, CDK8S_CHECK_UPGRADE: 'false', NODE_OPTIONS: '' };
}
