#!/usr/bin/env node
// How `cdk8s-chaos-mesh lint` grows with the manifest tree, next to a parse-only floor measured in
// the same run: for each size, the floor (bench/_parse-floor.cjs: read and parse every file, keep
// the objects) and the compiled bin (`node build/lib/cli/main.js lint DIR`, run `npm run build`
// first) run interleaved, each a fresh process, with wall time and peak memory (maxRSS).
//   node bench/lint-scale.bench.mjs [--sizes 1000,5000,10000,50000,100000] [--runs 3] [--large-runs 1] [--record]
// Sizes count objects (half Deployments, half chaos objects aimed at them, one pair per file);
// sizes of 100,000 objects and more run --large-runs times (each run takes a while).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeExperiments } from './_manifests.cjs';
import { machine, measureNode, median, recordSection, root } from './_measure.mjs';

const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const sizes = option('sizes', '1000,5000,10000,50000,100000').split(',').map(Number);
const runs = Number(option('runs', 3));
const largeRuns = Number(option('large-runs', 1));
const bin = join(root, 'build', 'lib', 'cli', 'main.js');
if (!existsSync(bin)) throw new Error('build/lib/cli/main.js is missing: run `npm run build` first');

const env = { ...process.env, NODE_OPTIONS: '' };
const rows = [];
for (const size of sizes) {
  const work = mkdtempSync(join(tmpdir(), 'lint-scale-'));
  writeExperiments(work, size / 2);
  const floor = { argv: [join(root, 'bench', '_parse-floor.cjs'), work], env };
  const lint = { argv: [bin, 'lint', work], env };
  const n = size >= 100_000 ? largeRuns : runs;
  const times = { floor: [], lint: [] };
  for (let i = 0; i < n; i++) {
    times.floor.push(measureNode(floor));
    times.lint.push(measureNode(lint));
  }
  rmSync(work, { recursive: true, force: true });
  const stat = (list, key) => median(list.map((r) => r[key]));
  const row = {
    size, runs: n,
    floor: stat(times.floor, 'seconds'), lint: stat(times.lint, 'seconds'),
    floorRss: stat(times.floor, 'rss'), lintRss: stat(times.lint, 'rss'),
    lintRuns: times.lint.map((r) => r.seconds),
  };
  rows.push(row);
  console.error(`${size} objects: floor ${row.floor.toFixed(2)} s ${mib(row.floorRss)}, lint ${row.lint.toFixed(2)} s ${mib(row.lintRss)}`);
}

function mib(bytes) {
  return `${Math.round(bytes / 2 ** 20)} MiB`;
}
const x = (v) => `${v.toFixed(1)}×`;
const lines = rows.map((r, i) => {
  const prev = rows[i - 1];
  const growth = prev ? `${x(r.lint / prev.lint)} for ${x(r.size / prev.size)}` : '';
  return `| ${r.size.toLocaleString('en-US')} | ${r.runs} | ${r.floor.toFixed(2)} s | ${r.lint.toFixed(2)} s | ${x(r.lint / r.floor)} | `
    + `${mib(r.floorRss)} | ${mib(r.lintRss)} | ${x(r.lintRss / r.floorRss)} | ${growth} |`;
});
const at = (size) => rows.find((r) => r.size === size);
const ratio = at(50000) && at(5000) ? `\nt(50,000) / t(5,000) = **${x(at(50000).lint / at(5000).lint)}** (linear would be 10×).` : '';
const table = `## Lint at scale: against the parse-only floor

Objects: half Deployments, half StressChaos/NetworkChaos/PodChaos aimed at them by labels, one pair per file, linted clean.
Per size the floor (\`node bench/_parse-floor.cjs DIR\`: read, parse with lint's YAML options, keep the objects) and
\`node build/lib/cli/main.js lint DIR\` run interleaved, each a fresh process; medians of the runs, peak memory is the process's maxRSS.
On ${machine()}, ${new Date().toISOString().slice(0, 10)}. Reproduce: \`npm run build && node bench/lint-scale.bench.mjs --runs ${runs} --large-runs ${largeRuns}\`.

| objects | runs | parse floor | lint | lint / floor | floor peak | lint peak | peak / floor | lint growth |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${lines.join('\n')}
${ratio}
Targets: at 100,000 objects lint ≤ 3× the floor's time and ≤ 2× its peak memory; t(50k)/t(5k) ≤ 12.`;
if (process.argv.includes('--record')) recordSection('lint-scale', table);
console.log(table);
