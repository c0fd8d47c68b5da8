import { Testing } from 'cdk8s';
import { CpuStressExperiment, CpuStressExperimentProps, SelectorMode } from '../../lib/experiments';
import { GoDuration } from '../../lib/units';
import { only, podinfo, PODINFO_SELECTOR } from '../fixtures/experiments/podinfo';

function build(props: Partial<CpuStressExperimentProps>) {
  const chart = Testing.chart();
  new CpuStressExperiment(chart, 'cpu', { target: podinfo(), load: 80, duration: GoDuration.parse('1m'), ...props });
  return only(chart);
}

describe('CpuStressExperiment', () => {
  test('renders a cpu stressor', () => {
    expect(build({ workers: 2, mode: SelectorMode.fixedPercent(50) }).spec).toEqual({
      mode: 'fixed-percent',
      value: '50',
      selector: PODINFO_SELECTOR,
      stressors: { cpu: { workers: 2, load: 80 } },
      duration: '1m',
    });
  });

  test.each<[string, Partial<CpuStressExperimentProps>, RegExp]>([
    ['load above 100', { load: 101 }, /load 101 is not allowed: use an integer in \[0, 100\]/],
    ['workers 0', { workers: 0 }, /workers 0 is not allowed/],
    ['no duration', { duration: undefined }, /duration is required for CPU stress/],
  ])('refuses %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});
