import { Testing } from 'cdk8s';
import { PodChaosAction, PodChaosExperiment, PodChaosExperimentProps, SelectorMode } from '../../lib/experiments';
import { ChaosTarget } from '../../lib/target';
import { GoDuration } from '../../lib/units';
import { only, podinfo, PODINFO_FACTS, PODINFO_SELECTOR } from '../fixtures/experiments/podinfo';

function build(props: Partial<PodChaosExperimentProps>) {
  const chart = Testing.chart();
  new PodChaosExperiment(chart, 'pod', { target: podinfo(), action: PodChaosAction.POD_KILL, ...props });
  return only(chart);
}

describe('PodChaosExperiment', () => {
  test('a standalone pod-kill acts once and needs no duration', () => {
    const obj = build({ gracePeriod: GoDuration.seconds(0), contentNamed: false });
    expect(obj).toEqual({
      apiVersion: 'chaos-mesh.org/v1alpha1',
      kind: 'PodChaos',
      metadata: { name: 'pod', namespace: 'chaos-mesh', annotations: PODINFO_FACTS },
      spec: { action: 'pod-kill', mode: 'one', selector: PODINFO_SELECTOR, gracePeriod: 0 },
    });
  });

  test('readable enum values', () => {
    expect(PodChaosAction.POD_KILL).toBe('pod-kill');
    expect(PodChaosAction.CONTAINER_KILL).toBe('container-kill');
  });

  test('gracePeriod is written in whole seconds', () => {
    expect(build({ gracePeriod: GoDuration.seconds(30) }).spec.gracePeriod).toBe(30);
  });

  test('container-kill takes containerNames from the props or the target', () => {
    expect(build({ action: PodChaosAction.CONTAINER_KILL, containerNames: ['app'] }).spec.containerNames).toEqual(['app']);
    const target = ChaosTarget.fromDeclaration({
      namespace: 'podinfo', labels: { app: 'podinfo' }, replicas: 2, containerNames: ['podinfo'],
    });
    expect(build({ action: PodChaosAction.CONTAINER_KILL, target }).spec.containerNames).toEqual(['podinfo']);
  });

  test('pod-failure runs for its duration', () => {
    const spec = build({ action: PodChaosAction.POD_FAILURE, duration: GoDuration.parse('30s') }).spec;
    expect(spec).toMatchObject({ action: 'pod-failure', duration: '30s' });
  });

  test.each<[string, Partial<PodChaosExperimentProps>, RegExp]>([
    ['container-kill without containerNames', { action: PodChaosAction.CONTAINER_KILL },
      /containerNames is required for action "container-kill"/],
    ['containerNames with pod-kill', { containerNames: ['app'] }, /containerNames applies only to action "container-kill", not "pod-kill"/],
    ['gracePeriod with pod-failure', { action: PodChaosAction.POD_FAILURE, gracePeriod: GoDuration.seconds(1), duration: GoDuration.minutes(1) },
      /gracePeriod applies only to action "pod-kill"/],
    ['fractional gracePeriod', { gracePeriod: GoDuration.millis(1500) }, /gracePeriod ".*" must be a whole, non-negative number of seconds/],
    ['pod-failure without duration', { action: PodChaosAction.POD_FAILURE }, /duration is required for pod-failure/],
    ['unknown action', { action: 'pod-delete' as PodChaosAction }, /action "pod-delete" is not a pod chaos action \(allowed: pod-kill, pod-failure, container-kill\)/],
    ['an invalid name', { name: 'Podinfo_Kill' }, /name "Podinfo_Kill" is not a valid name/],
    ['a name too long for the hash suffix', { name: 'a'.repeat(55) }, /at most 54/],
    ['an invalid namespace', { namespace: 'Chaos' }, /namespace "Chaos" is not a valid name/],
  ])('refuses %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('a pod-kill in run phases needs a duration for the fault phase', () => {
    expect(() => build({ phases: { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(1) } }))
      .toThrow(/duration is required when the experiment runs as a Workflow/);
  });

  test('mode with a value', () => {
    expect(build({ mode: SelectorMode.fixed(1) }).spec).toMatchObject({ mode: 'fixed', value: '1' });
  });
});
