import { checkSafety, SafetyAnnotations } from '../../../lib/safety';
import { complianceMatrix, only } from '../../fixtures/safety/matrix';
import {
  annotate, chaosObject, deployment, merge, networkChaos, networkDelaySpec, podChaos, podFaultSpec, podKillSpec, stressChaos,
} from '../../fixtures/safety/objects';

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

describe('CM007: every fault that can stop a replica from serving', () => {
  const single = () => deployment({ spec: { replicas: 1 } });
  const cpuLimited = (cpu: string) => deployment({ spec: { template: { spec: { containers: [{ name: 'podinfo', resources: { limits: { memory: '256Mi', cpu } } }] } } } });
  const io = (patch: Record<string, unknown>) => chaosObject('IOChaos', podFaultSpec({ action: 'fault', volumePath: '/data', errno: 5, ...patch }));

  test.each([
    ['NetworkChaos partition', networkChaos(networkDelaySpec({ action: 'partition', delay: undefined, direction: 'to', mode: 'one' })), /\(network partition\)/],
    ['NetworkChaos loss 100', networkChaos(networkDelaySpec({ action: 'loss', delay: undefined, loss: { loss: '100' }, mode: 'one' })), /\(100% packet loss\)/],
    ['NetworkChaos corrupt 100', networkChaos(networkDelaySpec({ action: 'corrupt', delay: undefined, corrupt: { corrupt: '100' }, mode: 'one' })), /\(100% packet corruption\)/],
    ['IOChaos fault, percent defaulted to 100', io({}), /\(IOChaos fault on every call\)/],
    ['IOChaos fault at 100', io({ percent: 100 }), /IOChaos fault on every call/],
    ['HTTPChaos abort', chaosObject('HTTPChaos', podFaultSpec({ target: 'Request', port: 9898, abort: true })), /\(HTTPChaos abort\)/],
    ['JVMChaos memory stress', chaosObject('JVMChaos', podFaultSpec({ action: 'stress', memType: 'heap' })), /\(JVM memory stress\)/],
    ['JVMChaos gc', chaosObject('JVMChaos', podFaultSpec({ action: 'gc' })), /garbage collection stall/],
    ['JVMChaos ruleData', chaosObject('JVMChaos', podFaultSpec({ action: 'ruleData', ruleData: 'RULE x' })), /Byteman rule/],
    ['StressChaos stress-ng options', stressChaos(podFaultSpec({ stressngStressors: '--vm 1 --vm-bytes 1G' })), /\(memory stress\)/],
  ])('%s is covered: refused against a single replica', (_, chaos, message) => {
    const found = cm007(single(), chaos as any);
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(message);
    expect(cm007(deployment(), chaos as any)).toEqual([]);
  });

  test.each([
    ['NetworkChaos loss 99', networkChaos(networkDelaySpec({ action: 'loss', delay: undefined, loss: { loss: '99' }, mode: 'one' }))],
    ['NetworkChaos delay', networkChaos(networkDelaySpec({ mode: 'one' }))],
    ['IOChaos fault at 50%', io({ percent: 50 })],
    ['IOChaos latency', io({ action: 'latency', delay: '100ms', errno: undefined })],
    ['HTTPChaos delay', chaosObject('HTTPChaos', podFaultSpec({ target: 'Request', port: 9898, delay: '1s' }))],
    ['JVMChaos latency on one method', chaosObject('JVMChaos', podFaultSpec({ action: 'latency', class: 'A', method: 'b', latency: 1000 }))],
    ['JVMChaos exception on one method', chaosObject('JVMChaos', podFaultSpec({ action: 'exception', class: 'A', method: 'b', exception: 'java.io.IOException' }))],
    ['TimeChaos', chaosObject('TimeChaos', podFaultSpec({ timeOffset: '-10m' }))],
  ])('%s degrades without taking the replica out: not covered', (_, chaos) => {
    expect(cm007(single(), chaos as any)).toEqual([]);
  });

  describe('CPU stress saturates when workers x load reaches the smallest CPU limit of the targeted containers', () => {
    const cpu = (workers: number, load?: number, options?: string[]) => stressChaos(podFaultSpec({ stressors: { cpu: { workers, load, options } } }));
    test.each([
      ['1 worker at 100% against 1 CPU', '1', cpu(1, 100), 1],
      ['1 worker, load left to the stress-ng default (100%), against 1 CPU', '1', cpu(1), 1],
      ['1 worker at 50% against 500m', '500m', cpu(1, 50), 1],
      ['1 worker at 49% against 500m', '500m', cpu(1, 49), 0],
      ['2 workers at 50% against 1 CPU', '1', cpu(2, 50), 1],
      ['1 worker at 100% against 2 CPUs', '2', cpu(1, 100), 0],
      ['3 workers at 100% against 2 CPUs', '2', cpu(3, 100), 1],
      ['--cpu-load 30 in options overrides load 100 (stress-ng takes the last)', '500m', cpu(1, 100, ['--cpu-load', '30']), 0],
      ['--cpu-load=60 in options', '500m', cpu(1, 10, ['--cpu-load=60']), 1],
    ])('%s (limit %s): %d finding(s) against a single replica', (_, limit, chaos, count) => {
      expect(cm007(merge(cpuLimited(limit), { spec: { replicas: 1 } }), chaos)).toHaveLength(count);
    });

    test('a target without a CPU limit counts as saturated, and the message says why', () => {
      const found = cm007(single(), cpu(1, 10));
      expect(found).toHaveLength(1);
      expect(found[0].message).toMatch(/CPU stress of 1 worker at 10% against a target without a known CPU limit/);
    });

    test('a saturating stress names the limit and where it comes from', () => {
      const found = cm007(merge(cpuLimited('500m'), { spec: { replicas: 1 } }), cpu(1, 100));
      expect(found[0].message).toMatch(/CPU stress of 1 worker at 100% \(1000m\) saturating the CPU limit 500m of Deployment\/podinfo\/podinfo container "podinfo"/);
    });

    test('JVM CPU stress: cpuCount busy threads, one core each', () => {
      const jvm = (cpuCount: number) => chaosObject('JVMChaos', podFaultSpec({ action: 'stress', cpuCount }));
      expect(cm007(merge(cpuLimited('2'), { spec: { replicas: 1 } }), jvm(1))).toEqual([]);
      expect(cm007(merge(cpuLimited('2'), { spec: { replicas: 1 } }), jvm(2))[0].message).toMatch(/2 JVM threads at 100%/);
    });
  });

  test('the mode rules hold for the new faults too', () => {
    const partitionAll = networkChaos(networkDelaySpec({ action: 'partition', delay: undefined, direction: 'to' }));
    expect(cm007(deployment(), partitionAll)[0].message).toMatch(/mode "all" takes every replica/);
  });

  test('odd input never throws', () => {
    const odd = [
      networkChaos({ action: 'loss', loss: 'all', selector: 5 }),
      chaosObject('IOChaos', { action: 'fault', percent: 'x' }),
      stressChaos({ stressors: { cpu: { workers: 'two', options: [1, null] } } }),
      chaosObject('JVMChaos', { action: 'stress', cpuCount: -1, memType: '' }),
    ];
    expect(() => checkSafety([deployment(), ...odd])).not.toThrow();
    expect(checkSafety([deployment(), ...odd]).filter((f) => f.rule === 'CM007' && /could not check/.test(f.message))).toEqual([]);
  });
});

