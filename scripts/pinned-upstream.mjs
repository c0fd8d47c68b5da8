// Where the pinned upstream release lives. ../shared is read-only and never copied:
// the scripts that read it generate the committed outputs (imports/, schemas/, typed values).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** Chaos Mesh release every generated file is pinned to. */
export const CHAOS_MESH_VERSION = '2.8.2';

/** Folder with the release's CRDs, chart values.yaml and values.schema.json. */
export const UPSTREAM_DIR = resolve(process.env.CHAOS_MESH_UPSTREAM ?? resolve(root, '..', 'shared', `chaos-mesh-v${CHAOS_MESH_VERSION}`));

/** Stops with what is missing and how to point at it: a stack trace would only say ENOENT. */
function missing(full) {
  console.error(`Upstream ${full} is missing: the generators read the pinned chaos-mesh ${CHAOS_MESH_VERSION} files from ${UPSTREAM_DIR} (set CHAOS_MESH_UPSTREAM to the folder that holds crds/, values.yaml and values.schema.json).`);
  process.exit(1);
}

/** The text of one upstream file, by its path inside the release folder (e.g. 'crds/x.yaml'). */
export function readUpstream(relative) {
  const full = join(UPSTREAM_DIR, relative);
  if (!existsSync(full)) missing(full);
  return readFileSync(full, 'utf8');
}

/** The file names in one upstream folder. */
export function listUpstream(relative) {
  const full = join(UPSTREAM_DIR, relative);
  if (!existsSync(full)) missing(full);
  return readdirSync(full);
}

/**
 * CRDs with generated classes in imports/: every fault kind the experiments emit, plus the
 * Schedule, Workflow and StatusCheck around them. Tests round-trip emitted specs through the
 * generated converters; the generated types stay out of the public API.
 */
export const IMPORTED_CRDS = [
  'chaos-mesh.org_podchaos.yaml',
  'chaos-mesh.org_networkchaos.yaml',
  'chaos-mesh.org_stresschaos.yaml',
  'chaos-mesh.org_iochaos.yaml',
  'chaos-mesh.org_timechaos.yaml',
  'chaos-mesh.org_dnschaos.yaml',
  'chaos-mesh.org_httpchaos.yaml',
  'chaos-mesh.org_jvmchaos.yaml',
  'chaos-mesh.org_kernelchaos.yaml',
  'chaos-mesh.org_blockchaos.yaml',
  'chaos-mesh.org_physicalmachinechaos.yaml',
  'chaos-mesh.org_awschaos.yaml',
  'chaos-mesh.org_gcpchaos.yaml',
  'chaos-mesh.org_azurechaos.yaml',
  'chaos-mesh.org_schedules.yaml',
  'chaos-mesh.org_workflows.yaml',
  'chaos-mesh.org_statuschecks.yaml',
];
