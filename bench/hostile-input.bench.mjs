// Peak memory and wall time of the built CLI on very large input (issue 16): a 60 MiB manifest
// of ordinary objects, the same size as one hostile flow list, a Pod with many unknown fields,
// and a 10,000,000-line probe log. Inputs are generated into a temporary directory and removed.
//
//   npm run build && node bench/hostile-input.bench.mjs [--lines N]
//
// Peak memory is the maximum resident set size that GNU time reports (`/usr/bin/time -f %M`).
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, root } from './_measure.mjs';

const BIN = join(root, 'build', 'lib', 'cli', 'main.js');
const MIB = 1024 * 1024;
const linesArg = process.argv.indexOf('--lines');
const LOG_LINES = linesArg > 0 ? Number(process.argv[linesArg + 1]) : 10_000_000;

/** Writes `head`, then `chunk(i)` for i = 0, 1, ... until `totalBytes` are written; returns the size. */
function generate(file, head, chunk, totalBytes) {
  const fd = openSync(file, 'w');
  let size = writeSync(fd, head);
  const batch = [];
  for (let i = 0; size < totalBytes; i++) {
    const text = chunk(i);
    batch.push(text);
    size += Buffer.byteLength(text);
    if (batch.length === 10_000) writeSync(fd, batch.splice(0).join(''));
  }
  if (batch.length > 0) writeSync(fd, batch.join(''));
  closeSync(fd);
  return statSync(file).size;
}

function measure(args) {
  const run = spawnSync('/usr/bin/time', ['-f', '%M %e', process.execPath, BIN, ...args], { encoding: 'utf8', maxBuffer: 1024 * MIB });
  const [kb, seconds] = run.stderr.trim().split('\n').pop().split(' ').map(Number);
  const firstError = run.stderr.split('\n').find((l) => /limit|error/.test(l)) ?? '';
  return { status: run.status, peakMiB: kb / 1024, seconds, note: firstError.slice(0, 120) };
}

const dir = mkdtempSync(join(tmpdir(), 'hostile-bench-'));
try {
  const value = 'x'.repeat(180);
  const cases = [];

  const manifest = join(dir, 'configmaps-60mib.yaml');
  const manifestBytes = generate(manifest, '', (i) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  namespace: default\ndata:\n${
    Array.from({ length: 20 }, (_, k) => `  key-${k}: ${value}\n`).join('')}`, 60 * MIB);
  cases.push({ input: '60 MiB manifest: ConfigMaps of 20 keys each', bytes: manifestBytes, ...measure(['lint', '--format', 'json', manifest]) });

  const flow = join(dir, 'flow-60mib.yaml');
  const flowBytes = generate(flow, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flow\nflows: [\n', (i) => `  item${i},\n`, 60 * MIB);
  cases.push({ input: '60 MiB manifest: one flow list over many lines (hostile)', bytes: flowBytes, ...measure(['lint', flow]) });

  const pod = join(dir, 'pod-unknown-fields.yaml');
  const podBytes = generate(pod, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: default\nspec:\n  containers:\n  - name: c\n    image: nginx\n',
    (i) => `  unknown${i}: x\n`, 1.5 * MIB);
  cases.push({ input: 'Pod with ~90,000 unknown fields', bytes: podBytes, ...measure(['lint', '--format', 'json', pod]) });

  const log = join(dir, 'probe.log');
  const logBytes = generateLines(log, LOG_LINES, (i) => (i % 1000 === 999 ? `${1700000000 + i}.5 7\n` : `${1700000000 + i}.5 0 200 0.0${10 + (i % 90)}\n`));
  cases.push({ input: `probe log of ${LOG_LINES.toLocaleString('en-US')} lines`, bytes: logBytes, ...measure(['report', '--format', 'json', log]) });

  console.log(`Machine: ${machine()}\n`);
  console.log('| input | size | exit | peak RSS | peak / size | wall |');
  console.log('|---|---|---|---|---|---|');
  for (const c of cases) {
    console.log(`| ${c.input} | ${(c.bytes / MIB).toFixed(1)} MiB | ${c.status} | ${c.peakMiB.toFixed(0)} MiB | ${(c.peakMiB / (c.bytes / MIB)).toFixed(1)}x | ${c.seconds.toFixed(1)} s |`);
  }
  for (const c of cases) if (c.note) console.log(`\n${c.input}: ${c.note}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Writes `count` lines made by `line(i)` and returns the file's size. */
function generateLines(file, count, line) {
  const fd = openSync(file, 'w');
  for (let i = 0; i < count; i += 10_000) {
    writeSync(fd, Array.from({ length: Math.min(10_000, count - i) }, (_, k) => line(i + k)).join(''));
  }
  closeSync(fd);
  return statSync(file).size;
}
