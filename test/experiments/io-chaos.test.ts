import { Testing } from 'cdk8s';
import {
  Errno, IoChaosAction, IoChaosExperiment, IoChaosExperimentProps, IoMistakeFilling,
} from '../../lib/experiments';
import { GoDuration } from '../../lib/units';
import { only, podinfo, PODINFO_SELECTOR } from '../fixtures/experiments/podinfo';
import { acknowledgeIfRuled, blockingFindings, roundTrip } from './_compliance';

type Props = Omit<IoChaosExperimentProps, 'target'>;
const base = { volumePath: '/var/lib/data', duration: GoDuration.minutes(2) };

/** One experiment per action, as a user would write it. */
const ACTIONS: Record<IoChaosAction, Props> = {
  [IoChaosAction.LATENCY]: { ...base, action: IoChaosAction.LATENCY, delay: GoDuration.millis(100), path: '/var/lib/data/**', percent: 50, methods: ['read', 'write'] },
  [IoChaosAction.FAULT]: { ...base, action: IoChaosAction.FAULT, errno: Errno.EIO, percent: 10 },
  [IoChaosAction.ATTR_OVERRIDE]: { ...base, action: IoChaosAction.ATTR_OVERRIDE, attr: { perm: 0o444, kind: 'regularFile', mtime: new Date(1_700_000_000_500) } },
  [IoChaosAction.MISTAKE]: { ...base, action: IoChaosAction.MISTAKE, mistake: { filling: 'zero', maxOccurrences: 1, maxLength: 10 }, methods: ['read'] },
};

function build(props: Props) {
  const chart = Testing.chart();
  const experiment = new IoChaosExperiment(chart, 'io', { target: podinfo(), ...props });
  return { chart, experiment };
}

describe('IoChaosExperiment', () => {
  test.each(Object.values(IoChaosAction))('%s synthesizes a compliant IOChaos', (action) => {
    const { chart, experiment } = build(ACTIONS[action]);
    if (action === IoChaosAction.MISTAKE) {
      acknowledgeIfRuled(experiment, 'CM014', 'scratch volume, recreated by the test harness');
    }
    const objects = Testing.synth(chart);
    expect(objects.map((o) => o.kind)).toEqual(['IOChaos']);
    expect(objects[0].spec).toMatchObject({ action, mode: 'one', selector: PODINFO_SELECTOR, volumePath: '/var/lib/data', duration: '2m' });
    expect(roundTrip(objects[0])).toEqual(objects[0].spec);
    expect(blockingFindings(objects)).toEqual([]);
  });

  test('attrOverride of size moves where writes land (CM014): refused until acknowledged', () => {
    const props: Props = { ...base, action: IoChaosAction.ATTR_OVERRIDE, attr: { size: 0 } };
    expect(blockingFindings(Testing.synth(build(props).chart))).toEqual([expect.stringMatching(/^CM014 .* spec\.attr\.size: /)]);
    const { chart, experiment } = build(props);
    experiment.addAcknowledgement('CM014', 'scratch volume, recreated by the test harness');
    expect(blockingFindings(Testing.synth(chart))).toEqual([]);
  });

  test('errno by name, timestamps as seconds and nanoseconds', () => {
    expect(only(build(ACTIONS.fault).chart).spec.errno).toBe(5);
    expect(only(build(ACTIONS.attrOverride).chart).spec.attr).toEqual({ perm: 0o444, kind: 'regularFile', mtime: { sec: 1_700_000_000, nsec: 500_000_000 } });
    expect(only(build(ACTIONS.latency).chart).spec).toMatchObject({ delay: '100ms', methods: ['read', 'write'], path: '/var/lib/data/**', percent: 50 });
  });

  test('runs in a Workflow with phases like every experiment', () => {
    const { chart } = build({ ...ACTIONS.fault, phases: { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(1) } });
    const wf = only(chart);
    expect(wf.kind).toBe('Workflow');
    expect(wf.spec.templates.find((t: any) => t.name === 'fault')).toMatchObject({ templateType: 'IOChaos', deadline: '2m', ioChaos: { action: 'fault', errno: 5 } });
    expect(blockingFindings([wf])).toEqual([]);
  });

  test.each<[string, Props, RegExp]>([
    ['an unknown action', { ...base, action: 'explode' as IoChaosAction }, /action "explode" is not a IOChaos action \(allowed: latency, fault, attrOverride, mistake\)/],
    ['a missing parameter', { ...base, action: IoChaosAction.LATENCY }, /delay is required for action "latency"/],
    // Admission refusals (lint/admission/io-chaos.ts) reached through the props.
    ['a fault without errno', { ...base, action: IoChaosAction.FAULT }, /errno is refused \(spec\.errno\): action "fault" needs a non-zero errno/],
    ['percent 150', { ...ACTIONS.fault, percent: 150 }, /percent is refused \(spec\.percent\): percent 150 is outside 0-100/],
    ['a parameter of another action', { ...ACTIONS.fault, delay: GoDuration.millis(1) }, /delay does not apply to action "fault": leave it out \(it is read only with action "latency"\)/],
    // CRD bounds and closed sets, reached through the props (the CRD schema is the one place they live).
    ['mistake.maxLength 0', { ...base, action: IoChaosAction.MISTAKE, mistake: { filling: 'random', maxOccurrences: 1, maxLength: 0 } }, /mistake\.maxLength is refused \(spec\.mistake\.maxLength\): 0 is too small: it must be at least 1/],
    ['an unknown filling', { ...base, action: IoChaosAction.MISTAKE, mistake: { filling: 'ones' as IoMistakeFilling, maxOccurrences: 1, maxLength: 1 } }, /mistake\.filling is refused \(spec\.mistake\.filling\): "ones" is not an allowed value; allowed: "zero", "random"/],
    ['a fractional percent', { ...ACTIONS.fault, percent: 12.5 }, /percent is refused \(spec\.percent\)/],
  ])('refuses %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});
