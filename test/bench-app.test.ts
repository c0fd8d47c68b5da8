import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { EMBEDDED_CHAOS_FIELDS } from '../lib/safety';
import { listFiles, repoRoot } from './support/run-app';

// bench/every-kind.app.ts is what bench/kinds.bench.mjs times: it must keep synthesizing (every
// check passes, or synth exits non-zero) and keep holding one experiment of every fault kind.
test('the benchmark app synthesizes one experiment of every chaos kind, against a cdk8s-plus Deployment', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'every-kind-'));
  try {
    execFileSync('node', ['scripts/run-ts.cjs', 'bench/every-kind.app.ts'], { cwd: repoRoot, env: { ...process.env, CDK8S_OUTDIR: out }, stdio: 'pipe' });
    const objects = listFiles(out).flatMap((f) => parseAllDocuments(readFileSync(path.join(out, f), 'utf8')).map((d) => d.toJS()));
    const faults = objects.filter((o) => o.kind === 'Workflow').flatMap((w) => w.spec.templates.map((t: any) => t.templateType));
    expect(new Set(faults)).toEqual(new Set(['Serial', 'Parallel', 'Suspend', 'StatusCheck', ...Object.keys(EMBEDDED_CHAOS_FIELDS)]));
    expect(objects.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.namespace)).toEqual(['shop']);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 60_000);
