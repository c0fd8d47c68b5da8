import { ackAnnotation, checkSafety, SafetyError } from '../../lib/safety';
import { annotate, bareSchedule, deployment, GOOD_REASON, memoryStressSpec, networkChaos, stressChaos } from '../fixtures/safety/objects';

describe('SafetyError', () => {
  test('its message lists every blocking finding with rule, object, construct path, field and fix', () => {
    const chaos = stressChaos(memoryStressSpec('1GB'));
    const schedule = bareSchedule();
    const findings = checkSafety([deployment(), chaos, schedule]);
    const paths = new Map([[chaos, 'experiments/memory-stress/Resource'], [schedule, 'experiments/pod-kill/Resource']]);
    const err = new SafetyError(findings, (o) => paths.get(o));
    expect(err.name).toBe('SafetyError');
    expect(err.errors).toHaveLength(2);
    expect(err.message).toMatch(/^Safety check failed with 2 error findings/);
    expect(err.message).toContain('error CM002 StressChaos/chaos-mesh/podinfo-memory-stress (construct experiments/memory-stress/Resource)');
    expect(err.message).toContain('field: spec.stressors.memory.size');
    expect(err.message).toContain('error CM004 Schedule/chaos-mesh/podinfo-kill (construct experiments/pod-kill/Resource)');
    expect(err.message).toContain('fix: Run the Schedule as a template of a Workflow');
    expect(err.message).toContain('ack.cdk8s-chaos-mesh.io/<RULE-ID>');
  });

  test('acknowledged errors and warnings are not listed as blocking', () => {
    const acked = annotate(stressChaos(memoryStressSpec('1GB')), { [ackAnnotation('CM002')]: GOOD_REASON });
    const stale = annotate(networkChaos(), { [ackAnnotation('CM003')]: GOOD_REASON });
    const findings = checkSafety([deployment(), acked, stale]);
    const err = new SafetyError(findings);
    expect(err.errors).toEqual([]);
    expect(err.message).not.toContain('CM002 StressChaos');
    expect(err.message).toContain('(2 warning or acknowledged findings not shown)');
  });
});
