/**
 * A generated app of `count` experiments, each built as main.ts builds its three (a bounded pod-kill
 * Schedule, a latency NetworkChaos, a memory stress with a containment check, in turn), each with
 * an availability probe and a PreSync guard, against its own target in one of 20 team namespaces.
 * Used by bench/synth-scale.bench.mjs (timed) and test/scale.test.ts (counts renders).
 */
import {
  CaBundle, ChaosExperiment, ChaosMeshApp, ChaosMeshInstall, ChaosTarget, ContainmentCheck, GoDuration,
  MemoryStressExperiment, NetworkChaosAction, NetworkChaosExperiment, BoundedSchedule, PodChaosAction, PresyncGuard,
  ProbeJob, ProbeThresholds, RestrictedNamespace, RuntimePreset, ScheduledFault, SelectorMode, statusCheckTemplate, StressSize,
} from '../lib';

const RUNNER_NAMESPACE = 'chaos-probes';
const TEAMS = 20;

export function scaleApp(count: number, outdir?: string): ChaosMeshApp {
  const app = new ChaosMeshApp({
    ...(outdir === undefined ? {} : { outdir }),
    log: () => undefined,
    gitOps: { repoURL: 'https://git.example.com/platform/chaos-engineering.git', targetRevision: 'main', path: 'dist' },
  });
  const teams = Array.from({ length: Math.min(count, TEAMS) }, (_, i) => `team-${i}`);
  new ChaosMeshInstall(app.platform, 'chaos-mesh', { runtime: RuntimePreset.K3S, externalTargetNamespaces: teams });
  new RestrictedNamespace(app.platform, 'chaos-probes', { name: RUNNER_NAMESPACE });
  const caBundle = CaBundle.fromConfigMap('minicloud-ca', 'ca.crt');
  const phases = { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(1) };

  const safeguard = (experiment: ChaosExperiment, thresholds: ProbeThresholds) => {
    new ProbeJob(experiment, 'probe', {
      url: `https://svc.example.com/${experiment.readableName}`,
      caBundle,
      namespace: RUNNER_NAMESPACE,
      name: `${experiment.readableName}-probe`,
      phases: experiment.phases.map((p) => ({ name: p.name, duration: p.length })),
      thresholds,
      supportScope: app.platform,
    });
    PresyncGuard.forExperiment(experiment, 'guard', experiment, { guardNamespace: RUNNER_NAMESPACE, supportScope: app.platform });
  };

  for (let i = 0; i < count; i++) {
    const target = ChaosTarget.fromDeclaration({
      namespace: teams[i % teams.length], labels: { 'app.kubernetes.io/name': `svc-${i}` }, replicas: 2, memoryLimit: '256Mi',
    });
    const healthCheck = (deadline: GoDuration) => statusCheckTemplate({
      name: 'health', deadline, url: `http://svc-${i}.${target.namespace}.svc:9898/version`, failureThreshold: 3,
    });
    switch (i % 3) {
      case 0: {
        const kill = new BoundedSchedule(app.experiments, `e${i}-kill`, {
          schedule: '*/30 * * * * *', deadline: GoDuration.minutes(5), historyLimit: 5, phases,
          statusCheck: healthCheck(GoDuration.minutes(5)),
          fault: ScheduledFault.podChaos({ target, action: PodChaosAction.POD_KILL, mode: SelectorMode.ONE, gracePeriod: GoDuration.seconds(0) }),
        });
        safeguard(kill, { minAvailabilityPercent: 99.5, maxUnreachable: GoDuration.seconds(3) });
        break;
      }
      case 1: {
        const latency = new NetworkChaosExperiment(app.experiments, `e${i}-latency`, {
          target, action: NetworkChaosAction.DELAY, mode: SelectorMode.ALL,
          delay: { latency: GoDuration.parse('200ms'), jitter: GoDuration.parse('50ms'), correlation: 25 },
          duration: GoDuration.minutes(3), phases, statusCheck: healthCheck(GoDuration.minutes(3)),
        });
        safeguard(latency, { minAvailabilityPercent: 99, maxP99Latency: GoDuration.seconds(1) });
        break;
      }
      default: {
        const containment = ContainmentCheck.forTarget(app.platform, `e${i}-memory-stress-containment`, { experiment: `e${i}-memory-stress`, target });
        const memory = new MemoryStressExperiment(app.experiments, `e${i}-memory-stress`, {
          target, mode: SelectorMode.ONE, size: StressSize.megabytes(512), workers: 1, duration: GoDuration.minutes(2), phases,
          statusCheck: healthCheck(GoDuration.minutes(2)), afterRecovery: [containment.taskTemplate()],
        });
        safeguard(memory, { minAvailabilityPercent: 99 });
      }
    }
  }
  return app;
}
