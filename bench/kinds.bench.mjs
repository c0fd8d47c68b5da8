#!/usr/bin/env node
// How long an app with one experiment of every Chaos Mesh 2.8.2 fault kind takes to synthesize
// (bench/every-kind.app.ts: 16 experiments, each with a probe and a guard, against a cdk8s-plus
// Deployment in the same app), next to the reference app (main.ts: 3 experiments), measured side by
// side in one run with `npx cdk8s synth`.
//   node bench/kinds.bench.mjs [runs=7]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, recordSection, sideBySide } from './_measure.mjs';

const runs = Number(process.argv[2] ?? 7);
const loadAtStart = loadavg()[0];
const out = mkdtempSync(join(tmpdir(), 'kinds-bench-'));
const env = { ...process.env, CDK8S_CHECK_UPGRADE: 'false' };
const synth = (entry, dir) => ({ argv: ['npx', 'cdk8s', 'synth', '--app', `node scripts/run-ts.cjs ${entry}`, '--output', join(out, dir)], env });

const REFERENCE = 'reference app (main.ts, 3 experiments)';
const EVERY_KIND = 'every-kind app (bench/every-kind.app.ts, 16 experiments, 14 kinds)';
const results = sideBySide({ [REFERENCE]: synth('main.ts', 'reference'), [EVERY_KIND]: synth('bench/every-kind.app.ts', 'every-kind') }, runs);
rmSync(out, { recursive: true, force: true });

const fmt = (s) => `${s.toFixed(2)} s`;
const ratio = results[EVERY_KIND].median / results[REFERENCE].median;
const rows = Object.entries(results).map(([name, r]) => `| ${name} | ${fmt(r.median)} | ${r.runs.map(fmt).join(', ')} |`).join('\n');
const table = `## Synth: one experiment of every fault kind vs the reference app

${runs} interleaved runs each after one warm-up, on ${machine()}, ${new Date().toISOString().slice(0, 10)}, load average
${loadAtStart.toFixed(1)} at the start (the machine is shared: compare the two rows, not the absolute times).
Both with \`npx cdk8s synth\` (bundled by esbuild), every check included. Reproduce: \`node bench/kinds.bench.mjs ${runs}\`.

| app | median wall time | runs |
| --- | --- | --- |
${rows}

Ratio (every-kind / reference): **${ratio.toFixed(2)}×**. Target: under 1.5×.`;
recordSection('kinds', table);
console.log(table);
