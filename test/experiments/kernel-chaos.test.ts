import { Testing } from 'cdk8s';
import { KernelChaosExperiment, KernelChaosExperimentProps, KernelFailType } from '../../lib/experiments';
import { GoDuration } from '../../lib/units';
import { only, podinfo, PODINFO_SELECTOR } from '../fixtures/experiments/podinfo';
import { acknowledgeIfRuled, blockingFindings, roundTrip } from './_compliance';

function build(props: Partial<KernelChaosExperimentProps>) {
  const chart = Testing.chart();
  const experiment = new KernelChaosExperiment(chart, 'kernel', { target: podinfo(), failType: KernelFailType.SLAB, duration: GoDuration.minutes(1), ...props });
  return { chart, experiment };
}

describe('KernelChaosExperiment', () => {
  test.each(Object.values(KernelFailType).filter((v) => typeof v === 'number') as KernelFailType[])(
    'fail type %s synthesizes a compliant KernelChaos (the node-wide blast radius acknowledged)', (failType) => {
      const { chart, experiment } = build({
        failType,
        callchain: [{ funcname: 'd_alloc_parallel', parameters: 'struct dentry *parent, const struct qstr *name', predicate: 'STRNCMP(name->name, "bananas", 8)' }],
        headers: ['linux/mmzone.h'],
        probability: 1,
        times: 10,
      });
      acknowledgeIfRuled(experiment, 'CM013', 'dedicated test node, drained of other workloads');
      const obj = only(chart);
      expect(obj.kind).toBe('KernelChaos');
      expect(obj.spec).toMatchObject({ mode: 'one', selector: PODINFO_SELECTOR, duration: '1m' });
      expect(obj.spec.failKernRequest).toEqual({
        failtype: failType,
        callchain: [{ funcname: 'd_alloc_parallel', parameters: 'struct dentry *parent, const struct qstr *name', predicate: 'STRNCMP(name->name, "bananas", 8)' }],
        headers: ['linux/mmzone.h'],
        probability: 1,
        times: 10,
      });
      expect(roundTrip(obj)).toEqual(obj.spec);
      expect(blockingFindings([obj])).toEqual([]);
    });

  test.each<[string, Partial<KernelChaosExperimentProps>, RegExp]>([
    ['an unknown fail type', { failType: 3 as KernelFailType }, /failType is refused \(spec\.failKernRequest\.failtype\): 3 is too large: it must be at most 2/],
    // CRD bounds reached through the props.
    ['a probability above 100', { probability: 150 }, /probability is refused \(spec\.failKernRequest\.probability\): 150 is too large/],
    ['negative times', { times: -1 }, /times is refused \(spec\.failKernRequest\.times\)/],
  ])('refuses %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});
