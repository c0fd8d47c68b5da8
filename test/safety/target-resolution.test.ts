import { KubeObject } from '../../lib/kube-object';
import { matchesLabelSelector, resolveChaosTarget, SafetyAnnotations, TargetSource, walkChaos } from '../../lib/safety';
import { annotate, deployment, memoryStressSpec, merge, stressChaos, stressWorkflow } from '../fixtures/safety/objects';

function target(objects: KubeObject[]) {
  const chaos = walkChaos(objects).chaos[0];
  return resolveChaosTarget(objects, chaos);
}

describe('matchesLabelSelector', () => {
  const labels = { app: 'podinfo', tier: 'web' };
  test.each([
    [{ labelSelectors: { app: 'podinfo' } }, true],
    [{ labelSelectors: { app: 'other' } }, false],
    [{ expressionSelectors: [{ key: 'app', operator: 'In', values: ['podinfo', 'x'] }] }, true],
    [{ expressionSelectors: [{ key: 'app', operator: 'In', values: ['x'] }] }, false],
    [{ expressionSelectors: [{ key: 'app', operator: 'NotIn', values: ['x'] }] }, true],
    [{ expressionSelectors: [{ key: 'missing', operator: 'NotIn', values: ['x'] }] }, true],
    [{ expressionSelectors: [{ key: 'app', operator: 'NotIn', values: ['podinfo'] }] }, false],
    [{ expressionSelectors: [{ key: 'tier', operator: 'Exists' }] }, true],
    [{ expressionSelectors: [{ key: 'missing', operator: 'Exists' }] }, false],
    [{ expressionSelectors: [{ key: 'missing', operator: 'DoesNotExist' }] }, true],
    [{ expressionSelectors: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
    [{ labelSelectors: { app: 'podinfo' }, expressionSelectors: [{ key: 'tier', operator: 'In', values: ['db'] }] }, false],
    [{}, true],
  ])('%j -> %s', (selector, expected) => {
    expect(matchesLabelSelector(labels, selector)).toBe(expected);
  });

  test('an unknown operator is refused with a clear message', () => {
    expect(() => matchesLabelSelector(labels, { expressionSelectors: [{ key: 'app', operator: 'Like' }] }))
      .toThrow(/expressionSelectors\[0\].*one of In, NotIn, Exists, DoesNotExist/);
  });
});

describe('resolveChaosTarget across the object set', () => {
  test('a StressChaos matches the Deployment by namespace and pod-template labels', () => {
    const t = target([deployment(), stressChaos()]);
    expect(t.source).toBe(TargetSource.WORKLOADS);
    expect(t.replicas).toBe(2);
    expect(t.memoryLimit).toMatchObject({ bytes: 268435456n, text: '256Mi' });
  });

  test('another namespace or other labels do not match', () => {
    expect(target([deployment({ metadata: { namespace: 'other' } }), stressChaos()]).source).toBe(TargetSource.NONE);
    expect(target([deployment({ spec: { template: { metadata: { labels: { 'app.kubernetes.io/name': 'x' } } } } }), stressChaos()]).source).toBe(TargetSource.NONE);
  });

  test('StatefulSets, ReplicaSets, DaemonSets and Pods are workloads too', () => {
    expect(target([merge(deployment(), { kind: 'StatefulSet', spec: { replicas: 3 } }), stressChaos()]).replicas).toBe(3);
    expect(target([merge(deployment(), { kind: 'ReplicaSet', spec: { replicas: undefined } }), stressChaos()]).replicas).toBe(1);
    const ds = target([merge(deployment(), { kind: 'DaemonSet' }), stressChaos()]);
    expect(ds.source).toBe(TargetSource.WORKLOADS);
    expect(ds.replicas).toBeUndefined();
    const pod: KubeObject = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'podinfo-0', namespace: 'podinfo', labels: { 'app.kubernetes.io/name': 'podinfo' } },
      spec: { containers: [{ name: 'podinfo', resources: { limits: { memory: '0.5Gi' } } }] },
    };
    expect(target([pod, stressChaos()]).memoryLimit?.bytes).toBe(536870912n);
  });

  test('replicas add up over matched workloads, pods owned by a matched workload are counted once', () => {
    const canary = deployment({ metadata: { name: 'podinfo-canary' }, spec: { replicas: 1 } });
    expect(target([deployment(), canary, stressChaos()]).replicas).toBe(3);
    const rs = merge(deployment(), { kind: 'ReplicaSet', metadata: { name: 'podinfo-abc', ownerReferences: [{ kind: 'Deployment', name: 'podinfo' }] } });
    expect(target([deployment(), rs, stressChaos()]).replicas).toBe(2);
  });

  test('the smallest limit among targeted containers of all matched workloads', () => {
    const canary = deployment({ metadata: { name: 'podinfo-canary' } }, '200Mi');
    const t = target([deployment(), canary, stressChaos()]);
    expect(t.memoryLimit).toMatchObject({ text: '200Mi', from: 'Deployment/podinfo/podinfo-canary container "podinfo"' });
  });

  test('expressionSelectors take part in matching', () => {
    const spec = { ...memoryStressSpec(), selector: { namespaces: ['podinfo'], expressionSelectors: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['podinfo'] }] } };
    expect(target([deployment(), stressChaos(spec)]).source).toBe(TargetSource.WORKLOADS);
    const notIn = { ...spec, selector: { ...spec.selector, expressionSelectors: [{ key: 'app.kubernetes.io/name', operator: 'NotIn', values: ['podinfo'] }] } };
    expect(target([deployment(), stressChaos(notIn)]).source).toBe(TargetSource.NONE);
  });

  test('a selector without namespaces searches the chaos object\'s own namespace', () => {
    const spec = { ...memoryStressSpec(), selector: { labelSelectors: { 'app.kubernetes.io/name': 'podinfo' } } };
    expect(target([deployment(), stressChaos(spec)]).source).toBe(TargetSource.NONE);
    expect(target([deployment(), stressChaos(spec, { namespace: 'podinfo' })]).source).toBe(TargetSource.WORKLOADS);
  });

  test('declared annotations are used only when no workload matches', () => {
    const declared = annotate(stressChaos(), {
      [SafetyAnnotations.TARGET_MEMORY_LIMIT]: '1Gi',
      [SafetyAnnotations.TARGET_REPLICAS]: '5',
    });
    const alone = target([declared]);
    expect(alone).toMatchObject({ source: TargetSource.DECLARED, replicas: 5 });
    expect(alone.memoryLimit?.bytes).toBe(1073741824n);
    const withWorkload = target([deployment(), declared]);
    expect(withWorkload).toMatchObject({ source: TargetSource.WORKLOADS, replicas: 2 });
    expect(withWorkload.memoryLimit?.bytes).toBe(268435456n);
  });

  test('Workflow chaos reads the declared facts from the Workflow metadata', () => {
    const wf = stressWorkflow(undefined, undefined, { annotations: { [SafetyAnnotations.TARGET_REPLICAS]: '2' } });
    expect(target([wf])).toMatchObject({ source: TargetSource.DECLARED, replicas: 2 });
  });

  test('pods selects exactly the named pods and ignores the other selectors', () => {
    const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p1', namespace: 'podinfo' }, spec: { containers: [{ name: 'c' }] } };
    const spec = { ...memoryStressSpec(), selector: { pods: { podinfo: ['p1'] }, labelSelectors: { nope: 'x' } } };
    const t = target([pod, deployment(), stressChaos(spec)]);
    expect(t.workloads).toEqual([pod]);
    expect(t.missingLimits.map((c) => c.name)).toEqual(['c']);
  });
});
