import { KubeObject } from '../../lib/kube-object';
import { ackAnnotation, checkSafety, RULES, SafetyRule } from '../../lib/safety';
import { only } from '../fixtures/safety/matrix';
import {
  annotate, bareSchedule, boundedScheduleWorkflow, chartApplication, deployment, GOOD_REASON, memoryStressSpec, networkChaos,
  podChaos, safeValues, stressChaos, stressWorkflow,
} from '../fixtures/safety/objects';

/** The reference validation, written safely: everything passes. */
function referenceSet(): KubeObject[] {
  return [
    chartApplication(safeValues()),
    deployment(),
    boundedScheduleWorkflow({}, {}, { name: 'podinfo-kill' }),
    networkChaos(),
    stressWorkflow(),
  ];
}

describe('checkSafety', () => {
  test('the reference validation, made safe, has no finding at all', () => {
    expect(checkSafety(referenceSet())).toEqual([]);
  });

  test('findings carry the object, path, and the very source object (for construct paths)', () => {
    const chaos = stressChaos(memoryStressSpec('1GB'));
    const [f] = only(checkSafety([deployment(), chaos]), 'CM002');
    expect(f.object).toBe('StressChaos/chaos-mesh/podinfo-memory-stress');
    expect(f.source).toBe(chaos);
  });

  test('a rule that throws becomes an error finding naming the exception, on the object it cannot read', () => {
    const broken: SafetyRule = {
      id: 'CM001', title: 'Broken', severity: 'error', description: 'throws on StressChaos',
      check: (ctx) => {
        for (const c of ctx.chaos) if (c.kind === 'StressChaos') throw new TypeError('cannot read "size" of undefined');
        return [];
      },
    };
    const chaos = stressChaos();
    const findings = checkSafety([deployment(), chaos], {}, [broken, ...RULES.slice(1)]);
    const f = only(findings, 'CM001');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', source: chaos, object: 'StressChaos/chaos-mesh/podinfo-memory-stress' });
    expect(f[0].message).toMatch(/Rule CM001 \(Broken\) could not check this object and failed with TypeError: cannot read "size" of undefined/);
    // the other rules still ran
    expect(findings.every((x) => x.rule === 'CM001')).toBe(true);
  });

  test('a rule that throws only across objects is a finding about the whole set', () => {
    const crossObject: SafetyRule = {
      id: 'CM002', title: 'Pairs', severity: 'error', description: 'throws with two objects',
      check: (ctx) => { if (ctx.objects.length > 1) throw new Error('boom'); return []; },
    };
    const [f] = checkSafety([deployment(), stressChaos()], {}, [crossObject]);
    expect(f).toMatchObject({ rule: 'CM002', severity: 'error', object: '(all objects)' });
    expect(f.message).toMatch(/Error: boom/);
  });

  test('malformed objects never crash the engine', () => {
    const weird = [
      { apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'StressChaos', metadata: { name: 'x' }, spec: { stressors: { memory: 'lots' }, selector: 'all' } },
      { apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'Workflow', metadata: { name: 'w' }, spec: { templates: [null, 3, { templateType: 'Schedule', schedule: 'x' }] } },
      { apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'Schedule', metadata: { name: 's' }, spec: null },
      { kind: 'Deployment' },
      deployment({ metadata: { namespace: 'a' } }),
      { apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'PodChaos', metadata: { name: 'p' }, spec: { action: 'pod-kill', mode: 'one', selector: { namespaces: ['a'], expressionSelectors: [{ key: 'k', operator: 'Bogus' }] } } },
    ] as KubeObject[];
    const findings = checkSafety(weird);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.some((f) => /Bogus/.test(f.message))).toBe(true);
  });

  test('order is deterministic: object input order, then rule, then path', () => {
    const objects = [
      networkChaos(undefined, { name: 'b' }),
      stressChaos(memoryStressSpec('1GB', 0), { name: 'a' }),
      bareSchedule(),
    ];
    const findings = checkSafety(objects);
    const keys = findings.map((f) => `${objects.indexOf(f.source!)} ${f.rule} ${f.path}`);
    const sorted = [...findings].sort((x, y) => objects.indexOf(x.source!) - objects.indexOf(y.source!)
      || (x.rule < y.rule ? -1 : x.rule > y.rule ? 1 : 0) || (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
    expect(keys).toEqual(sorted.map((f) => `${objects.indexOf(f.source!)} ${f.rule} ${f.path}`));
    expect(checkSafety(objects)).toEqual(findings);
  });

  test('acknowledged errors do not block and stay in the output', () => {
    const chaos = annotate(stressChaos(memoryStressSpec('1GB')), { [ackAnnotation('CM002')]: GOOD_REASON });
    const findings = checkSafety([deployment(), chaos]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'CM002', severity: 'error', acknowledged: true, ackReason: GOOD_REASON });
  });

  test('an acknowledgement covers only its own object', () => {
    const acked = annotate(podChaos(undefined, { name: 'a' }), { [ackAnnotation('CM007')]: GOOD_REASON });
    const other = podChaos(undefined, { name: 'b' });
    const findings = only(checkSafety([deployment({ spec: { replicas: 1 } }), acked, other]), 'CM007');
    expect(findings.map((f) => [f.object, f.acknowledged === true])).toEqual([
      ['PodChaos/chaos-mesh/a', true],
      ['PodChaos/chaos-mesh/b', false],
    ]);
  });

  test('an acknowledgement of an unknown rule is a warning', () => {
    const findings = checkSafety([annotate(networkChaos(), { [ackAnnotation('CM099')]: GOOD_REASON })]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'CM099', severity: 'warning' });
  });

  test('schema and admission findings cannot be acknowledged: the cluster enforces them whatever the annotations say', () => {
    for (const rule of ['schema', 'admission']) {
      const findings = checkSafety([annotate(networkChaos(), { [ackAnnotation(rule)]: GOOD_REASON })]);
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ rule, severity: 'warning', message: expect.stringMatching(/has no effect/) });
    }
  });

  test('all three forms of chaos are seen by every rule: standalone, Schedule, Workflow template', () => {
    const unbounded = { ...networkChaos().spec, duration: undefined, selector: { namespaces: ['kube-system'] } };
    const standalone = networkChaos(unbounded);
    const scheduled = bareSchedule({ spec: { type: 'NetworkChaos', podChaos: undefined, networkChaos: unbounded } });
    const inWorkflow = boundedScheduleWorkflow({ type: 'NetworkChaos', podChaos: undefined, networkChaos: unbounded }, { deadline: undefined });
    const findings = checkSafety([standalone, scheduled, inWorkflow]);
    for (const rule of ['CM003', 'CM005', 'CM006']) {
      expect(only(findings, rule).map((f) => f.object)).toEqual(expect.arrayContaining([
        'NetworkChaos/chaos-mesh/podinfo-latency', 'Schedule/chaos-mesh/podinfo-kill', 'Workflow/chaos-mesh/podinfo-experiment',
      ]));
    }
  });
});
