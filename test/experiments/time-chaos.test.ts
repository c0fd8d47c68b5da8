import { Testing } from 'cdk8s';
import { ClockId, TimeChaosExperiment, TimeChaosExperimentProps, TimeOffset } from '../../lib/experiments';
import { GoDuration } from '../../lib/units';
import { only, podinfo, PODINFO_SELECTOR } from '../fixtures/experiments/podinfo';
import { blockingFindings, roundTrip } from './_compliance';

function build(props: Partial<TimeChaosExperimentProps>) {
  const chart = Testing.chart();
  new TimeChaosExperiment(chart, 'clock', { target: podinfo(), offset: TimeOffset.behind(GoDuration.minutes(10)), duration: GoDuration.minutes(2), ...props });
  return chart;
}

describe('TimeOffset', () => {
  test('is signed by the factory that made it', () => {
    expect(TimeOffset.ahead(GoDuration.hours(1)).text).toBe('1h');
    expect(TimeOffset.behind(GoDuration.parse('1.5h')).text).toBe('-1.5h');
    expect(TimeOffset.parse('-300ms').text).toBe('-300ms');
  });

  test.each<[string, () => TimeOffset, RegExp]>([
    ['a negative amount', () => TimeOffset.ahead(GoDuration.parse('-1m')), /must be a positive GoDuration/],
    ['zero', () => TimeOffset.behind(GoDuration.seconds(0)), /must be a positive GoDuration/],
    ['zero text', () => TimeOffset.parse('0s'), /is zero: the clocks would not move/],
    ['no unit', () => TimeOffset.parse('10'), /missing its unit/],
  ])('refuses %s', (_name, make, message) => {
    expect(make).toThrow(message);
  });
});

describe('TimeChaosExperiment', () => {
  test('shifts the chosen clocks (compliant)', () => {
    const obj = only(build({ clockIds: ['CLOCK_REALTIME', 'CLOCK_MONOTONIC'] }));
    expect(obj.kind).toBe('TimeChaos');
    expect(obj.spec).toEqual({
      timeOffset: '-10m', clockIds: ['CLOCK_REALTIME', 'CLOCK_MONOTONIC'], mode: 'one', selector: PODINFO_SELECTOR, duration: '2m',
    });
    expect(roundTrip(obj)).toEqual(obj.spec);
    expect(blockingFindings([obj])).toEqual([]);
  });

  test.each<[string, Partial<TimeChaosExperimentProps>, RegExp]>([
    ['an offset given as text', { offset: '-10m' as unknown as TimeOffset }, /offset must be a TimeOffset/],
    ['an unknown clock', { clockIds: ['CLOCK_TAI' as ClockId] }, /clockIds "CLOCK_TAI" is not a clock id \(allowed: CLOCK_REALTIME, /],
  ])('refuses %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});
