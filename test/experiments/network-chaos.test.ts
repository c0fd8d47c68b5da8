import { Testing } from 'cdk8s';
import {
  BandwidthRate, NetworkChaosAction, NetworkChaosExperiment, NetworkChaosExperimentProps, SelectorMode,
} from '../../lib/experiments';
import { ChaosTarget } from '../../lib/target';
import { GoDuration } from '../../lib/units';
import { only, podinfo, PODINFO_FACTS, PODINFO_SELECTOR } from '../fixtures/experiments/podinfo';

const delay200 = {
  latency: GoDuration.parse('200ms'),
  jitter: GoDuration.parse('50ms'),
  correlation: 25,
};

function build(props: Partial<NetworkChaosExperimentProps>) {
  const chart = Testing.chart();
  new NetworkChaosExperiment(chart, 'net', {
    target: podinfo(),
    action: NetworkChaosAction.DELAY,
    delay: delay200,
    duration: GoDuration.parse('3m'),
    ...props,
  } as NetworkChaosExperimentProps);
  return only(chart);
}

describe('NetworkChaosExperiment', () => {
  test('reference experiment 2 comes out with exactly the reference fields and the declared facts', () => {
    const chart = Testing.chart();
    new NetworkChaosExperiment(chart, 'podinfo-latency', {
      target: podinfo(),
      action: NetworkChaosAction.DELAY,
      mode: SelectorMode.ALL,
      delay: delay200,
      duration: GoDuration.parse('3m'),
      contentNamed: false,
    });
    expect(only(chart)).toEqual({
      apiVersion: 'chaos-mesh.org/v1alpha1',
      kind: 'NetworkChaos',
      metadata: { name: 'podinfo-latency', namespace: 'chaos-mesh', annotations: PODINFO_FACTS },
      spec: {
        action: 'delay',
        mode: 'all',
        selector: PODINFO_SELECTOR,
        delay: { latency: '200ms', jitter: '50ms', correlation: '25' },
        duration: '3m',
      },
    });
  });

  test('content-named by default: same spec, hashed name, experiment label', () => {
    const chart = Testing.chart();
    new NetworkChaosExperiment(chart, 'podinfo-latency', {
      target: podinfo(), action: NetworkChaosAction.DELAY, mode: SelectorMode.ALL, delay: delay200,
      duration: GoDuration.parse('3m'),
    });
    const obj = only(chart);
    expect(obj.metadata.name).toMatch(/^podinfo-latency-[0-9a-f]{8}$/);
    expect(obj.metadata.labels).toEqual({ 'cdk8s-chaos-mesh.io/experiment': 'podinfo-latency' });
    expect(obj.spec.delay).toEqual({ latency: '200ms', jitter: '50ms', correlation: '25' });
  });

  test('mode defaults to one', () => {
    expect(build({}).spec.mode).toBe('one');
  });

  test.each([
    [NetworkChaosAction.LOSS, { loss: { percent: 10, correlation: 50 } }, { loss: { loss: '10', correlation: '50' } }],
    [NetworkChaosAction.DUPLICATE, { duplicate: { percent: 5 } }, { duplicate: { duplicate: '5' } }],
    [NetworkChaosAction.CORRUPT, { corrupt: { percent: 0.5 } }, { corrupt: { corrupt: '0.5' } }],
    [NetworkChaosAction.BANDWIDTH,
      { bandwidth: { rate: BandwidthRate.mbps(1), limit: 20971520, buffer: 10000 } },
      { bandwidth: { rate: '1mbps', limit: 20971520, buffer: 10000 } }],
    [NetworkChaosAction.PARTITION, {}, {}],
  ])('%s renders its parameters', (action, params, expected) => {
    const spec = build({ action, delay: undefined, ...params }).spec;
    expect(spec.action).toBe(action);
    for (const key of ['delay', 'loss', 'duplicate', 'corrupt', 'bandwidth']) {
      expect(spec[key]).toEqual((expected as any)[key]);
    }
  });

  test('NETEM combines the netem faults it is given, as 2.8.2 applies them together', () => {
    const spec = build({ action: NetworkChaosAction.NETEM, loss: { percent: 10 }, corrupt: { percent: 1 } }).spec;
    expect(spec.action).toBe('netem');
    expect(spec.delay).toEqual({ latency: '200ms', jitter: '50ms', correlation: '25' });
    expect(spec.loss).toEqual({ loss: '10' });
    expect(spec.corrupt).toEqual({ corrupt: '1' });
    expect(spec.duplicate).toBeUndefined();
  });

  test('delay with reordering', () => {
    const spec = build({ delay: { latency: GoDuration.parse('10ms'), reorder: { percent: 25, gap: 5 } } }).spec;
    expect(spec.delay).toEqual({ latency: '10ms', reorder: { reorder: '25', gap: 5, correlation: '0' } });
  });

  test('peer, direction and external targets', () => {
    const backend = ChaosTarget.fromDeclaration({ namespace: 'backend', labels: { app: 'db' }, replicas: 3 });
    const spec = build({
      direction: 'both',
      peer: { target: backend, mode: SelectorMode.fixed(1) },
    }).spec;
    expect(spec.direction).toBe('both');
    expect(spec.target).toEqual({
      mode: 'fixed', value: '1', selector: { namespaces: ['backend'], labelSelectors: { app: 'db' } },
    });
    expect(build({ externalTargets: ['10.0.0.0/8', 'example.com'] }).spec.externalTargets)
      .toEqual(['10.0.0.0/8', 'example.com']);
  });

  test.each<[string, Partial<NetworkChaosExperimentProps>, RegExp]>([
    ['delay missing for DELAY', { delay: undefined }, /delay is required for action "delay"/],
    ['loss with DELAY', { loss: { percent: 1 } }, /loss does not apply to action "delay"/],
    ['percent above 100', { action: NetworkChaosAction.LOSS, delay: undefined, loss: { percent: 101 } }, /loss.percent 101 is not allowed: use a percentage from 0 to 100/],
    ['correlation negative', { delay: { ...delay200, correlation: -1 } }, /delay.correlation -1/],
    ['from without peer', { direction: 'from' }, /direction "from" needs a peer/],
    ['both with external targets', { direction: 'both', externalTargets: ['1.2.3.4'] },
      /externalTargets cannot be used with direction "both"/],
    ['partition from nothing', { action: NetworkChaosAction.PARTITION, delay: undefined, direction: 'from' },
      /needs a peer or externalTargets for a partition/],
    ['empty externalTargets', { externalTargets: [] }, /externalTargets is empty/],
    ['no duration', { duration: undefined }, /duration is required for network delay/],
    ['zero duration', { duration: GoDuration.seconds(0) }, /duration ".*" must be a positive duration/],
    ['unknown action', { action: 'jitter' as NetworkChaosAction }, /action "jitter" is not a network chaos action \(allowed: delay, loss/],
    ['NETEM with none of its faults', { action: NetworkChaosAction.NETEM, delay: undefined }, /action "netem" needs at least one of delay, loss, duplicate, corrupt/],
    ['bandwidth with NETEM', { action: NetworkChaosAction.NETEM, bandwidth: { rate: BandwidthRate.kbps(1), limit: 1, buffer: 1 } },
      /bandwidth does not apply to action "netem"/],
    ['loss with PARTITION', { action: NetworkChaosAction.PARTITION, delay: undefined, loss: { percent: 1 } },
      /loss does not apply to action "partition": leave it out \(it is read only with action "loss" or "netem"\)/],
    ['bandwidth limit 0', { action: NetworkChaosAction.BANDWIDTH, delay: undefined,
      bandwidth: { rate: BandwidthRate.kbps(1), limit: 0, buffer: 1 } }, /bandwidth.limit 0 is not allowed/],
  ])('refuses %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('errors name the construct', () => {
    expect(() => build({ delay: undefined })).toThrow(/^NetworkChaosExperiment "test\/net": /);
  });
});

describe('BandwidthRate', () => {
  test('factories and parse keep the text', () => {
    expect(BandwidthRate.kbps(100).text).toBe('100kbps');
    expect(BandwidthRate.parse('2 GBPS').text).toBe('2 GBPS');
  });

  test.each(['1mbit', ' 10 MBit ', '64bit', '1tbps'])('accepts "%s" (the 2.8.2 Rate validator does)', (text) => {
    expect(BandwidthRate.parse(text).text).toBe(text);
  });

  test.each(['1.5mbps', 'mbps', '-1bps', '1mb', ''])('refuses "%s" (the 2.8.2 webhook does), naming the units', (text) => {
    expect(() => BandwidthRate.parse(text)).toThrow(/^Bandwidth rate .*Allowed: a whole number with a unit bit, kbit/);
  });

  test('refuses a negative factory value', () => {
    expect(() => BandwidthRate.mbps(-1)).toThrow(/BandwidthRate.mbps\(-1\)/);
  });
});
