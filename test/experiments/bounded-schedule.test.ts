import { Testing } from 'cdk8s';
import {
  BoundedSchedule, BoundedScheduleProps, NetworkChaosAction, PodChaosAction, ScheduledFault, SelectorMode,
} from '../../lib/experiments';
import { GoDuration } from '../../lib/units';
import { only, podinfo, PODINFO_FACTS, PODINFO_SELECTOR } from '../fixtures/experiments/podinfo';

/** The reference pod-kill schedule (issue 2), as the Schedule template must embed it. */
const REFERENCE_SCHEDULE = {
  schedule: '*/30 * * * * *',
  type: 'PodChaos',
  historyLimit: 5,
  concurrencyPolicy: 'Forbid',
  podChaos: { action: 'pod-kill', mode: 'one', selector: PODINFO_SELECTOR, gracePeriod: 0 },
};

const podKill = () => ScheduledFault.podChaos({
  target: podinfo(), action: PodChaosAction.POD_KILL, mode: SelectorMode.ONE, gracePeriod: GoDuration.seconds(0),
});

function build(props: Partial<BoundedScheduleProps>) {
  const chart = Testing.chart();
  const exp = new BoundedSchedule(chart, 'podinfo-kill', {
    schedule: '*/30 * * * * *', deadline: GoDuration.parse('5m'), historyLimit: 5, fault: podKill(), ...props,
  });
  return { exp, obj: only(chart) };
}

describe('BoundedSchedule', () => {
  test('reference experiment 1: a Workflow whose entry is a Schedule template with a deadline', () => {
    const { obj } = build({ contentNamed: false });
    expect(obj).toEqual({
      apiVersion: 'chaos-mesh.org/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'podinfo-kill', namespace: 'chaos-mesh', annotations: PODINFO_FACTS },
      spec: {
        entry: 'fault',
        templates: [{ name: 'fault', templateType: 'Schedule', deadline: '5m', schedule: REFERENCE_SCHEDULE }],
      },
    });
  });

  test('never emits a bare Schedule', () => {
    const { obj } = build({});
    expect(obj.kind).toBe('Workflow');
    expect(obj.kind).not.toBe('Schedule');
  });

  test('with phases the Schedule template sits between baseline and recovery', () => {
    const { obj, exp } = build({ phases: { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(1) } });
    expect(obj.spec.entry).toBe('run');
    expect(obj.spec.templates.map((t: any) => [t.name, t.templateType, t.deadline])).toEqual([
      ['run', 'Serial', undefined],
      ['baseline', 'Suspend', '1m'],
      ['fault', 'Schedule', '5m'],
      ['recovery', 'Suspend', '1m'],
    ]);
    expect(obj.spec.templates[0].children).toEqual(['baseline', 'fault', 'recovery']);
    expect(obj.spec.templates[2].schedule).toEqual(REFERENCE_SCHEDULE);
    expect(exp.phasesEnv).toBe('baseline:60 fault:300 recovery:60');
    expect(exp.runTime!.toSeconds()).toBe(420);
  });

  test('historyLimit defaults to 5, concurrency is always Forbid', () => {
    const { obj } = build({ historyLimit: undefined });
    expect(obj.spec.templates[0].schedule).toMatchObject({ historyLimit: 5, concurrencyPolicy: 'Forbid' });
  });

  test('a scheduled network fault carries the run duration inside the schedule', () => {
    const fault = ScheduledFault.networkChaos({
      target: podinfo(), action: NetworkChaosAction.LOSS, loss: { percent: 10 }, duration: GoDuration.parse('30s'),
    });
    const { obj, exp } = build({ fault, schedule: '@every 2m' });
    expect(obj.spec.templates[0].schedule).toMatchObject({
      schedule: '@every 2m', type: 'NetworkChaos', networkChaos: { action: 'loss', duration: '30s' },
    });
    expect(exp.runDuration?.text).toBe('30s');
    expect(exp.faultType).toBe('Schedule');
  });

  test.each<[string, () => Partial<BoundedScheduleProps>, RegExp]>([
    ['a bad cron', () => ({ schedule: '*/30 * * *' }), /schedule "\*\/30 \* \* \*" is not a cron expression/],
    ['historyLimit 0', () => ({ historyLimit: 0 }), /historyLimit 0 is not allowed: use an integer >= 1/],
    ['no deadline', () => ({ deadline: undefined }), /deadline is required/],
    ['zero deadline', () => ({ deadline: GoDuration.seconds(0) }), /deadline ".*" must be a positive duration/],
    ['a network fault without run duration', () => ({
      fault: ScheduledFault.networkChaos({ target: podinfo(), action: NetworkChaosAction.LOSS, loss: { percent: 10 } }),
    }), /fault duration is required for network loss in a schedule/],
    ['an invalid fault, named after the schedule', () => ({
      fault: ScheduledFault.podChaos({ target: podinfo(), action: PodChaosAction.CONTAINER_KILL }),
    }), /^BoundedSchedule "test\/podinfo-kill": containerNames is required/],
  ])('refuses %s', (_name, props, message) => {
    expect(() => build(props())).toThrow(message);
  });
});
