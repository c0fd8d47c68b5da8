import { checkManifests } from '../../lib/check';
import { ackAnnotation } from '../../lib/safety';
import { annotate, chartApplication, deployment, GOOD_REASON, memoryStressSpec, podChaos, podKillSpec, safeValues, stressChaos } from '../fixtures/safety/objects';

describe('checkManifests', () => {
  test('a safe set has no finding', () => {
    expect(checkManifests([chartApplication(safeValues()), deployment(), stressChaos()])).toEqual([]);
  });

  test('an action outside the CRD enum is one schema finding: the admission finding on that path is left out', () => {
    const chaos = podChaos(podKillSpec({ action: 'pod-explode' }));
    const onAction = checkManifests([deployment(), chaos]).filter((f) => f.path === 'spec.action');
    expect(onAction.map((f) => [f.rule, f.severity])).toEqual([['schema', 'error']]);
    expect(onAction[0].source).toBe(chaos);
  });

  test('schema, admission, chart values and safety rules all run, sorted by object then rule', () => {
    const app = chartApplication(safeValues({ dashboard: { serviceType: 'ClusterIP' } }));
    const chaos = stressChaos(memoryStressSpec('1GB', 0));
    const findings = checkManifests([app, deployment(), chaos]);
    expect(findings.map((f) => `${f.object} ${f.rule} ${f.path}`)).toEqual([
      'Application/argocd/chaos-mesh schema spec.source.helm.valuesObject.dashboard.serviceType',
      'StressChaos/chaos-mesh/podinfo-memory-stress CM002 spec.stressors.memory.size',
      'StressChaos/chaos-mesh/podinfo-memory-stress CM010 spec.stressors.memory.workers',
    ]);
  });

  test('acknowledgements apply to safety findings; an acknowledgement of schema is a warning that changes nothing', () => {
    const chaos = annotate(stressChaos(memoryStressSpec('1GB')), { [ackAnnotation('CM002')]: GOOD_REASON, [ackAnnotation('schema')]: GOOD_REASON });
    const findings = checkManifests([deployment(), chaos]);
    expect(findings.find((f) => f.rule === 'CM002')).toMatchObject({ acknowledged: true, ackReason: GOOD_REASON });
    const schemaAck = findings.find((f) => f.rule === 'schema');
    expect(schemaAck).toMatchObject({ severity: 'warning', path: `metadata.annotations["${ackAnnotation('schema')}"]` });
    expect(schemaAck!.acknowledged).toBeFalsy();
  });

  test.each<[string, unknown, string]>([
    ['null', null, 'null'],
    ['undefined', undefined, 'null'],
    ['a number', 3, 'the number 3'],
    ['a string', 'kind: Pod', 'the string "kind: Pod"'],
    ['a list', [deployment()], 'a list'],
    ['a boolean', true, 'the boolean true'],
  ])('an element that is %s is an input error naming its index; the other elements are still checked', (_name, bad, described) => {
    const unsafe = stressChaos(memoryStressSpec('1GB'));
    const findings = checkManifests([deployment(), bad as any, unsafe]);
    expect(findings[0]).toEqual({
      rule: 'input', severity: 'error', object: 'element 1', path: '',
      message: `element 1 of the list is ${described}, not a mapping: a Kubernetes object must be an object with apiVersion and kind; it was not checked.`,
      fix: 'Pass only Kubernetes objects: parsed YAML documents that are mappings (loadManifests reads files so).',
    });
    expect(findings.slice(1).map((f) => `${f.rule} ${f.object}`)).toEqual(['CM002 StressChaos/chaos-mesh/podinfo-memory-stress']);
  });

  test('a list that is not a list is one input error, not a stack trace', () => {
    expect(checkManifests(null as any).map((f) => [f.rule, f.message])).toEqual([
      ['input', 'the objects to check are null, not a list; it was not checked.'],
    ]);
  });
});
