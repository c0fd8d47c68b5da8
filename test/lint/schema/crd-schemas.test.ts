import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CrdSchemas } from '../../../lib/lint/schema/crd-schemas';
import { REPO_ROOT as root, UPSTREAM_DIR } from '../../install/_upstream';
import { CHILD_TIMEOUT_MS } from '../../support/child-timeout';

describe('CrdSchemas', () => {
  test('is read once per process', () => {
    expect(CrdSchemas.get()).toBe(CrdSchemas.get());
  });

  test('knows every chaos-mesh.org kind of 2.8.2 with its served version and scope', () => {
    const schemas = CrdSchemas.get();
    expect(schemas.chaosMeshVersion).toBe('2.8.2');
    expect(schemas.kindsOf('chaos-mesh.org')).toHaveLength(23);
    expect(schemas.kind('Schedule')).toMatchObject({ version: 'v1alpha1', scope: 'Namespaced' });
    expect(schemas.kind('RemoteCluster')).toMatchObject({ scope: 'Cluster' });
  });

  test('the bundle carries no descriptions', () => {
    const text = fs.readFileSync(path.join(root, 'schemas', 'chaos-mesh-crds.json'), 'utf8');
    expect(text).not.toMatch(/"description":/);
  });

  test('the bundle keeps defaults (the API server applies them before it checks required fields)', () => {
    const bundle = JSON.parse(fs.readFileSync(path.join(root, 'schemas', 'chaos-mesh-crds.json'), 'utf8'));
    const resolve = (node: any): any => (node.$ref ? resolve(bundle.defs[node.$ref]) : node);
    const spec = resolve(CrdSchemas.get().kind('StatusCheck')!.schema.properties.spec);
    expect(spec.required).toContain('type');
    expect(spec.properties.type.default).toBe('HTTP');
    expect(resolve(spec.properties.http).properties.method.default).toBe('GET');
  });

  // The upstream CRDs are outside the repository (never copied into it). Without them the
  // freshness check cannot run, and that is a failure, never a silent skip: everything else tests
  // against the committed bundle, so a stale bundle would go unnoticed.
  test('the committed bundle is what scripts/compile-schemas.mjs generates', () => {
    const crds = path.join(UPSTREAM_DIR, 'crds');
    if (!fs.existsSync(crds)) {
      throw new Error(`The pinned upstream CRD folder ${crds} is missing: this test regenerates schemas/chaos-mesh-crds.json from the chaos-mesh 2.8.2 CRDs to check that the committed bundle is current (set CHAOS_MESH_UPSTREAM to the folder that holds crds/).`);
    }
    const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'compile-schemas.mjs'), '--check'], {
      cwd: root,
      encoding: 'utf8',
      timeout: CHILD_TIMEOUT_MS,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
