/**
 * scripts/run-ts.cjs reuses its cached bundle only while every input is unchanged: a changed size
 * or time rebuilds it, and so does an edit that keeps both when it is too recent for the time to
 * be trusted. The bundled `yaml` must behave as the package does, and the bundle the same with
 * V8's code cache as without (first run, rebuilt bundle, cached run). A module required by a
 * computed path loads from disk once, then from the bundle, and an edit of it is seen.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { CHILD_TIMEOUT_MS } from './support/child-timeout';

const root = path.join(__dirname, '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'run-ts');
const dir = fs.mkdtempSync(path.join(tmpdir(), 'run-ts-test-'));
const entry = path.join(dir, 'entry.ts');
const helper = path.join(dir, 'message.ts');

const run = (cwd = root) => execFileSync(process.execPath, [path.join(root, 'scripts', 'run-ts.cjs'), entry], {
  cwd, encoding: 'utf8', timeout: CHILD_TIMEOUT_MS,
}).trim();

afterAll(() => {
  // this test's bundles: the ones whose inputs name its folder
  for (const file of fs.readdirSync(cacheDir).filter((f) => f.endsWith('.inputs.json'))) {
    if (fs.readFileSync(path.join(cacheDir, file), 'utf8').includes(path.basename(dir))) {
      const base = file.replace(/\.inputs\.json$/, '');
      for (const f of [file, `${base}.js`, `${base}.js.v8cache`, `${base}.computed.json`]) fs.rmSync(path.join(cacheDir, f), { force: true });
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('an edited input rebuilds the bundle, whatever its size and time', () => {
  fs.writeFileSync(entry, "import { stringify } from 'yaml';\nimport { message } from './message';\nprocess.stdout.write(stringify({ message }));\n");
  fs.writeFileSync(helper, "export const message = 'one';\n");
  // A time less than a second before the record (here: after it, however long the build takes),
  // in whole milliseconds, which utimes sets exactly.
  const mtime = new Date(Date.now() + 60_000);
  fs.utimesSync(helper, mtime, mtime);
  expect(run()).toBe('message: one');

  // same size and time as recorded, but a time too recent to trust: the content decides
  fs.writeFileSync(helper, "export const message = 'two';\n");
  fs.utimesSync(helper, mtime, mtime);
  expect(run()).toBe('message: two');

  // another size with an old time
  const old = new Date(Date.now() - 3_600_000);
  fs.writeFileSync(helper, "export const message = 'three';\n");
  fs.utimesSync(helper, old, old);
  expect(run()).toBe('message: three');
  // unchanged: the same output from the cache
  expect(run()).toBe('message: three');
});

test('a bundle first built from another working directory records its inputs from the root', () => {
  // the hostile-input suites run lint from a temporary folder; an empty cache must not fail them
  fs.writeFileSync(entry, "import { message } from './message';\nprocess.stdout.write(message);\n");
  fs.writeFileSync(helper, `export const message = 'from ${path.basename(dir)}';\n`);
  expect(run(dir)).toBe(`from ${path.basename(dir)}`);
  expect(run(tmpdir())).toBe(`from ${path.basename(dir)}`);
});

test('a module required by a computed path is bundled from the next run on, and edits of it are seen', () => {
  const computed = path.join(dir, 'computed.js');
  // the path is computed at run time, as lint's schema loader computes a kind's validator
  fs.writeFileSync(entry, [
    "import * as fs from 'fs';",
    "import * as path from 'path';",
    `const file = path.join(${JSON.stringify(dir)}, ['computed', 'js'].join('.'));`,
    "if (fs.existsSync(file)) {",
    "  const { message } = require(file);",
    "  process.stdout.write(`${message} ${file in require.cache ? 'from disk' : 'from the bundle'}`);",
    "} else process.stdout.write('gone');",
    '',
  ].join('\n'));
  fs.writeFileSync(computed, "exports.message = 'one';\n");
  expect(run()).toBe('one from disk');
  expect(run()).toBe('one from the bundle');
  expect(run()).toBe('one from the bundle');

  const old = new Date(Date.now() - 3_600_000);
  fs.writeFileSync(computed, "exports.message = 'two';\n");
  fs.utimesSync(computed, old, old);
  expect(run()).toBe('two from the bundle');

  // a recorded module that is gone is left out of the next bundle, which still builds
  fs.rmSync(computed);
  expect(run()).toBe('gone');
});
