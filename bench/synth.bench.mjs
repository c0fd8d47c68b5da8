#!/usr/bin/env node
// How long `npx cdk8s synth` of this project takes, next to `npx cdk8s --version` (npx and
// cdk8s-cli starting: the floor no app can beat here) and the way `cdk8s init typescript-app`
// runs the same main.ts (ts-node main.ts), measured side by side in one run. ts-node runs without
// npx (see below), so it is compared with the bundled app run the same way: both without npx's start.
//   node bench/synth.bench.mjs [runs=7]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, recordSection, root, sideBySide } from './_measure.mjs';

const runs = Number(process.argv[2] ?? 7);
const out = mkdtempSync(join(tmpdir(), 'synth-bench-'));
const bin = (name) => join(root, 'node_modules', '.bin', name);

// ts-node's CLI cannot start under the --import preload that .npmrc adds, so run it exactly as
// `npx ts-node main.ts` resolves it, minus that preload (and so minus npx's own start).
const withoutPreload = { ...process.env, CDK8S_OUTDIR: join(out, 'ts-node'), CDK8S_CHECK_UPGRADE: 'false' };
delete withoutPreload.NODE_OPTIONS;

const cli = { ...process.env, CDK8S_CHECK_UPGRADE: 'false' };
const loadBefore = loadavg()[0];
const results = sideBySide({
  'npx cdk8s synth': { argv: ['npx', 'cdk8s', 'synth', '--output', join(out, 'cdk8s')], env: cli },
  'npx cdk8s --version': { argv: ['npx', 'cdk8s', '--version'], env: cli },
  'ts-node main.ts': { argv: [bin('ts-node'), 'main.ts'], env: withoutPreload },
  'node scripts/run-ts.cjs main.ts': { argv: [process.execPath, join(root, 'scripts', 'run-ts.cjs'), 'main.ts'], env: { ...cli, CDK8S_OUTDIR: join(out, 'run-ts') } },
}, runs);
rmSync(out, { recursive: true, force: true });
const loadAfter = loadavg()[0];

const a = results['npx cdk8s synth'].median;
const b = results['ts-node main.ts'].median;
const app = results['node scripts/run-ts.cjs main.ts'].median;
const floor = results['npx cdk8s --version'].median;
const fmt = (s) => `${s.toFixed(2)} s`;
const table = `## Synth: \`npx cdk8s synth\` vs \`npx cdk8s --version\`, and the app vs \`ts-node main.ts\`

${runs} interleaved runs each after one warm-up, on ${machine()}, ${new Date().toISOString().slice(0, 10)}.
Reproduce: \`node bench/synth.bench.mjs ${runs}\`.

| command | median wall time | runs |
| --- | --- | --- |
| \`npx cdk8s synth\` (main.ts bundled by esbuild, see scripts/run-ts.cjs) | ${fmt(a)} | ${results['npx cdk8s synth'].runs.map(fmt).join(', ')} |
| \`npx cdk8s --version\` (npx and cdk8s-cli alone: the floor) | ${fmt(floor)} | ${results['npx cdk8s --version'].runs.map(fmt).join(', ')} |
| \`node scripts/run-ts.cjs main.ts\` (the app that synth runs, without npx and cdk8s-cli) | ${fmt(app)} | ${results['node scripts/run-ts.cjs main.ts'].runs.map(fmt).join(', ')} |
| \`ts-node main.ts\` (cdk8s init's way, as npx resolves it, without npx) | ${fmt(b)} | ${results['ts-node main.ts'].runs.map(fmt).join(', ')} |

Ratios: synth / floor **${(a / floor).toFixed(2)}×** (target ≤ 1.3×); ts-node / the bundled app, both without npx,
**${(b / app).toFixed(1)}×** (target ≥ 3×); ts-node without npx / synth with it: ${(b / a).toFixed(1)}×.
Load average on the 2 cores (this bench's own runs included): ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end; synth / floor
of each pair of runs (adjacent in time): ${results['npx cdk8s synth'].runs.map((t, i) => (t / results['npx cdk8s --version'].runs[i]).toFixed(2)).join(', ')}.`;
recordSection('synth', table);
console.log(table);
