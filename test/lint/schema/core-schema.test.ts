import { KubeObject } from '../../../lib/kube-object';
import { coreModelFor, CoreModels, SchemaLoadError } from '../../../lib/lint/schema/core-schema';

describe('core-schema', () => {
  test('model modules are found by apiVersion and kind in the model packages', () => {
    expect(coreModelFor('apps/v1', 'Deployment')).toMatch(/^file:.*kubernetes-models\/apps\/v1\/Deployment\.js$/);
    expect(coreModelFor('v1', 'Namespace')).toMatch(/kubernetes-models\/v1\/Namespace\.js$/);
    expect(coreModelFor('argoproj.io/v1alpha1', 'Application')).toMatch(/@kubernetes-models\/argo-cd\/argoproj\.io\/v1alpha1\/Application\.js$/);
    expect(coreModelFor('example.com/v1', 'Widget')).toBeUndefined();
    expect(coreModelFor('../../etc', 'Passwd')).toBeUndefined();
    expect(coreModelFor('apps/v1', 'deployment')).toBeUndefined();
  });

  test('load imports the schemas of the kinds given; check validates synchronously', async () => {
    const deployment = (replicas: unknown): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas, selector: {}, template: {} } });
    const models = await CoreModels.load([deployment(1), { apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'PodChaos' }, { kind: 'NoApiVersion' }]);
    expect(models.check(deployment(1))).toEqual([]);
    expect(models.check(deployment('three')).map((i) => i.path)).toEqual(['spec.replicas']);
    // a kind that was not loaded is a programming error, said plainly
    expect(() => models.check({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } }))
      .toThrow('CoreModels.check: the schema of v1/Namespace was not loaded; pass the object to CoreModels.load first');
  });

  test('an import that fails is a SchemaLoadError naming the kind and the module', async () => {
    await jest.isolateModulesAsync(async () => {
      jest.doMock('../../../lib/lint/schema/_import-esm', () => ({ importEsm: (url: string) => Promise.reject(new Error(`cannot open ${url.split('/').pop()}`)) }));
      const core = await import('../../../lib/lint/schema/core-schema');
      const load = core.CoreModels.load([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } }]);
      await expect(load).rejects.toBeInstanceOf(core.SchemaLoadError);
      await expect(load).rejects.toThrow(/^cannot load the Kubernetes schema of v1 Namespace \(file:.*\/_schemas\/IoK8sApiCoreV1Namespace\.js\): cannot open IoK8sApiCoreV1Namespace\.js$/);
    });
  });

  test('a module without a validate export is a SchemaLoadError too', async () => {
    await jest.isolateModulesAsync(async () => {
      jest.doMock('../../../lib/lint/schema/_import-esm', () => ({ importEsm: () => Promise.resolve({}) }));
      const core = await import('../../../lib/lint/schema/core-schema');
      await expect(core.CoreModels.load([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }])).rejects.toThrow(/has no "validate" export$/);
    });
  });

  test('SchemaLoadError is an Error with its own name', () => {
    const err = new SchemaLoadError('x');
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('SchemaLoadError');
  });
});
