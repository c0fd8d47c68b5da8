#!/usr/bin/env node
// How synth grows with the number of experiments: the generated app of bench/_scale-app.ts (each
// experiment with its probe and PreSync guard, as main.ts builds them) synthesized in a fresh
// process each run, exactly as `npx cdk8s synth` runs main.ts (`node scripts/run-ts.cjs`), with
// wall time and peak memory (maxRSS). Runs of all sizes are interleaved, so a noisy neighbour
// slows every size alike.
//   node bench/synth-scale.bench.mjs [--sizes 10,100,1000,3000] [--runs 5] [--large-runs 2] [--record]
// Sizes of 3,000 experiments and more run --large-runs times. The output goes to a tmpfs
// (/dev/shm) when there is one: the shared disk's write latency is not the library's.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, measureNode, median, recordSection, root, timeOnce } from './_measure.mjs';

const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const sizes = option('sizes', '10,100,1000,3000').split(',').map(Number);
const runs = Number(option('runs', 5));
const largeRuns = Number(option('large-runs', 2));
const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const out = mkdtempSync(join(base, 'synth-scale-'));

const command = (size) => ({
  argv: [join(root, 'scripts', 'run-ts.cjs'), join(root, 'bench', '_synth-scale-main.ts')],
  env: { ...process.env, NODE_OPTIONS: '', CDK8S_CHECK_UPGRADE: 'false', SCALE_EXPERIMENTS: String(size), CDK8S_OUTDIR: join(out, String(size)) },
});
timeOnce({ argv: [process.execPath, ...command(10).argv], env: command(10).env }); // builds the bundle once
const loadBefore = loadavg()[0];
const results = Object.fromEntries(sizes.map((s) => [s, []]));
for (let i = 0; i < Math.max(runs, largeRuns); i++) {
  for (const size of sizes) {
    if (i >= (size >= 3000 ? largeRuns : runs)) continue;
    rmSync(join(out, String(size)), { recursive: true, force: true });
    results[size].push(measureNode(command(size)));
    console.error(`${size} experiments: ${results[size].at(-1).seconds.toFixed(2)} s`);
  }
}
rmSync(out, { recursive: true, force: true });
const loadAfter = loadavg()[0];

const mib = (bytes) => `${Math.round(bytes / 2 ** 20)} MiB`;
const x = (v) => `${v.toFixed(1)}×`;
const rows = sizes.map((size) => ({
  size,
  time: median(results[size].map((r) => r.seconds)),
  rss: median(results[size].map((r) => r.rss)),
  cpu: median(results[size].map((r) => r.cpu)),
  runs: results[size].map((r) => r.seconds),
}));
const lines = rows.map((r, i) => {
  const prev = rows[i - 1];
  const growth = (key) => (prev ? `${x(r[key] / prev[key])} for ${x(r.size / prev.size)}` : '');
  return `| ${r.size.toLocaleString('en-US')} | ${r.time.toFixed(2)} s | ${growth('time')} | ${r.cpu.toFixed(2)} s | ${growth('cpu')} | ${mib(r.rss)} | ${r.runs.map((t) => t.toFixed(2)).join(', ')} |`;
});
const at = (size) => rows.find((r) => r.size === size);
const ratio = at(1000) && at(100)
  ? `\nt(1,000) / t(100) = **${x(at(1000).time / at(100).time)}** in wall time, **${x(at(1000).cpu / at(100).cpu)}** in CPU time.` : '';
const table = `## Synth at scale: generated experiments with probes and guards

Each experiment as main.ts builds its three in turn (a bounded pod-kill Schedule, a latency NetworkChaos, a memory
stress with a containment check), each with a ProbeJob and a PresyncGuard (bench/_scale-app.ts); a fresh
\`node scripts/run-ts.cjs bench/_synth-scale-main.ts\` process per run (what \`npx cdk8s synth\` runs), output on ${base === '/dev/shm' ? 'tmpfs' : 'the temporary folder'}.
Runs of all sizes interleaved; ${runs} runs each, ${largeRuns} for 3,000 and more. Wall time is the whole process (Node start, module loading,
building the constructs, the safety rules, writing YAML); CPU time is its user + system time, which the other
engineers' load on the 2 cores moves far less (load average ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end); peak memory is its maxRSS.
On ${machine()}, ${new Date().toISOString().slice(0, 10)}. Reproduce: \`node bench/synth-scale.bench.mjs --runs ${runs} --large-runs ${largeRuns}\`.

| experiments | median wall time | growth | median CPU time | growth | peak memory | wall time of each run |
| --- | --- | --- | --- | --- | --- | --- |
${lines.join('\n')}
${ratio}
Targets: 1,000 experiments ≤ 5 s, t(1,000)/t(100) ≤ 6, 3,000 linear.`;
if (process.argv.includes('--record')) recordSection('synth-scale', table);
console.log(table);
