import * as path from 'path';
import { KubeObject } from '../../../lib/kube-object';
import { coreModelFor, coreSchemaIssues, SchemaLoadError } from '../../../lib/lint/schema/core-schema';

/** The compiled validator a model module loads, as an absolute path (for jest.doMock). */
const validatorFile = (pkg: string, name: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), '_schemas', `${name}.js`);

describe('core-schema', () => {
  test('model modules are found by apiVersion and kind in the model packages', () => {
    expect(coreModelFor('apps/v1', 'Deployment')).toMatch(/[\\/]kubernetes-models[\\/]apps[\\/]v1[\\/]Deployment\.js$/);
    expect(path.isAbsolute(coreModelFor('apps/v1', 'Deployment')!)).toBe(true);
    expect(coreModelFor('v1', 'Namespace')).toMatch(/kubernetes-models[\\/]v1[\\/]Namespace\.js$/);
    expect(coreModelFor('argoproj.io/v1alpha1', 'Application')).toMatch(/@kubernetes-models[\\/]argo-cd[\\/]argoproj\.io[\\/]v1alpha1[\\/]Application\.js$/);
    expect(coreModelFor('example.com/v1', 'Widget')).toBeUndefined();
    expect(coreModelFor('../../etc', 'Passwd')).toBeUndefined();
    expect(coreModelFor('apps/v1', 'deployment')).toBeUndefined();
  });

  test('checks a modelled kind synchronously; a kind no package models has no result', () => {
    const deployment = (replicas: unknown): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas, selector: {}, template: {} } });
    expect(coreSchemaIssues(deployment(1))).toEqual([]);
    expect(coreSchemaIssues(deployment('three'))?.map((i) => i.path)).toEqual(['spec.replicas']);
    expect(coreSchemaIssues({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toBeUndefined();
    expect(coreSchemaIssues({ kind: 'NoApiVersion' })).toBeUndefined();
  });

  test('a validator that fails to load is a SchemaLoadError naming the kind and the module (first line of the reason only)', () => {
    jest.isolateModules(() => {
      jest.doMock(validatorFile('kubernetes-models', 'IoK8sApiCoreV1Namespace'), () => { throw new Error('cannot open IoK8sApiCoreV1Namespace.js\nRequire stack:\n- core-schema.js'); });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const core = require('../../../lib/lint/schema/core-schema') as typeof import('../../../lib/lint/schema/core-schema');
      const check = () => core.coreSchemaIssues({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } });
      expect(check).toThrow(core.SchemaLoadError);
      expect(check).toThrow(/^cannot load the Kubernetes schema of v1 Namespace \(\/.*[\\/]_schemas[\\/]IoK8sApiCoreV1Namespace\.js\): cannot open IoK8sApiCoreV1Namespace\.js$/);
      // other kinds still load
      expect(core.coreSchemaIssues({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } })).toEqual([]);
    });
  });

  test('a validator module without a validate export is a SchemaLoadError too', () => {
    jest.isolateModules(() => {
      jest.doMock(validatorFile('@kubernetes-models/argo-cd', 'ArgoprojIoV1alpha1AppProject'), () => ({}));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const core = require('../../../lib/lint/schema/core-schema') as typeof import('../../../lib/lint/schema/core-schema');
      expect(() => core.coreSchemaIssues({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name: 'p' } }))
        .toThrow(/^cannot load the Kubernetes schema of argoproj.io\/v1alpha1 AppProject \(.*ArgoprojIoV1alpha1AppProject\.js\): .*ArgoprojIoV1alpha1AppProject\.js has no "validate" export$/);
    });
  });

  test('SchemaLoadError is an Error with its own name', () => {
    const err = new SchemaLoadError('x');
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('SchemaLoadError');
  });
});
