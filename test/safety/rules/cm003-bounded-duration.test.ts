import { checkSafety } from '../../../lib/safety';
import { GoDuration } from '../../../lib/units/go-duration';
import { complianceMatrix, only } from '../../fixtures/safety/matrix';
import {
  bareSchedule, boundedScheduleWorkflow, networkChaos, networkDelaySpec, podChaos, podKillSpec, stressWorkflow, workflow,
} from '../../fixtures/safety/objects';

complianceMatrix('CM003', {
  compliant: [networkChaos()],
  nonCompliant: [networkChaos(networkDelaySpec({ duration: undefined }))],
  message: /NetworkChaos has no duration: it keeps injecting until someone deletes it/,
  path: 'spec.duration',
});

function cm003(...objects: Parameters<typeof checkSafety>[0]) {
  return only(checkSafety(objects), 'CM003');
}

describe('CM003', () => {
  test.each([
    ['3m', 0],
    ['15m', 0],
    ['15m0.000000001s', 1],
    ['1h', 1],
    ['0s', 1],
    ['-3m', 1],
    ['3 minutes', 1],
  ])('duration %s: %d finding(s)', (duration, count) => {
    expect(cm003(networkChaos(networkDelaySpec({ duration })))).toHaveLength(count);
  });

  test('negative and zero durations are named as not positive', () => {
    expect(cm003(networkChaos(networkDelaySpec({ duration: '-3m' })))[0].message).toMatch(/"-3m" is not positive/);
  });

  test('the maximum is configurable', () => {
    const obj = networkChaos(networkDelaySpec({ duration: '3m' }));
    expect(only(checkSafety([obj], { maxDuration: GoDuration.minutes(2) }), 'CM003')[0].message).toMatch(/longer than the allowed maximum 2m\./);
    expect(only(checkSafety([obj], { maxDuration: GoDuration.minutes(3) }), 'CM003')).toEqual([]);
  });

  test('one-shot pod-kill and container-kill are exempt; pod-failure is not', () => {
    expect(cm003(podChaos(podKillSpec()))).toEqual([]);
    expect(cm003(podChaos(podKillSpec({ action: 'container-kill', containerNames: ['podinfo'] })))).toEqual([]);
    expect(cm003(podChaos(podKillSpec({ action: 'pod-failure' })))).toHaveLength(1);
  });

  test('inside a Workflow the template deadline is the bound', () => {
    expect(cm003(stressWorkflow())).toEqual([]);
    const found = cm003(stressWorkflow(undefined, { deadline: '1h' }));
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('spec.templates[0].deadline');
    const none = cm003(stressWorkflow(undefined, { deadline: undefined }));
    expect(none[0].message).toMatch(/Workflow template without a deadline/);
  });

  test('a deadline inherited from a Serial parent bounds its children', () => {
    const serial = (deadline: string) => {
      const wf = workflow({ name: 'entry', templateType: 'Serial', deadline, children: ['delay'] });
      wf.spec.templates.push({ name: 'delay', templateType: 'NetworkChaos', networkChaos: networkDelaySpec({ duration: undefined }) });
      return wf;
    };
    expect(cm003(serial('10m'))).toEqual([]);
    const found = cm003(serial('1h'));
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('spec.templates[0].deadline');
  });

  test('chaos fired by a Schedule: in a bare Schedule its own duration, in a Workflow the deadline', () => {
    const delay = { type: 'NetworkChaos', podChaos: undefined, networkChaos: networkDelaySpec({ duration: undefined }) };
    expect(cm003(bareSchedule({ spec: delay }))[0].path).toBe('spec.networkChaos.duration');
    expect(cm003(boundedScheduleWorkflow(delay))).toEqual([]);
  });
});
