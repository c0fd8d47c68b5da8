import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parse } from 'yaml';

export const repoRoot = path.resolve(__dirname, '..', '..');

/**
 * Synthesizes main.ts into a fresh temporary folder with the exact `app` command of cdk8s.yaml
 * (what `npx cdk8s synth` runs) and returns that folder.
 */
export function synthMainInto(outdir = mkdtempSync(path.join(tmpdir(), 'cdk8s-chaos-mesh-dist-'))): string {
  const config = parse(readFileSync(path.join(repoRoot, 'cdk8s.yaml'), 'utf8'));
  execFileSync('/bin/sh', ['-c', config.app], {
    cwd: repoRoot,
    env: { ...process.env, CDK8S_OUTDIR: outdir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return outdir;
}

/** Every file below `dir`, as sorted relative paths. */
export function listFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => statSync(path.join(dir, f)).isFile())
    .sort();
}

/** The files of the generated folder `fresh` that `committed` lacks or holds with other bytes. */
export function staleFiles(committed: string, fresh: string): string[] {
  return listFiles(fresh).filter((f) => {
    try {
      return !readFileSync(path.join(committed, f)).equals(readFileSync(path.join(fresh, f)));
    } catch {
      return true;
    }
  });
}
