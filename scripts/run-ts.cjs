#!/usr/bin/env node
// `node scripts/run-ts.cjs main.ts` runs a TypeScript entry point (this is cdk8s.yaml's `app`).
//
// The entry and everything it imports, npm packages included, are bundled by esbuild into one
// CommonJS file, without type checking: that is `npm run typecheck`. One file starts several times
// faster than the ~550 modules it holds (main.ts: ~190 of this repository's, ~360 of packages),
// which keeps `npx cdk8s synth` near the floor set by npx and cdk8s-cli themselves. Modules the
// code requires by a computed absolute path (lint's Kubernetes schemas, one per kind) are recorded
// when they load and bundled from the next run on.
// The bundle is cached under node_modules/.cache/run-ts and rebuilt whenever any of its input
// files changes; deleting the cache is always safe.
//
// The entry point is this .cjs file rather than the .ts file because the .npmrc preload
// (`--import`) makes Node load a main script through its ES module loader.
const { isAscii } = require('buffer');
const crypto = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vm = require('vm');

const root = path.resolve(__dirname, '..');
// esbuild itself is loaded only to rebuild: a cached run reads just its version.
const esbuildVersion = JSON.parse(fs.readFileSync(require.resolve('esbuild/package.json'), 'utf8')).version;
const cacheDir = path.join(root, 'node_modules', '.cache', 'run-ts');

/**
 * Bundled code keeps the `__dirname` of its source file: constructs read their shell scripts next
 * to it, and cdk8s its URL loader.
 */
const keepDirname = {
  name: 'keep-dirname',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      const ts = args.path.endsWith('.ts');
      if (!ts && !source.includes('__dirname')) return undefined;
      return {
        contents: source.replace(/\b__dirname\b/g, JSON.stringify(path.dirname(args.path))),
        loader: ts ? 'ts' : 'js',
      };
    });
  },
};

const digest = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/**
 * An input as recorded: its content hash, size and modification time. Hashing all inputs (3 MB
 * with imports/) was a tenth of a small synth; a file whose size and time are as recorded is
 * not read again. Only a time older than the record by a second is trusted: an edit in the same
 * instant as the record could otherwise keep both. (A copy that sets back both the size and the
 * exact time of the recorded file goes unseen, as with make: delete the cache.)
 */
function fingerprint(file) {
  const abs = path.resolve(root, file);
  const { size, mtimeMs } = fs.statSync(abs);
  return [file, digest(abs), size, mtimeMs];
}

function unchanged([file, hash, size, mtimeMs], recordedAt) {
  const abs = path.resolve(root, file);
  const stat = fs.statSync(abs);
  if (stat.size === size && stat.mtimeMs === mtimeMs && mtimeMs < recordedAt - 1000) return true;
  return digest(abs) === hash;
}

const readJson = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined; // none yet, or half a file of a run that was killed: rebuilt
  }
};

/** Writes by rename, which is atomic: concurrent runs (jest workers) never read half a file. */
function writeAtomic(file, data) {
  fs.writeFileSync(`${file}.${process.pid}`, data);
  fs.renameSync(`${file}.${process.pid}`, file);
}

/**
 * The bundle's entry: the user's entry, and a table of the modules earlier runs required by a
 * computed path, so that the bundle holds them too. A module that is gone since is left out.
 */
function entrySource(entry, computed) {
  const lines = computed
    .filter((file) => fs.existsSync(file))
    .map((file) => `  ${JSON.stringify(file)}: () => require(${JSON.stringify(file)}),`);
  return `exports.computed = {\n${lines.join('\n')}\n};\nexports.run = () => require(${JSON.stringify(entry)});\n`;
}

/** The generated entry's name in esbuild's messages and metafile; it is no file. */
const ENTRY_SOURCE = '<run-ts entry>';

