import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CrdSchemas } from '../../../lib/lint/schema/crd-schemas';

const root = path.join(__dirname, '..', '..', '..');
const upstream = process.env.CHAOS_MESH_UPSTREAM ?? path.join(root, '..', 'shared', 'chaos-mesh-v2.8.2');

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

  // The upstream CRDs are outside the repository; where they are absent, the freshness check
  // cannot run (the committed bundle is then what everything else is tested against).
  (fs.existsSync(path.join(upstream, 'crds')) ? test : test.skip)('the committed bundle is what scripts/compile-schemas.mjs generates', () => {
    const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'compile-schemas.mjs'), '--check'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 20000,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
