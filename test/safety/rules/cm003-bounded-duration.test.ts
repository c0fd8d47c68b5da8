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

describe('CM003 bounds a whole Workflow run (a GameDay) by maxRunDuration', () => {
  const run = (entry: Record<string, unknown>, ...rest: Record<string, unknown>[]) => ({
    ...workflow({ name: 'run', templateType: 'Serial', ...entry }),
    spec: { entry: 'run', templates: [{ name: 'run', templateType: 'Serial', ...entry }, ...rest] },
  });
  const pause = (name: string, deadline: string) => ({ name, templateType: 'Suspend', deadline });

  test('the entry deadline is the run\'s length', () => {
    const obj = run({ deadline: '61m', children: ['a'] }, pause('a', '1m'));
    expect(cm003(obj).map((f) => [f.path, f.message])).toEqual([[
      'spec.templates[0].deadline', 'The Workflow\'s whole run lasts up to deadline "61m", longer than the allowed maximum run 1h.',
    ]]);
    expect(cm003(run({ deadline: '1h', children: ['a'] }, pause('a', '1m')))).toEqual([]);
  });

  test('without an entry deadline, the templates add up (Serial: sum, Parallel: longest)', () => {
    const obj = run({ children: ['a', 'p'] }, pause('a', '40m'), { name: 'p', templateType: 'Parallel', children: ['b', 'c'] },
      pause('b', '10m'), pause('c', '30m'));
    expect(cm003(obj).map((f) => [f.path, f.message])).toEqual([[
      'spec.templates[0]', 'The Workflow\'s whole run lasts up to templates (40m + 10m + 30m), longer than the allowed maximum run 1h.',
    ]]);
    expect(only(checkSafety([obj], { maxRunDuration: GoDuration.minutes(70) }), 'CM003')).toEqual([]);
  });

  test('a run whose length cannot be known (a child without deadline) is left to the per-chaos bound', () => {
    expect(cm003(run({ children: ['a', 'b'] }, pause('a', '2h'), { name: 'b', templateType: 'Serial', children: [] }))).toEqual([]);
  });
});
