import { Testing } from 'cdk8s';
import { ChaosMeshApp } from '../../lib/app';
import { GameDay, GameDayStep, NetworkChaosAction, NetworkChaosExperiment, PodChaosAction, SelectorMode } from '../../lib/experiments';
import { ChaosTarget } from '../../lib/target';
import { GoDuration, StressSize } from '../../lib/units';

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

test('the refusal points to the GameDay, which runs the same chain with a probe over all 9 minutes and the memory check on', () => {
  expect(() => build(hiddenFaults)).toThrow(/to run several faults in one run, use a GameDay: new GameDay\(app\.experiments, id, \{ phases, steadyState, steps: \[GameDayStep/);
  const app = new ChaosMeshApp({ outdir: Testing.app().outdir, log: () => undefined });
  const minute = GoDuration.minutes(1);
  new GameDay(app.experiments, 'podinfo-chain', {
    phases: { baseline: minute, recovery: minute },
    steadyState: { url: 'http://podinfo.podinfo.svc:9898/version', thresholds: { minAvailabilityPercent: 99 }, healthCheck: { name: 'podinfo-health', url: 'http://podinfo.podinfo.svc:9898/version' } },
    steps: [
      GameDayStep.networkChaos({ target: podinfo, action: NetworkChaosAction.DELAY, mode: SelectorMode.ALL, delay: { latency: GoDuration.parse('200ms') }, duration: minute }),
      GameDayStep.pause(minute),
      GameDayStep.podChaos({ target: podinfo, action: PodChaosAction.POD_KILL, duration: minute }),
      GameDayStep.pause(minute),
      GameDayStep.memoryStress({ target: podinfo, size: StressSize.megabytes(512), duration: GoDuration.minutes(2) }),
      GameDayStep.pause(minute),
    ],
  });
  const jobs = app.synthObjects().map((s) => s.object as any).filter((o) => o.kind === 'Job');
  const env = (name: string) => Object.fromEntries(jobs.find((j) => j.metadata.labels['app.kubernetes.io/name'] === name)
    .spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));
  const phases = env('availability-probe').PROBE_PHASES.split(' ');
  expect(phases.reduce((sum: number, p: string) => sum + Number(p.split(':')[1]), 0)).toBe(9 * 60);
  expect(env('presync-guard').GUARD_CHECK_MEMORY_LIMIT).toBe('true');
});

test.each(['NetworkChaos', 'StressChaos', 'Schedule', 'HTTPChaos'])('any fault kind (%s) is refused in afterRecovery', (templateType) => {
  expect(() => build([{ name: 'x', templateType, deadline: '1m' }])).toThrow(new RegExp(`afterRecovery\\[0\\] "x" is a ${templateType} fault`));
});

test('templates that inject nothing (the containment Task, a pause) still run after recovery', () => {
  const objects = build([hiddenFaults[0], { name: 'check', templateType: 'Task', deadline: '1m', task: { container: { name: 'c', image: 'busybox' } } }]);
  const workflow = objects.find((o) => o.kind === 'Workflow');
  expect(workflow.spec.templates.map((t: any) => t.name)).toEqual(expect.arrayContaining(['pause-1', 'check']));
});
