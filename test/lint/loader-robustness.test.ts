// Hostile or accidental input the loader must turn into input errors (exit 2, file and line)
// instead of a crash, a hang or gigabytes of memory.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MAX_INPUT_BYTES, readTextFile } from '../../lib/lint/_read-text';
import { loadManifests, loadManifestText } from '../../lib/lint/loader';
import { CHILD_TIMEOUT_MS } from '../support/child-timeout';

const root = path.join(__dirname, '..', '..');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-robust-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n';

/** `levels` anchors, each a list of `width` aliases of the previous one: width^levels nodes. */
function aliasBomb(levels: number, width: number, indent = ''): string {
  const lines = [`${indent}a0: &a0 [${Array(width).fill('x').join(', ')}]`];
  for (let l = 1; l <= levels; l++) lines.push(`${indent}a${l}: &a${l} [${Array(width).fill(`*a${l - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

describe('YAML alias bombs', () => {
  test('in a manifest: an input error at the document\'s line, not an internal error', () => {
    const text = `${CONFIG_MAP}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n${aliasBomb(9, 9, '  ')}`;
    const loaded = loadManifestText(text, 'bomb.yaml');
    expect(loaded.errors).toEqual([{
      file: 'bomb.yaml',
      line: 6,
      message: expect.stringMatching(/^invalid YAML: document 2 uses aliases \(\*name\) that expand to more than 1000 copies/),
    }]);
    expect(loaded.objects.map((o) => o.metadata?.name)).toEqual(['ok']);
  });

  test('in a --values file: an input error naming the file and line', () => {
    const file = path.join(dir, 'values.yaml');
    fs.writeFileSync(file, `# chart values\n${aliasBomb(9, 9)}`);
    const loaded = loadManifests([], { cwd: dir, valuesFiles: ['values.yaml'] });
    expect(loaded.errors).toEqual([{ file: 'values.yaml', line: 2, message: expect.stringMatching(/^invalid YAML: values document 1 uses aliases/) }]);
  });

  test('a few ordinary aliases are still fine', () => {
    const loaded = loadManifestText(`${CONFIG_MAP}data:\n  a: &v hello\n  b: *v\n`, 'ok.yaml');
    expect(loaded.errors).toEqual([]);
    expect(loaded.objects[0].data).toEqual({ a: 'hello', b: 'hello' });
  });
});

describe('symbolic links', () => {
  test('a directory with two links to its parent is walked once, in bounded time', () => {
    // Without a visited set the walk grows like 2^depth and never ends, so it runs in a child
    // process with a timeout rather than inside the test worker.
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', 'cm.yaml'), CONFIG_MAP);
    fs.symlinkSync('..', path.join(dir, 'sub', 'up1'));
    fs.symlinkSync('..', path.join(dir, 'sub', 'up2'));
    const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'run-ts.cjs'), 'test/cli/_run-main.ts', 'lint', '--format', 'json', dir], {
      cwd: root,
      encoding: 'utf8',
      timeout: CHILD_TIMEOUT_MS,
      killSignal: 'SIGKILL',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(run.signal).toBeNull();
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).summary).toMatchObject({ files: 1, objects: 1 });
  });

  test('a file reached through two directory links is read once', () => {
    fs.mkdirSync(path.join(dir, 'real'));
    fs.writeFileSync(path.join(dir, 'real', 'cm.yaml'), CONFIG_MAP);
    fs.symlinkSync('real', path.join(dir, 'link-a'));
    fs.symlinkSync('real', path.join(dir, 'link-b'));
    const loaded = loadManifests(['.'], { cwd: dir });
    expect(loaded.errors).toEqual([]);
    expect(loaded.files).toEqual(['link-a/cm.yaml']);
    expect(loaded.objects).toHaveLength(1);
  });

  test('the same directory given twice still counts as read (files once, no "no YAML files" error)', () => {
    fs.writeFileSync(path.join(dir, 'cm.yaml'), CONFIG_MAP);
    const loaded = loadManifests(['.', '.'], { cwd: dir });
    expect(loaded.errors).toEqual([]);
    expect(loaded.files).toEqual(['cm.yaml']);
  });
});

