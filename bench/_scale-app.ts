/**
 * A generated app of `count` experiments, each built as main.ts builds its three (a bounded pod-kill
 * Schedule, a latency NetworkChaos, a memory stress with a containment check, in turn), each with
 * its steady state (probe Job, StatusCheck abort, PreSync guard), against its own target in one of 20 team namespaces.
 * Used by bench/synth-scale.bench.mjs (timed) and test/scale.test.ts (counts renders).
 */
import {
  BoundedSchedule, CaBundle, ChaosMeshApp, ChaosMeshInstall, ChaosTarget, ContainmentCheck, GoDuration, HealthCheck,
  MemoryStressExperiment, NetworkChaosAction, NetworkChaosExperiment, PodChaosAction, RuntimePreset, ScheduledFault, SelectorMode,
  StressSize,
} from '../lib';

const TEAMS = 20;

export function scaleApp(count: number, outdir?: string): ChaosMeshApp {
  const app = new ChaosMeshApp({
    ...(outdir === undefined ? {} : { outdir }),
    log: () => undefined,
    gitOps: { repoURL: 'https://git.example.com/platform/chaos-engineering.git', targetRevision: 'main', path: 'dist' },
    safeguards: { caBundle: CaBundle.fromConfigMap('minicloud-ca', 'ca.crt') },
  });
  const teams = Array.from({ length: Math.min(count, TEAMS) }, (_, i) => `team-${i}`);
  new ChaosMeshInstall(app.platform, 'chaos-mesh', { runtime: RuntimePreset.K3S, externalTargetNamespaces: teams });
  const phases = { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(1) };

  for (let i = 0; i < count; i++) {
    const target = ChaosTarget.fromDeclaration({
      namespace: teams[i % teams.length], labels: { 'app.kubernetes.io/name': `svc-${i}` }, replicas: 2, memoryLimit: '256Mi',
    });
    const healthCheck: HealthCheck = { name: 'health', url: `http://svc-${i}.${target.namespace}.svc:9898/version`, failureThreshold: 3 };
    const url = `https://svc-${i}.example.com/version`;
    switch (i % 3) {
      case 0:
        new BoundedSchedule(app.experiments, `e${i}-kill`, {
          schedule: '*/30 * * * * *', deadline: GoDuration.minutes(5), historyLimit: 5, phases,
          steadyState: { url, thresholds: { minAvailabilityPercent: 99.5, maxUnreachable: GoDuration.seconds(3) }, healthCheck },
          fault: ScheduledFault.podChaos({ target, action: PodChaosAction.POD_KILL, mode: SelectorMode.ONE, gracePeriod: GoDuration.seconds(0) }),
        });
        break;
      case 1:
        new NetworkChaosExperiment(app.experiments, `e${i}-latency`, {
          target, action: NetworkChaosAction.DELAY, mode: SelectorMode.ALL,
          delay: { latency: GoDuration.parse('200ms'), jitter: GoDuration.parse('50ms'), correlation: 25 },
          duration: GoDuration.minutes(3), phases,
          steadyState: { url, thresholds: { minAvailabilityPercent: 99, maxP99Latency: GoDuration.seconds(1) }, healthCheck },
        });
        break;
      default: {
        const containment = ContainmentCheck.forTarget(app.platform, `e${i}-memory-stress-containment`, { experiment: `e${i}-memory-stress`, target });
        new MemoryStressExperiment(app.experiments, `e${i}-memory-stress`, {
          target, mode: SelectorMode.ONE, size: StressSize.megabytes(512), workers: 1, duration: GoDuration.minutes(2), phases,
          steadyState: { url, thresholds: { minAvailabilityPercent: 99 }, healthCheck },
          afterRecovery: [containment.taskTemplate()],
        });
      }
    }
  }
  return app;
}
