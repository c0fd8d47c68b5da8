// Rows of issue 16's table about `lint`: files that are not regular files, JSON/SARIF consumers
// on unusable input, Node's own warnings on stderr.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli, STACK_LINE } from './_lint-process';

const OK = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n  namespace: default\ndata:\n  a: b\n';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-hostile-'));
  fs.writeFileSync(path.join(dir, 'ok.yaml'), OK);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const mkfifo = (name: string) => execFileSync('mkfifo', [path.join(dir, name)]);

describe('files that are not regular files are refused the same way, never read blocking, never skipped', () => {
  const REFUSED = /cannot read: it is a FIFO \(named pipe\), not a regular file: lint reads manifests from files/;

  test('a FIFO as --values: exit 2 at once, naming it', () => {
    mkfifo('values.yaml');
    const r = runCli(['lint', '--values', 'values.yaml', 'ok.yaml'], dir, 20_000);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^values\.yaml: cannot read: it is a FIFO \(named pipe\), not a regular file/m);
  });

  test('a FIFO as a PATH: exit 2, the same words', () => {
    mkfifo('pipe.yaml');
    const r = runCli(['lint', 'pipe.yaml', 'ok.yaml'], dir, 20_000);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^pipe\.yaml: cannot read: it is a FIFO \(named pipe\), not a regular file/m);
  });

  test('a FIFO, and a symbolic link to one, named *.yaml inside a linted folder: exit 2 naming both', () => {
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.copyFileSync(path.join(dir, 'ok.yaml'), path.join(dir, 'dist', 'ok.yaml'));
    execFileSync('mkfifo', [path.join(dir, 'dist', 'a-pipe.yaml')]);
    fs.symlinkSync('a-pipe.yaml', path.join(dir, 'dist', 'b-link.yml'));
    const r = runCli(['lint', '--format', 'json', 'dist'], dir, 20_000);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    const json = JSON.parse(r.stdout);
    expect(json.findings.map((f: { file: string; message: string }) => [f.file, f.message])).toEqual([
      ['dist/a-pipe.yaml', expect.stringMatching(REFUSED)],
      ['dist/b-link.yml', expect.stringMatching(REFUSED)],
    ]);
  });
});

describe('--format json|sarif on unusable input: a document on stdout, exit 2', () => {
  beforeEach(() => fs.writeFileSync(path.join(dir, 'bad.yaml'), `${OK}---\nkind: [unclosed\n`));

  test('json: input errors are findings of rule input with file and line', () => {
    const r = runCli(['lint', '--format', 'json', 'bad.yaml', 'missing.yaml'], dir);
    expect(r.status).toBe(2);
    const json = JSON.parse(r.stdout);
    expect(json.version).toBe(1);
    expect(json.summary).toMatchObject({ errors: 2 });
    expect(json.findings).toEqual([
      expect.objectContaining({ rule: 'input', severity: 'error', file: 'bad.yaml', line: 10, message: expect.stringMatching(/^invalid YAML/) }),
      expect.objectContaining({ rule: 'input', severity: 'error', file: 'missing.yaml', line: 0, message: expect.stringMatching(/no such file/) }),
    ]);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  test('sarif: one result per input error, with its location', () => {
    const r = runCli(['lint', '--format=sarif', 'bad.yaml'], dir);
    expect(r.status).toBe(2);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    const [result] = sarif.runs[0].results;
    expect(sarif.runs[0].results).toHaveLength(1);
    expect(result).toMatchObject({ ruleId: 'input', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'bad.yaml' }, region: { startLine: 10 } } }] });
  });

  test('unusable arguments with --format json still give a document', () => {
    const r = runCli(['lint', '--format', 'json', '--bogus', 'ok.yaml'], dir);
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout).findings).toEqual([expect.objectContaining({ rule: 'input', file: '(arguments)', message: 'unknown option "--bogus".' })]);
  });
});
