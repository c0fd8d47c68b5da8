import { Testing } from 'cdk8s';
import { ChaosMeshApp } from '../../lib/app';
import { NetworkChaosAction, NetworkChaosExperiment, SelectorMode } from '../../lib/experiments';
import { ChaosTarget } from '../../lib/target';
import { GoDuration } from '../../lib/units';

/**
 * Issue 14's false-confidence case: a network delay experiment (1 minute, with a minute of
 * baseline and of recovery) chaining a pod kill and a memory stress through `afterRecovery`.
 * Before the fix it synthesized clean while the probe Job's PROBE_PHASES covered 3 of the
 * Workflow's 9 minutes (activeDeadlineSeconds 303) and the guard's GUARD_CHECK_MEMORY_LIMIT was
 * "false" although a memory stress ran. A fault is refused there now; the message names the
 * template and says what to do.
 */
const podinfo = ChaosTarget.fromDeclaration({ namespace: 'podinfo', labels: { 'app.kubernetes.io/name': 'podinfo' }, replicas: 2, memoryLimit: '256Mi' });
const selector = { namespaces: ['podinfo'], labelSelectors: { 'app.kubernetes.io/name': 'podinfo' } };
const hiddenFaults = [
  { name: 'pause-1', templateType: 'Suspend', deadline: '1m' },
  { name: 'kill', templateType: 'PodChaos', deadline: '1m', podChaos: { action: 'pod-kill', mode: 'one', selector } },
  { name: 'pause-2', templateType: 'Suspend', deadline: '1m' },
  { name: 'memory', templateType: 'StressChaos', deadline: '2m', stressChaos: { mode: 'one', selector, stressors: { memory: { workers: 1, size: '512MB' } } } },
  { name: 'pause-3', templateType: 'Suspend', deadline: '1m' },
];

function build(afterRecovery: any[]) {
  const app = new ChaosMeshApp({ outdir: Testing.app().outdir, gitOps: { repoURL: 'https://git.example.com/chaos.git' } } as any);
  new NetworkChaosExperiment(app.experiments, 'podinfo-latency', {
    target: podinfo, action: NetworkChaosAction.DELAY, mode: SelectorMode.ALL, duration: GoDuration.minutes(1),
    delay: { latency: GoDuration.parse('200ms') },
    phases: { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(1) },
    steadyState: { url: 'http://podinfo.podinfo.svc:9898/version', thresholds: { minAvailabilityPercent: 99 }, healthCheck: { name: 'podinfo-health', url: 'http://podinfo.podinfo.svc:9898/version' } },
    afterRecovery,
  });
  return Testing.synth(app.experiments);
}

test('a fault in afterRecovery is refused: it would run unseen by the probe phases and the guard', () => {
  expect(() => build(hiddenFaults)).toThrow(/afterRecovery\[1\] "kill" is a PodChaos fault: .*probe.*guard/s);
});

test.each(['NetworkChaos', 'StressChaos', 'Schedule', 'HTTPChaos'])('any fault kind (%s) is refused in afterRecovery', (templateType) => {
  expect(() => build([{ name: 'x', templateType, deadline: '1m' }])).toThrow(new RegExp(`afterRecovery\\[0\\] "x" is a ${templateType} fault`));
});

test('templates that inject nothing (the containment Task, a pause) still run after recovery', () => {
  const objects = build([hiddenFaults[0], { name: 'check', templateType: 'Task', deadline: '1m', task: { container: { name: 'c', image: 'busybox' } } }]);
  const workflow = objects.find((o) => o.kind === 'Workflow');
  expect(workflow.spec.templates.map((t: any) => t.name)).toEqual(expect.arrayContaining(['pause-1', 'check']));
});
