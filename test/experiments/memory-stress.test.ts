import { Testing } from 'cdk8s';
import { MemoryStressExperiment, MemoryStressExperimentProps, SelectorMode } from '../../lib/experiments';
import { ChaosTarget } from '../../lib/target';
import { GoDuration, StressSize } from '../../lib/units';
import { only, podinfo, PODINFO_FACTS, PODINFO_SELECTOR } from '../fixtures/experiments/podinfo';

function build(props: Partial<MemoryStressExperimentProps>) {
  const chart = Testing.chart();
  const exp = new MemoryStressExperiment(chart, 'mem', {
    target: podinfo(), size: StressSize.parse('512MB'), duration: GoDuration.parse('2m'), ...props,
  });
  return { exp, obj: only(chart) };
}

describe('MemoryStressExperiment', () => {
  test('reference experiment 3 comes out with exactly the reference fields and the declared facts', () => {
    const chart = Testing.chart();
    new MemoryStressExperiment(chart, 'podinfo-memory-stress', {
      target: podinfo(),
      mode: SelectorMode.ONE,
      size: StressSize.parse('512MB'),
      workers: 1,
      duration: GoDuration.parse('2m'),
      contentNamed: false,
    });
    expect(only(chart)).toEqual({
      apiVersion: 'chaos-mesh.org/v1alpha1',
      kind: 'StressChaos',
      metadata: { name: 'podinfo-memory-stress', namespace: 'chaos-mesh', annotations: PODINFO_FACTS },
      spec: {
        mode: 'one',
        selector: PODINFO_SELECTOR,
        stressors: { memory: { workers: 1, size: '512MB' } },
        duration: '2m',
      },
    });
  });

  test('exposes the stressor and the limit that bounds it for the lead and the guard', () => {
    const { exp } = build({ workers: 2, size: StressSize.megabytes(300) });
    expect(exp.workers).toBe(2);
    expect(exp.size.text).toBe(StressSize.megabytes(300).text);
    expect(exp.memoryLimit).toBe('256Mi');
    expect(exp.target.namespace).toBe('podinfo');
    expect(exp.namespace).toBe('chaos-mesh');
  });

  test('workers default to 1, oomScoreAdj is passed through', () => {
    const { obj } = build({ oomScoreAdj: -100 });
    expect(obj.spec.stressors.memory).toEqual({ workers: 1, size: '512MB', oomScoreAdj: -100 });
  });

  test('containers declared on the target become containerNames', () => {
    const target = ChaosTarget.fromDeclaration({
      namespace: 'podinfo', labels: { app: 'podinfo' }, replicas: 2, memoryLimit: '256Mi', containerNames: ['podinfo'],
    });
    expect(build({ target }).obj.spec.containerNames).toEqual(['podinfo']);
    expect(build({}).obj.spec.containerNames).toBeUndefined();
  });

  test('a target without a known limit carries no memory-limit fact (CM001 then refuses it)', () => {
    const target = ChaosTarget.fromDeclaration({ namespace: 'podinfo', labels: { app: 'podinfo' }, replicas: 2 });
    expect(build({ target }).obj.metadata.annotations).toEqual({ 'cdk8s-chaos-mesh.io/target-replicas': '2' });
  });

  test.each<[string, Partial<MemoryStressExperimentProps>, RegExp]>([
    ['workers 0 (2.8.2 would drop the stressor)', { workers: 0 }, /workers 0 is not allowed: use an integer in \[1, 8192\]/],
    ['fractional workers', { workers: 1.5 }, /workers 1.5 is not allowed/],
    ['oomScoreAdj out of range', { oomScoreAdj: 2000 }, /oomScoreAdj 2000 is not allowed: use an integer in \[-1000, 1000\]/],
    ['no duration', { duration: undefined }, /duration is required for memory stress/],
    ['a size that is not a StressSize', { size: '512MB' as unknown as StressSize }, /size must be a StressSize/],
    ['empty containerNames', { containerNames: [] }, /containerNames is empty/],
  ])('refuses %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});
