// Where the pinned upstream release lives. ../shared is read-only and never copied:
// the scripts that read it generate the committed outputs (imports/, schemas/, typed values).
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** Chaos Mesh release every generated file is pinned to. */
export const CHAOS_MESH_VERSION = '2.8.2';

/** Folder with the release's CRDs, chart values.yaml and values.schema.json. */
export const UPSTREAM_DIR = resolve(process.env.CHAOS_MESH_UPSTREAM ?? resolve(root, '..', 'shared', `chaos-mesh-v${CHAOS_MESH_VERSION}`));

export const CRD_DIR = resolve(UPSTREAM_DIR, 'crds');

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
