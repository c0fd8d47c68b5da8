#!/usr/bin/env node
// How long `cdk8s-chaos-mesh lint` takes on 1,000 chaos objects with their 1,000 target
// Deployments (one file per experiment, as a platform repo holds them), target < 2 s on 2 cores.
//   node bench/lint.bench.mjs [runs=5] [--record]
// In-process: lintPaths() called `runs` times in one process; the first call pays for reading the
// CRD schema bundle and loading the kubernetes-models validators (once per process, never per file),
// the later ones show the steady cost. As a command: the compiled bin (build/lib/cli/main.js, when
// `npm run build` has made it) or else an esbuild bundle of lib/cli/main.ts, started fresh each run.
import { build } from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeExperiments } from './_manifests.cjs';
import { machine, median, recordSection, root, timeOnce } from './_measure.mjs';

const runs = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 5);
const record = process.argv.includes('--record');
const COUNT = 1000;
const work = mkdtempSync(join(tmpdir(), 'lint-bench-'));

// Bundles live under node_modules/.cache so that they resolve the project's packages.
const cache = join(root, 'node_modules', '.cache', 'lint-bench');
mkdirSync(cache, { recursive: true });
const manifests = join(work, 'manifests');
writeExperiments(manifests, COUNT);

// One CommonJS bundle of the library code (npm packages stay external), loaded in this process.
const lintBundle = join(cache, 'lint.cjs');
await build({ entryPoints: [join(root, 'lib', 'lint', 'lint.ts')], bundle: true, packages: 'external', platform: 'node', format: 'cjs', target: 'node20', outfile: lintBundle, logLevel: 'warning' });
const require = createRequire(join(root, 'package.json'));
const { lintPaths } = require(lintBundle);

const inProcess = [];
let summary;
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  const result = lintPaths([manifests]);
  inProcess.push(Number(process.hrtime.bigint() - start) / 1e9);
  summary = result.summary;
  if (result.exitCode !== 0) throw new Error(`the generated manifests should lint clean: ${JSON.stringify(result.findings.slice(0, 3), null, 1)}`);
}

let bin = join(root, 'build', 'lib', 'cli', 'main.js');
let binLabel = '`node build/lib/cli/main.js lint` (compiled bin)';
if (!existsSync(bin) || !existsSync(join(root, 'build', 'lib', 'cli', 'lint-command.js'))) {
  bin = join(cache, 'main.cjs');
  binLabel = '`node <esbuild bundle of lib/cli/main.ts> lint` (no compiled lint in build/)';
  await build({ entryPoints: [join(root, 'lib', 'cli', 'main.ts')], bundle: true, packages: 'external', platform: 'node', format: 'cjs', target: 'node20', outfile: bin, logLevel: 'warning' });
}
const env = { ...process.env, NODE_OPTIONS: '' };
const command = { argv: [process.execPath, bin, 'lint', manifests], env };
timeOnce(command); // warm the file cache
const asCommand = Array.from({ length: runs }, () => timeOnce(command));
rmSync(work, { recursive: true, force: true });
rmSync(cache, { recursive: true, force: true });

const fmt = (s) => `${s.toFixed(2)} s`;
const table = `## Lint: ${COUNT} chaos objects with their ${COUNT} target Deployments

${COUNT} files (a Deployment and a StressChaos, NetworkChaos or PodChaos each), ${summary.objects} objects, linted clean.
${runs} runs each, on ${machine()}, ${new Date().toISOString().slice(0, 10)}. Reproduce: \`node bench/lint.bench.mjs ${runs}\`.

| how | median | runs |
| --- | --- | --- |
| in-process \`lintPaths()\`, first call (reads the CRD bundle, loads the kubernetes-models validators) | ${fmt(inProcess[0])} | ${fmt(inProcess[0])} |
| in-process \`lintPaths()\`, later calls (schemas loaded once per process) | ${fmt(median(inProcess.slice(1).length ? inProcess.slice(1) : inProcess))} | ${inProcess.slice(1).map(fmt).join(', ')} |
| ${binLabel}, a fresh process each run | ${fmt(median(asCommand))} | ${asCommand.map(fmt).join(', ')} |

Target: under 2 s on a 2-core machine.`;
if (record) recordSection('lint', table);
console.log(table);
