import { checkSafety, SafetyAnnotations } from '../../../lib/safety';
import { complianceMatrix, only } from '../../fixtures/safety/matrix';
import { annotate, deployment, merge, networkChaos, podChaos, podKillSpec, stressChaos } from '../../fixtures/safety/objects';

complianceMatrix('CM007', {
  compliant: [deployment(), podChaos()],
  nonCompliant: [deployment(), podChaos(podKillSpec({ mode: 'all' }))],
  message: /mode "all" takes every replica at once/,
  path: 'spec.mode',
});

function cm007(...objects: Parameters<typeof checkSafety>[0]) {
  return only(checkSafety(objects), 'CM007');
}

describe('CM007', () => {
  test.each([
    ['one', undefined, 2, 0],
    ['all', undefined, 2, 1],
    ['fixed', '1', 2, 0],
    ['fixed', '2', 2, 1],
    ['fixed', '2', 3, 0],
    ['fixed', '5', 3, 1],
    ['fixed-percent', '50', 2, 0],
    ['fixed-percent', '99', 2, 0],
    ['fixed-percent', '100', 3, 1],
    ['random-max-percent', '100', 2, 1],
    ['random-max-percent', '60', 2, 0],
    ['fixed-percent', 'half', 2, 1],
  ])('mode %s value %s against %d replicas: %d finding(s)', (mode, value, replicas, count) => {
    const found = cm007(deployment({ spec: { replicas } }), podChaos(podKillSpec({ mode, value })));
    expect(found).toHaveLength(count);
  });

  test('each refusal explains itself', () => {
    expect(cm007(deployment(), podChaos(podKillSpec({ mode: 'fixed-percent', value: '100' })))[0].message).toMatch(/takes 100% of the replicas/);
    expect(cm007(deployment(), podChaos(podKillSpec({ mode: 'random-max-percent', value: '100' })))[0].message).toMatch(/can take 100% of the replicas/);
    expect(cm007(deployment(), podChaos(podKillSpec({ mode: 'fixed', value: '2' })))[0].message).toMatch(/reaches 2 of 2 replicas/);
  });

  test('a single replica is refused (Deployment default replicas is 1)', () => {
    const found = cm007(deployment({ spec: { replicas: undefined } }), podChaos());
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/targets 1 replica \(Deployment\/podinfo\/podinfo runs 1 replica\)/);
  });

  test('an HPA makes minReplicas the count to plan for', () => {
    const hpa = {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'podinfo', namespace: 'podinfo' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' }, minReplicas: 1, maxReplicas: 4 },
    };
    expect(cm007(deployment({ spec: { replicas: 3 } }), hpa, podChaos())[0].message).toMatch(/may scale Deployment\/podinfo\/podinfo down to 1/);
  });

  test('a DaemonSet target has an unknown pod count, which only a declaration can fill', () => {
    const ds = merge(deployment(), { kind: 'DaemonSet', spec: { replicas: undefined } });
    expect(cm007(ds, podChaos())[0].message).toMatch(/DaemonSet/);
    expect(cm007(ds, annotate(podChaos(), { [SafetyAnnotations.TARGET_REPLICAS]: '3' }))).toEqual([]);
    // a count the manifests show is never overridden by a declaration
    expect(cm007(deployment({ spec: { replicas: 1 } }), annotate(podChaos(), { [SafetyAnnotations.TARGET_REPLICAS]: '3' }))).toHaveLength(1);
  });

  test('declared replicas are used only when no workload matches', () => {
    expect(cm007(podChaos())[0].message).toMatch(/replica count is unknown/);
    const declared2 = annotate(podChaos(), { [SafetyAnnotations.TARGET_REPLICAS]: '2' });
    expect(cm007(declared2)).toEqual([]);
    expect(cm007(annotate(podChaos(), { [SafetyAnnotations.TARGET_REPLICAS]: '1' }))).toHaveLength(1);
    // a matching single-replica Deployment wins over a declared "2"
    expect(cm007(deployment({ spec: { replicas: 1 } }), declared2)).toHaveLength(1);
  });

  test('memory stress and pod-failure are covered; network delay is not', () => {
    expect(cm007(deployment({ spec: { replicas: 1 } }), stressChaos())).toHaveLength(1);
    expect(cm007(deployment(), podChaos(podKillSpec({ action: 'pod-failure', mode: 'all', duration: '1m' })))).toHaveLength(1);
    expect(cm007(deployment({ spec: { replicas: 1 } }), networkChaos())).toEqual([]);
  });
});
