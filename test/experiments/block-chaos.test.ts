import { Testing } from 'cdk8s';
import { BlockChaosAction, BlockChaosExperiment, BlockChaosExperimentProps } from '../../lib/experiments';
import { GoDuration } from '../../lib/units';
import { only, podinfo, PODINFO_SELECTOR } from '../fixtures/experiments/podinfo';
import { acknowledgeIfRuled, blockingFindings, roundTrip } from './_compliance';

function build(props: Partial<BlockChaosExperimentProps>) {
  const chart = Testing.chart();
  const experiment = new BlockChaosExperiment(chart, 'block', {
    target: podinfo(), action: BlockChaosAction.DELAY, volumeName: 'data',
    delay: { latency: GoDuration.millis(50), jitter: GoDuration.millis(10), correlation: 25 }, duration: GoDuration.minutes(2), ...props,
  });
  return { chart, experiment };
}

describe('BlockChaosExperiment', () => {
  test.each(Object.values(BlockChaosAction))('%s synthesizes a compliant BlockChaos', (action) => {
    const { chart, experiment } = build({ action });
    acknowledgeIfRuled(experiment, 'CM013', 'the volume is a dedicated local disk of the test node');
    const obj = only(chart);
    expect(obj.kind).toBe('BlockChaos');
    expect(obj.spec).toEqual({
      action: 'delay', volumeName: 'data', delay: { latency: '50ms', jitter: '10ms', correlation: '25' },
      mode: 'one', selector: PODINFO_SELECTOR, duration: '2m',
    });
    expect(roundTrip(obj)).toEqual(obj.spec);
    expect(blockingFindings([obj])).toEqual([]);
  });

  test.each<[string, Partial<BlockChaosExperimentProps>, RegExp]>([
    ['an unknown action', { action: 'fail' as BlockChaosAction }, /action "fail" is not a BlockChaos action \(allowed: delay\)/],
    ['a delay action without its delay', { delay: undefined }, /delay is refused \(spec\.delay\): action "delay" needs the delay block/],
  ])('refuses %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});