describe('file size', () => {
  test(`a file over ${MAX_INPUT_BYTES / 1024 / 1024} MiB is refused before it is read`, () => {
    const file = path.join(dir, 'huge.yaml');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 600 * 1024 * 1024); // sparse: no disk space, no time
    const loaded = loadManifests(['huge.yaml'], { cwd: dir });
    expect(loaded.errors).toEqual([{
      file: 'huge.yaml',
      message: 'file is too large for lint: the limit is 64 MiB, found 600 MiB; split the manifests into smaller files',
    }]);
  });

  test('the limit is inclusive', () => {
    const file = path.join(dir, 'ten.yaml');
    fs.writeFileSync(file, 'a: 123456');
    expect(readTextFile(file, 9)).toEqual({ text: 'a: 123456' });
    expect(readTextFile(file, 8)).toEqual({ problem: expect.stringMatching(/^file is too large for lint: the limit is 8 bytes, found 9 bytes;/) });
  });

  (process.platform === 'win32' ? test.skip : test)('an endless stream (--values /dev/zero) is refused before reading, as every non-regular file', () => {
    const loaded = loadManifests([], { cwd: dir, valuesFiles: ['/dev/zero'] });
    expect(loaded.errors).toEqual([{ file: '/dev/zero', message: 'cannot read: it is a character device, not a regular file: lint reads manifests from files; write the output to a file first' }]);
  });
});

describe('text encoding', () => {
  test('Latin-1 bytes: "not UTF-8 text" at the line and column of the first bad byte', () => {
    fs.writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.concat([Buffer.from(`${CONFIG_MAP}data:\n  city: Montr`), Buffer.from([0xe9]), Buffer.from('al\n')]));
    const loaded = loadManifests(['latin1.yaml'], { cwd: dir });
    expect(loaded.errors).toEqual([{ file: 'latin1.yaml', line: 6, column: 14, message: 'not UTF-8 text (byte 0xe9); lint reads YAML manifests saved as UTF-8' }]);
    expect(loaded.objects).toEqual([]);
  });

  test('a binary file (NUL bytes) is not UTF-8 text', () => {
    fs.writeFileSync(path.join(dir, 'image.yaml'), Buffer.from([0x61, 0x3a, 0x20, 0x62, 0x00, 0x01, 0x0a]));
    const loaded = loadManifests(['.'], { cwd: dir });
    expect(loaded.errors).toEqual([{ file: 'image.yaml', line: 1, column: 5, message: expect.stringMatching(/^not UTF-8 text: it contains a NUL byte/) }]);
  });

  test('UTF-16 is named as such', () => {
    fs.writeFileSync(path.join(dir, 'utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CONFIG_MAP, 'utf16le')]));
    const loaded = loadManifests(['utf16.yaml'], { cwd: dir });
    expect(loaded.errors).toEqual([{ file: 'utf16.yaml', line: 1, column: 1, message: 'not UTF-8 text: it starts with a UTF-16 byte order mark; save it as UTF-8' }]);
  });

  test('UTF-8 with a byte order mark and non-ASCII text (including a literal U+FFFD) is read', () => {
    fs.writeFileSync(path.join(dir, 'bom.yaml'), `\ufeff${CONFIG_MAP}data:\n  city: Montréal \ufffd 東京\n`);
    const loaded = loadManifests(['bom.yaml'], { cwd: dir });
    expect(loaded.errors).toEqual([]);
    expect(loaded.objects[0]).toMatchObject({ kind: 'ConfigMap', data: { city: 'Montréal \ufffd 東京' } });
  });

  test('a bad byte after a literal U+FFFD is still located exactly', () => {
    fs.writeFileSync(path.join(dir, 'mixed.yaml'), Buffer.concat([Buffer.from(`${CONFIG_MAP}data:\n  a: "\ufffd"\n  b: "`), Buffer.from([0xc3, 0x28]), Buffer.from('"\n')]));
    const loaded = loadManifests(['mixed.yaml'], { cwd: dir });
    expect(loaded.errors).toEqual([expect.objectContaining({ line: 7, column: 7, message: expect.stringMatching(/^not UTF-8 text \(byte 0xc3\)/) })]);
  });
});
