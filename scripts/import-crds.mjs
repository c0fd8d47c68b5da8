#!/usr/bin/env node
// Regenerates imports/ from the pinned Chaos Mesh v2.8.2 CRDs in ../shared.
// All CRDs go into ONE multi-document input: separate `cdk8s import` runs for the same
// API group write the same file (imports/chaos-mesh.org.ts) and overwrite each other.
// The upstream files are read, never copied into the repository.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { IMPORTED_CRDS, readUpstream } from './pinned-upstream.mjs';

const root = resolve(import.meta.dirname, '..');
// `--out DIR` writes elsewhere (the freshness test compares that with the committed imports/).
const outArg = process.argv.indexOf('--out');
const out = outArg > 0 ? resolve(process.argv[outArg + 1]) : join(root, 'imports');
const crds = IMPORTED_CRDS.map((f) => readUpstream(join('crds', f))).join('\n---\n');
const work = mkdtempSync(join(tmpdir(), 'cdk8s-chaos-mesh-import-'));
try {
  const input = join(work, 'chaos-mesh.yaml');
  writeFileSync(input, crds);
  execFileSync('npx', ['--no-install', 'cdk8s', 'import', input, '--language', 'typescript',
    '--output', out, '--no-save', '--no-check-upgrade'], {
    cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
