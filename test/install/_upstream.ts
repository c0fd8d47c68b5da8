// Where the tests read the pinned upstream chart files (never copied into the repository): the
// same folder scripts/pinned-upstream.mjs uses, overridable with CHAOS_MESH_UPSTREAM.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export const UPSTREAM_DIR = path.resolve(process.env.CHAOS_MESH_UPSTREAM ?? path.join(REPO_ROOT, '..', 'shared', 'chaos-mesh-v2.8.2'));

export function readUpstream(file: string): string {
  const full = path.join(UPSTREAM_DIR, file);
  if (!existsSync(full)) {
    throw new Error(`Upstream file ${full} is missing: these tests read the pinned chaos-mesh 2.8.2 chart files (set CHAOS_MESH_UPSTREAM to their folder).`);
  }
  return readFileSync(full, 'utf8');
}
