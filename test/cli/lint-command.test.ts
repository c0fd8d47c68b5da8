import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseLintArgs, runLint } from '../../lib/cli/lint-command';
import { RULES } from '../../lib/safety';
import { CHILD_TIMEOUT_MS } from '../support/child-timeout';

const root = path.join(__dirname, '..', '..');
const F = 'test/fixtures/lint';

async function lint(argv: string[], isTTY = false) {
  let stdout = '';
  let stderr = '';
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const code = await runLint(argv, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, isTTY });
    return { code, stdout, stderr };
  } finally {
    process.chdir(cwd);
  }
}

const NO_STACK = /^\s+at .+\(.+:\d+:\d+\)$/m;

describe('cdk8s-chaos-mesh lint', () => {
  test('--help prints the usage and exits 0', async () => {
    const r = await lint(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: cdk8s-chaos-mesh lint \[--format text\|json\|sarif\] \[--strict\] \[--values FILE\]\.\.\. PATH\.\.\./);
    // The rules line names the registry's range, whatever rule was added last.
    expect(r.stdout).toContain(`\n  CM001-${RULES[RULES.length - 1].id}  the safety rules (RULES.md)`);
  });

  test.each([
    [['--frobnicate', 'dist'], 'unknown option "--frobnicate"'],
    [['--format', 'xml', 'dist'], 'unknown format "xml": use text, json or sarif'],
    [['--format'], '--format needs a value'],
    [['--values'], '--values needs a file name'],
    [[], 'no PATH given'],
    [['--strict=yes', 'dist'], '--strict takes no value'],
    [['-'], 'reading manifests from standard input ("-") is not supported'],
    [['dist', '-'], 'reading manifests from standard input ("-") is not supported'],
    [['--values', '-', 'dist'], '--values needs a file name'],
  ])('bad arguments %j exit 2 with the usage', async (argv, message) => {
    const r = await lint(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('Usage: cdk8s-chaos-mesh lint');
  });

  test('arguments: --opt=value forms, repeated --values, and -- before paths', () => {
    expect(parseLintArgs(['--format=json', '--values', 'a.yaml', '--values=b.yaml', '--strict', '--', '--odd-name.yaml'])).toEqual({
      paths: ['--odd-name.yaml'], valuesFiles: ['a.yaml', 'b.yaml'], format: 'json', strict: true, help: false,
    });
  });

  test('a clean directory exits 0', async () => {
    const r = await lint([`${F}/valid`]);
    expect(r).toEqual({ code: 0, stdout: '3 files, 7 objects: 0 errors, 0 warnings, 0 acknowledged\n', stderr: '' });
  });

  test('errors exit 1 (the reference manifests)', async () => {
    const r = await lint(['--values', `${F}/reference/chaos-mesh-values.yaml`, `${F}/reference`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/CM004/);
    expect(r.stdout).toMatch(/5 files, 8 objects: 6 errors/);
  });

  test('--format json prints one JSON document', async () => {
    const r = await lint(['--format', 'json', `${F}/invalid/unknown-kind.yaml`]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ version: 1, summary: { files: 1, objects: 1, errors: 0, warnings: 1, acknowledged: 0 } });
  });

  test('--format sarif prints SARIF', async () => {
    const r = await lint(['--format=sarif', `${F}/invalid/deployment-types.yaml`]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ version: '2.1.0' });
  });

  test('--strict turns warnings into errors', async () => {
    expect((await lint([`${F}/invalid/unknown-kind.yaml`])).code).toBe(0);
    expect((await lint(['--strict', `${F}/invalid/unknown-kind.yaml`])).code).toBe(1);
  });

  test.each([
    ['invalid YAML', `${F}/input-errors/invalid-yaml.yaml`, new RegExp(`^${F}/input-errors/invalid-yaml.yaml:\\d+:\\d+: invalid YAML: `, 'm')],
    ['a non-object document', `${F}/input-errors/non-object.yaml`, new RegExp(`^${F}/input-errors/non-object.yaml:6: document 2 is a list, not a mapping`, 'm')],
    ['an unreadable path', 'no/such/dir', /^no\/such\/dir: cannot read "no\/such\/dir": no such file or directory$/m],
  ])('%s exits 2 with file and line, and no stack trace', async (_, file, message) => {
    const r = await lint([`${F}/valid`, file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/nothing was checked/);
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  test('files without any object exit 2: an empty synth output does not pass', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-empty-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.yaml'), '# generated\n---\n');
      fs.writeFileSync(path.join(dir, 'b.yml'), '');
      const r = await lint([dir]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/a\.yaml: no Kubernetes object in this file \(only comments or empty documents\)/);
      expect(r.stderr).toMatch(/b\.yml: no Kubernetes object in this file/);
      expect(r.stderr).toMatch(/nothing was checked/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('when the Kubernetes schemas cannot be loaded: exit 2 and say so, never a pass', async () => {
    const validator = path.join(path.dirname(require.resolve('kubernetes-models/package.json')), '_schemas', 'IoK8sApiAppsV1Deployment.js');
    await jest.isolateModulesAsync(async () => {
      jest.doMock(validator, () => { throw new Error('the module is broken'); });
      const { runLint: brokenLint } = await import('../../lib/cli/lint-command');
      let stdout = '';
      let stderr = '';
      const code = await brokenLint([path.join(root, F, 'valid')], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, isTTY: false });
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^cdk8s-chaos-mesh lint: cannot load the Kubernetes schema of apps\/v1 Deployment \(.*\): the module is broken\.\nNothing was checked: this is a problem of the cdk8s-chaos-mesh installation or of the Node\.js runtime, not of the manifests\./);
      expect(stderr).not.toMatch(NO_STACK);
    });
  });

  test('colours on a terminal, unless NO_COLOR is set', async () => {
    const saved = process.env.NO_COLOR;
    try {
      delete process.env.NO_COLOR;
      expect((await lint([`${F}/invalid/bad-name.yaml`], true)).stdout).toMatch(/\u001b\[31merror/);
      process.env.NO_COLOR = '1';
      expect((await lint([`${F}/invalid/bad-name.yaml`], true)).stdout).not.toMatch(/\u001b\[/);
      expect((await lint([`${F}/invalid/bad-name.yaml`], false)).stdout).not.toMatch(/\u001b\[/);
    } finally {
      if (saved === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = saved;
    }
  });

  test('through the command entry point in a separate process: exit 2, message, no stack trace', () => {
    const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'run-ts.cjs'), 'test/cli/_run-main.ts', 'lint', `${F}/input-errors/invalid-yaml.yaml`], {
      cwd: root,
      encoding: 'utf8',
      timeout: CHILD_TIMEOUT_MS,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/invalid-yaml\.yaml:\d+:\d+: invalid YAML/);
    expect(run.stderr).not.toMatch(NO_STACK);
  });
});
