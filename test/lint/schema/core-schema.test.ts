import { KubeObject } from '../../../lib/kube-object';
import { checkCoreObject, coreModelFor, prefetchCoreValidation } from '../../../lib/lint/schema/core-schema';

describe('core-schema', () => {
  test('model modules are found by apiVersion and kind in the model packages', () => {
    expect(coreModelFor('apps/v1', 'Deployment')).toMatch(/^file:.*kubernetes-models\/apps\/v1\/Deployment\.js$/);
    expect(coreModelFor('v1', 'Namespace')).toMatch(/kubernetes-models\/v1\/Namespace\.js$/);
    expect(coreModelFor('argoproj.io/v1alpha1', 'Application')).toMatch(/@kubernetes-models\/argo-cd\/argoproj\.io\/v1alpha1\/Application\.js$/);
    expect(coreModelFor('example.com/v1', 'Widget')).toBeUndefined();
    expect(coreModelFor('../../etc', 'Passwd')).toBeUndefined();
    expect(coreModelFor('apps/v1', 'deployment')).toBeUndefined();
  });

  test('objects sent ahead in batches get the same answers as objects checked one by one', () => {
    const file = coreModelFor('apps/v1', 'Deployment')!;
    const make = (i: number): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `d${i}` },
      spec: { replicas: i % 3 === 0 ? 'three' : i, selector: {}, template: {} },
    });
    const ahead = Array.from({ length: 120 }, (_, i) => make(i));
    for (const obj of ahead) prefetchCoreValidation(obj);
    const fromPrefetch = ahead.map((obj) => checkCoreObject(obj as Record<string, unknown>, file));
    const direct = ahead.map((_, i) => checkCoreObject(make(i) as Record<string, unknown>, file));
    expect(fromPrefetch).toEqual(direct);
    expect(fromPrefetch.filter((r) => Array.isArray(r) && r.length > 0)).toHaveLength(40);
    // checking the same object again still works (a fresh request)
    expect(checkCoreObject(ahead[0] as Record<string, unknown>, file)).toEqual(direct[0]);
  });
});
