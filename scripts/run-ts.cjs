#!/usr/bin/env node
// `node scripts/run-ts.cjs main.ts` runs a TypeScript entry point (this is cdk8s.yaml's `app`).
//
// The entry and everything it imports from this repository are bundled by esbuild into one
// CommonJS file (npm packages stay external), without type checking: that is `npm run typecheck`.
// One file, tree-shaken, starts several times faster than ~100 separately transpiled modules,
// which keeps `npx cdk8s synth` near the floor set by npx and cdk8s-cli themselves.
// The bundle is cached under node_modules/.cache/run-ts and rebuilt whenever any of its input
// files changes; deleting the cache is always safe.
//
// The entry point is this .cjs file rather than the .ts file because the .npmrc preload
// (`--import`) makes Node load a main script through its ES module loader.
const crypto = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vm = require('vm');

const root = path.resolve(__dirname, '..');
// esbuild itself is loaded only to rebuild: a cached run reads just its version.
const esbuildVersion = JSON.parse(fs.readFileSync(require.resolve('esbuild/package.json'), 'utf8')).version;
const cacheDir = path.join(root, 'node_modules', '.cache', 'run-ts');

/** Bundled code keeps the `__dirname` of its source file: constructs read their shell scripts next to it. */
const keepDirname = {
  name: 'keep-dirname',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: fs.readFileSync(args.path, 'utf8').replace(/\b__dirname\b/g, JSON.stringify(path.dirname(args.path))),
      loader: 'ts',
    }));
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
  const abs = path.join(root, file);
  const { size, mtimeMs } = fs.statSync(abs);
  return [file, digest(abs), size, mtimeMs];
}

function unchanged([file, hash, size, mtimeMs], recordedAt) {
  const abs = path.join(root, file);
  const stat = fs.statSync(abs);
  if (stat.size === size && stat.mtimeMs === mtimeMs && mtimeMs < recordedAt - 1000) return true;
  return digest(abs) === hash;
}

/**
 * The project's own `yaml` is bundled rather than required: its 36 modules load in a fifth of the
 * time as one file. Every other package stays external (`packages: 'external'`), cdk8s and
 * constructs above all, whose classes must be the ones user code and cdk8s-plus load.
 */
const bundleYaml = {
  name: 'bundle-yaml',
  setup(build) {
    // resolved from here, as the bundle resolves its external packages from node_modules/.cache
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: require.resolve('yaml') }));
  },
};

/** The cached bundle of `entry` when none of its recorded inputs changed, else a fresh one. */
async function bundle(entry) {
  // The bundle depends on the entry, this script and esbuild's version besides its input files.
  const name = crypto.createHash('sha256').update(`${entry}\0${digest(__filename)}\0${esbuildVersion}`).digest('hex').slice(0, 16);
  const outfile = path.join(cacheDir, `${name}.js`);
  const inputsFile = path.join(cacheDir, `${name}.inputs.json`);
  try {
    const { recordedAt, inputs } = JSON.parse(fs.readFileSync(inputsFile, 'utf8'));
    if (inputs.every((input) => unchanged(input, recordedAt)) && fs.existsSync(outfile)) return outfile;
  } catch {
    // no cache yet, or an input is gone: rebuild
  }
  const partial = `${outfile}.${process.pid}`;
  const result = await require('esbuild').build({
    entryPoints: [entry],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: partial,
    // the metafile's input paths are relative to this folder: the root, whatever the caller's cwd
    absWorkingDir: root,
    metafile: true,
    logLevel: 'warning',
    plugins: [keepDirname, bundleYaml],
  });
  const recordedAt = Date.now();
  const inputs = Object.keys(result.metafile.inputs).map(fingerprint);
  fs.writeFileSync(`${inputsFile}.${process.pid}`, JSON.stringify({ recordedAt, inputs }));
  // rename is atomic: concurrent runs (jest workers) never read half a file
  fs.renameSync(partial, outfile);
  fs.renameSync(`${inputsFile}.${process.pid}`, inputsFile);
  return outfile;
}

/**
 * `require(outfile)`, with V8's code cache kept beside the bundle: compiling its 0.8 MB was a tenth
 * of a small synth. The cache is written when a run ends, with the functions that ran compiled.
 * V8 checks only the length of the source a cache was made from, so the cache starts with the
 * bundle's hash: a cache of another bundle is ignored, and that run writes a fresh one.
 */
function runBundle(outfile) {
  const source = fs.readFileSync(outfile, 'utf8');
  const hash = crypto.createHash('sha256').update(source).digest();
  const cacheFile = `${outfile}.v8cache`;
  let cachedData;
  try {
    const cache = fs.readFileSync(cacheFile);
    if (cache.subarray(0, hash.length).equals(hash)) cachedData = cache.subarray(hash.length);
  } catch {
    // no cache yet
  }
  const script = new vm.Script(Module.wrap(source), { filename: outfile, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', () => {
      const partial = `${cacheFile}.${process.pid}`;
      fs.writeFileSync(partial, Buffer.concat([hash, script.createCachedData()]));
      fs.renameSync(partial, cacheFile);
    });
  }
  const bundled = new Module(outfile, module);
  bundled.filename = outfile;
  bundled.paths = Module._nodeModulePaths(path.dirname(outfile));
  require.cache[outfile] = bundled;
  script.runInThisContext()(bundled.exports, Module.createRequire(outfile), bundled, outfile, path.dirname(outfile));
  bundled.loaded = true;
}

const entry = process.argv[2];
if (!entry) {
  process.stderr.write('usage: node scripts/run-ts.cjs FILE.ts [ARGS...]\n');
  process.exit(2);
}
fs.mkdirSync(cacheDir, { recursive: true });
bundle(path.resolve(entry)).then((outfile) => {
  process.argv.splice(1, 1); // the entry sees itself as argv[1], as under `node FILE`
  runBundle(outfile);
}, (err) => {
  process.stderr.write(`${err.message}\n`); // esbuild already printed the located errors
  process.exit(1);
});