/** The cached bundle of `entry` when none of its recorded inputs changed, else a fresh one. */
async function bundle(entry, files) {
  const computed = readJson(files.computed) ?? [];
  const recorded = readJson(files.inputs);
  try {
    if (recorded && computed.every((file) => recorded.computed.includes(file))
      && recorded.inputs.every((input) => unchanged(input, recorded.recordedAt)) && fs.existsSync(files.bundle)) return;
  } catch {
    // an input is gone: rebuild
  }
  const result = await require('esbuild').build({
    stdin: { contents: entrySource(entry, computed), resolveDir: root, sourcefile: ENTRY_SOURCE },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: `${files.bundle}.${process.pid}`,
    // the metafile's input paths are relative to this folder: the root, whatever the caller's cwd
    absWorkingDir: root,
    // packages resolve from this repository's node_modules, also for an entry outside it (a test's)
    nodePaths: [path.join(root, 'node_modules')],
    metafile: true,
    // without comments and indentation: a quarter smaller, and ASCII only (esbuild escapes strings,
    // comments keep their characters), which V8 holds in one byte per character
    minifyWhitespace: true,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [keepDirname],
  });
  const recordedAt = Date.now();
  const inputs = Object.keys(result.metafile.inputs).filter((file) => file !== ENTRY_SOURCE).map(fingerprint);
  writeAtomic(files.inputs, JSON.stringify({ recordedAt, computed, inputs }));
  fs.renameSync(`${files.bundle}.${process.pid}`, files.bundle);
}

/**
 * `require(bundle)`, with V8's code cache kept beside the bundle: compiling its 2 MB would take a
 * fifth of a small synth. The cache is written when a run ends, with the functions that ran
 * compiled.
 * V8 checks only the length of the source a cache was made from, so the cache starts with the
 * bundle's size and time (each build writes a new file): a cache of another bundle is ignored, and
 * that run writes a fresh one.
 */
function load(files) {
  const bytes = fs.readFileSync(files.bundle);
  // ASCII read as latin1 is the same text, without the decoding (see minifyWhitespace)
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const { size, mtimeMs } = fs.statSync(files.bundle);
  const hash = crypto.createHash('sha256').update(`${size}:${mtimeMs}`).digest();
  let cachedData;
  try {
    const cache = fs.readFileSync(files.v8cache);
    if (cache.subarray(0, hash.length).equals(hash)) cachedData = cache.subarray(hash.length);
  } catch {
    // no cache yet
  }
  const script = new vm.Script(Module.wrap(source), { filename: files.bundle, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', () => writeAtomic(files.v8cache, Buffer.concat([hash, script.createCachedData()])));
  }
  const bundled = new Module(files.bundle, module);
  bundled.filename = files.bundle;
  bundled.paths = Module._nodeModulePaths(path.dirname(files.bundle));
  require.cache[files.bundle] = bundled;
  script.runInThisContext()(bundled.exports, requireFor(bundled, files), bundled, files.bundle, path.dirname(files.bundle));
  bundled.loaded = true;
  return bundled.exports;
}

/**
 * The `require` the bundled code calls at run time. Built-in modules and the modules bundled for a
 * computed path are served at once; any other absolute path it loads is recorded (when the run
 * ends) for the next bundle. Other requests (a package name, which esbuild bundles wherever it is
 * written literally) load from disk.
 */
function requireFor(bundled, files) {
  const fromDisk = Module.createRequire(files.bundle);
  const seen = new Set();
  process.once('exit', (code) => {
    if (code !== 0 || seen.size === 0) return;
    writeAtomic(files.computed, JSON.stringify([...new Set([...(readJson(files.computed) ?? []), ...seen])].sort()));
  });
  const requireAtRunTime = (id) => {
    if (Module.isBuiltin(id)) return fromDisk(id);
    const computed = bundled.exports.computed;
    if (computed && Object.hasOwn(computed, id)) return computed[id]();
    const exports = fromDisk(id);
    // a native addon cannot be bundled
    if (path.isAbsolute(id) && !id.endsWith('.node')) seen.add(id);
    return exports;
  };
  return Object.assign(requireAtRunTime, { resolve: fromDisk.resolve, cache: fromDisk.cache, main: fromDisk.main });
}

const entry = process.argv[2];
if (!entry) {
  process.stderr.write('usage: node scripts/run-ts.cjs FILE.ts [ARGS...]\n');
  process.exit(2);
}
fs.mkdirSync(cacheDir, { recursive: true });
const absEntry = path.resolve(entry);
// The bundle depends on the entry, this script and esbuild's version besides its input files.
const name = crypto.createHash('sha256').update(`${absEntry}\0${digest(__filename)}\0${esbuildVersion}`).digest('hex').slice(0, 16);
const base = path.join(cacheDir, name);
const files = { bundle: `${base}.js`, v8cache: `${base}.js.v8cache`, inputs: `${base}.inputs.json`, computed: `${base}.computed.json` };
bundle(absEntry, files).then(() => {
  process.argv.splice(1, 1); // the entry sees itself as argv[1], as under `node FILE`
  load(files).run();
}, (err) => {
  process.stderr.write(`${err.message}\n`); // esbuild already printed the located errors
  process.exit(1);
});
