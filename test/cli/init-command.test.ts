import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { EXAMPLES, runInit } from '../../lib/cli/init-command';

const root = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = runInit(argv, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; } });
  return { code, stdout, stderr };
}

/** init's end-to-end run (npm install, synth, lint from the packed tarball) is in test/package.test.ts. */
describe('cdk8s-chaos-mesh init', () => {
  let work: string;
  beforeEach(() => { work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-chaos-mesh-init-')); });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  test('writes the repository into a new directory: pinned versions, synth and lint wired, main.ts from the reference', () => {
    const dir = path.join(work, 'My Chaos');
    const r = run([dir]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(fs.readdirSync(dir).sort()).toEqual(['.gitignore', '.npmrc', 'cdk8s.yaml', 'ci.sh', 'main.ts', 'package.json', 'tsconfig.json']);

    const generated = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(generated.name).toBe('my-chaos');
    expect(generated.dependencies).toEqual({
      'cdk8s-chaos-mesh': pkg.version,
      'cdk8s': pkg.devDependencies.cdk8s,
      'cdk8s-plus-28': pkg.devDependencies['cdk8s-plus-28'],
      'constructs': pkg.devDependencies.constructs,
    });
    for (const v of [...Object.values(generated.dependencies), ...Object.values(generated.devDependencies)]) {
      expect(v).toMatch(/^\d+\.\d+\.\d+$/); // pinned, so a fresh install builds what was tested
    }
    expect(Object.keys(generated.devDependencies).sort()).toEqual(['@types/node', 'cdk8s-cli', 'ts-node', 'typescript']);

    expect(parse(fs.readFileSync(path.join(dir, 'cdk8s.yaml'), 'utf8'))).toMatchObject({ output: 'dist', app: expect.stringMatching(/main\.ts/) });
    expect(fs.readFileSync(path.join(dir, '.npmrc'), 'utf8')).toMatch(/CDK8S_CHECK_UPGRADE\|\|="false"/);
    expect(fs.readFileSync(path.join(dir, 'main.ts'), 'utf8')).toBe(fs.readFileSync(path.join(root, 'examples', 'reference', 'main.ts'), 'utf8'));
    const ci = fs.readFileSync(path.join(dir, 'ci.sh'), 'utf8');
    expect(ci).toMatch(/npx cdk8s synth/);
    expect(ci).toMatch(/npx cdk8s-chaos-mesh lint --strict dist/);
    expect(fs.statSync(path.join(dir, 'ci.sh')).mode & 0o111).not.toBe(0);
    expect(r.stdout).toMatch(/npm install\n {2}npx cdk8s synth/);
  });

  test('the generated ci.sh passes shellcheck', () => {
    const check = spawnSync('shellcheck', ['--version']);
    if (check.error) {
      console.warn('shellcheck is not installed: skipped here (CI installs it; test/shellcheck.test.ts fails there without it).');
      return;
    }
    expect(run([work]).code).toBe(0);
    const r = spawnSync('shellcheck', [path.join(work, 'ci.sh')], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test.each(EXAMPLES)('--example %s starts main.ts from that shipped example', (example) => {
    expect(run([work, '--example', example]).code).toBe(0);
    expect(fs.readFileSync(path.join(work, 'main.ts'), 'utf8')).toBe(fs.readFileSync(path.join(root, 'examples', example, 'main.ts'), 'utf8'));
  });

  test('a directory holding only .git is empty enough (git init first, then init)', () => {
    fs.mkdirSync(path.join(work, '.git'));
    expect(run([work]).code).toBe(0);
  });

  test('refuses a non-empty directory with exit 2, naming what is there, and writes nothing', () => {
    fs.writeFileSync(path.join(work, 'main.ts'), '// mine\n');
    fs.writeFileSync(path.join(work, 'notes.md'), '');
    const r = run([work]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/is not empty \(main\.ts, notes\.md\); init never overwrites files/);
    expect(fs.readdirSync(work).sort()).toEqual(['main.ts', 'notes.md']);
    expect(fs.readFileSync(path.join(work, 'main.ts'), 'utf8')).toBe('// mine\n');
  });

  test('refuses a file as DIR', () => {
    const file = path.join(work, 'f');
    fs.writeFileSync(file, '');
    expect(run([file])).toMatchObject({ code: 2, stderr: expect.stringMatching(/exists and is not a directory/) });
  });

  test.each([
    [['--example', 'nope'], /--example takes one of reference, same-app-deployment, namespace-team; got "nope"/],
    [['--example'], /--example takes one of .*; got ""/],
    [['a', 'b'], /one DIR only; got "a" and "b"/],
    [['--force'], /unknown option "--force"/],
  ])('bad arguments %j: exit 2 and what is allowed', (argv, message) => {
    const r = run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  test('--help prints the usage', () => {
    expect(run(['--help'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: cdk8s-chaos-mesh init \[DIR\]/) });
  });
});