describe('CM007 across the branches of a Parallel template (a GameDay parallel step)', () => {
  const parallel = (...children: Record<string, unknown>[]) => ({
    apiVersion: 'chaos-mesh.org/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'gameday', namespace: 'chaos-mesh', annotations: { [SafetyAnnotations.TARGET_REPLICAS]: '2', [SafetyAnnotations.TARGET_MEMORY_LIMIT]: '256Mi' } },
    spec: {
      entry: 'both',
      templates: [{ name: 'both', templateType: 'Parallel', deadline: '2m', children: children.map((c) => c.name) }, ...children],
    },
  });
  const kill = (name: string, selector: unknown) => ({ name, templateType: 'PodChaos', deadline: '2m', podChaos: { action: 'pod-kill', mode: 'one', selector } });
  const failure = (name: string, selector: unknown) => ({ name, templateType: 'PodChaos', deadline: '2m', podChaos: { action: 'pod-failure', mode: 'one', selector } });
  const selector = (labels: Record<string, string>, namespaces = ['podinfo']) => ({ namespaces, labelSelectors: labels });
  const podinfo = { 'app.kubernetes.io/name': 'podinfo' };

  test('two outages that can share pods take both replicas together', () => {
    const found = cm007(parallel(kill('a', selector(podinfo)), failure('b', selector(podinfo))));
    expect(found.map((f) => [f.path, f.message])).toEqual([['spec.templates[2].podChaos.selector',
      'PodChaos at spec.templates[1].podChaos (pod-kill) and PodChaos at spec.templates[2].podChaos (pod-failure) run at the same '
      + 'time (branches of Parallel template "both") and can reach the same pods: together they can take 2 of 2 replicas, leaving none serving.']]);
  });

  test('a selector narrower than the other can still share pods (labels that do not contradict)', () => {
    expect(cm007(parallel(kill('a', selector(podinfo)), failure('b', selector({ ...podinfo, tier: 'web' }))))).toHaveLength(1);
  });

  test('contradicting labels, other namespaces, or workloads in the set that differ cannot share pods', () => {
    expect(cm007(parallel(kill('a', selector({ app: 'a' })), failure('b', selector({ app: 'b' }))))).toEqual([]);
    expect(cm007(parallel(kill('a', selector(podinfo)), failure('b', selector(podinfo, ['other']))))).toEqual([]);
    const other = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'other', namespace: 'podinfo' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'other' } }, template: { metadata: { labels: { app: 'other' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
    };
    expect(cm007(deployment(), other, parallel(kill('a', selector(podinfo)), failure('b', selector({ app: 'other' }))))).toEqual([]);
  });

  test('the same faults one after the other (a Serial) are not concurrent', () => {
    const serial = parallel(kill('a', selector(podinfo)), failure('b', selector(podinfo)));
    (serial.spec.templates[0] as any).templateType = 'Serial';
    expect(cm007(serial)).toEqual([]);
  });

  test('chaos nested under Serial branches of the Parallel counts as concurrent', () => {
    const obj = parallel({ name: 'left', templateType: 'Serial', deadline: '2m', children: ['a'] }, failure('b', selector(podinfo)));
    obj.spec.templates.push(kill('a', selector(podinfo)));
    expect(cm007(obj).map((f) => f.message)).toEqual([expect.stringMatching(/spec\.templates\[3\]\.podChaos \(pod-kill\) and PodChaos at spec\.templates\[2\]/)]);
  });

  const onThree = (obj: ReturnType<typeof parallel>) => {
    obj.metadata.annotations[SafetyAnnotations.TARGET_REPLICAS] = '3';
    return obj;
  };

  test('three branches taking one pod each take all three replicas together, and the finding names all three', () => {
    const found = cm007(onThree(parallel(kill('a', selector(podinfo)), failure('b', selector(podinfo)), kill('c', selector(podinfo)))));
    expect(found.map((f) => [f.path, f.message])).toEqual([['spec.templates[3].podChaos.selector',
      'PodChaos at spec.templates[1].podChaos (pod-kill), PodChaos at spec.templates[2].podChaos (pod-failure) and PodChaos at '
      + 'spec.templates[3].podChaos (pod-kill) run at the same time (branches of Parallel template "both") and can reach the same pods: '
      + 'together they can take 3 of 3 replicas, leaving none serving.']]);
    expect(found[0].fix).toMatch(/^Run them one after the other .*lower a mode so that together they reach at most 2, .*more than 3 replicas\.$/);
  });

  test('two branches taking one pod each leave one of three serving', () => {
    expect(cm007(onThree(parallel(kill('a', selector(podinfo)), failure('b', selector(podinfo)))))).toEqual([]);
  });

  test('a Serial branch counts its largest fault at any moment, Parallel branches add up', () => {
    const serial = (name: string, children: string[]) => ({ name, templateType: 'Serial', deadline: '4m', children });
    const fixedTwo = { ...kill('b', selector(podinfo)), podChaos: { action: 'pod-kill', mode: 'fixed', value: '2', selector: selector(podinfo) } };
    const inSeries = onThree(parallel(serial('left', ['a', 'b']), failure('c', selector(podinfo))));
    inSeries.spec.templates.push(kill('a', selector(podinfo)), kill('b', selector(podinfo)));
    expect(cm007(inSeries)).toEqual([]);
    const larger = onThree(parallel(serial('left', ['a', 'b']), failure('c', selector(podinfo))));
    larger.spec.templates.push(kill('a', selector(podinfo)), fixedTwo);
    expect(cm007(larger).map((f) => f.message)).toEqual([expect.stringMatching(
      /^PodChaos at spec\.templates\[4\]\.podChaos \(pod-kill\) and PodChaos at spec\.templates\[2\]\.podChaos \(pod-failure\) run .*"both".*3 of 3/)]);
    const nested = onThree(parallel(serial('left', ['inner']), failure('c', selector(podinfo))));
    nested.spec.templates.push({ name: 'inner', templateType: 'Parallel', deadline: '2m', children: ['a', 'b'] } as any,
      kill('a', selector(podinfo)), kill('b', selector(podinfo)));
    expect(cm007(nested).map((f) => f.message)).toEqual([expect.stringMatching(
      /^PodChaos at spec\.templates\[4\].*, PodChaos at spec\.templates\[5\].* and PodChaos at spec\.templates\[2\].*"both".*3 of 3/)]);
  });
});
