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
});
