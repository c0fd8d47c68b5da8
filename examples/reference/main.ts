/**
 * The reference stack: Chaos Mesh 2.8.2 on k3s, dashboard access, and the three experiments of
 * the reference validation against podinfo (2 replicas, 256Mi memory limit, owned by another repo),
 * each with an availability probe and a PreSync guard, then the same three faults chained in one
 * GameDay. `npx cdk8s synth` writes dist/.
 */
import {
  BoundedSchedule, CaBundle, ChaosMeshApp, ChaosMeshInstall, ChaosTarget, ContainmentCheck, DashboardAccess, DashboardAccessLevel,
  GameDay, GameDayStep, GoDuration, HealthCheck, MemoryStressExperiment, NetworkChaosAction, NetworkChaosExperiment, PodChaosAction, RuntimePreset,
  ScheduledFault, SelectorMode, StressSize, synthOrExit,
} from 'cdk8s-chaos-mesh';

/** The service whose steady state every experiment must keep, as its users reach it. */
const PROBE_URL = 'https://podinfo.10.0.0.200.nip.io/version';

/**
 * What the Chaos Mesh controller checks while a fault runs: podinfo's Service, from inside the
 * cluster. Three failed checks in a row abort the Workflow, so the experiment stops itself.
 */
const healthCheck: HealthCheck = { name: 'podinfo-health', url: 'http://podinfo.podinfo.svc:9898/version', failureThreshold: 3 };

/** One minute before and after each fault, so the probe log compares before, during and after. */
const phases = { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(1) };

synthOrExit(() => {
  // Probes and guards run in "chaos-probes" (the default runner namespace, Pod Security "restricted"),
  // and trust the cluster's private CA.
  const app = new ChaosMeshApp({
    gitOps: { repoURL: 'https://git.example.com/platform/chaos-engineering.git', targetRevision: 'main', path: 'dist' },
    safeguards: { caBundle: CaBundle.fromConfigMap('minicloud-ca', 'ca.crt') },
  });

  new ChaosMeshInstall(app.platform, 'chaos-mesh', {
    runtime: RuntimePreset.K3S,
    externalTargetNamespaces: ['podinfo'],
  });
  new DashboardAccess(app.platform, 'dashboard-access', { level: DashboardAccessLevel.CLUSTER_MANAGER });

  const podinfo = ChaosTarget.fromDeclaration({
    namespace: 'podinfo',
    labels: { 'app.kubernetes.io/name': 'podinfo' },
    replicas: 2,
    memoryLimit: '256Mi',
  });

  // The three faults of the reference validation, each run alone below and then chained in a GameDay.
  // 1. a pod kill every 30 s, bounded by a 5 minute deadline (a bare Schedule never stops);
  const podKill = {
    schedule: '*/30 * * * * *',
    deadline: GoDuration.minutes(5),
    historyLimit: 5,
    fault: ScheduledFault.podChaos({
      target: podinfo,
      action: PodChaosAction.POD_KILL,
      mode: SelectorMode.ONE,
      gracePeriod: GoDuration.seconds(0),
    }),
  };
  // 2. 200ms ± 50ms latency (correlation 25) for 3 minutes;
  const latency = {
    target: podinfo,
    action: NetworkChaosAction.DELAY,
    mode: SelectorMode.ALL,
    delay: { latency: GoDuration.parse('200ms'), jitter: GoDuration.parse('50ms'), correlation: 25 },
    duration: GoDuration.minutes(3),
  };
  // 3. a 512MB memory stressor against the 256Mi-limited container (≤ 2× the limit) for 2 minutes.
  const memoryStress = {
    target: podinfo,
    mode: SelectorMode.ONE,
    size: StressSize.megabytes(512),
    workers: 1,
    duration: GoDuration.minutes(2),
  };

  new BoundedSchedule(app.experiments, 'podinfo-kill', {
    ...podKill,
    phases,
    steadyState: { url: PROBE_URL, thresholds: { minAvailabilityPercent: 99.5, maxUnreachable: GoDuration.seconds(3) }, healthCheck },
  });

  new NetworkChaosExperiment(app.experiments, 'podinfo-latency', {
    ...latency,
    phases,
    steadyState: { url: PROBE_URL, thresholds: { minAvailabilityPercent: 99, maxP99Latency: GoDuration.seconds(1) }, healthCheck },
  });

  // The memory stress, then a check that no node-mate of the target restarted.
  const containment = ContainmentCheck.forTarget(app.platform, 'podinfo-memory-stress-containment', {
    experiment: 'podinfo-memory-stress',
    target: podinfo,
  });
  new MemoryStressExperiment(app.experiments, 'podinfo-memory-stress', {
    ...memoryStress,
    phases,
    // A memory stress: the guard also checks the live memory limit.
    steadyState: { url: PROBE_URL, thresholds: { minAvailabilityPercent: 99 }, healthCheck },
    afterRecovery: [containment.taskTemplate()],
  });

  // The GameDay: the three faults in one run, one minute of recovery between them, one probe over
  // all 14 minutes, one health check that aborts the whole run, and a guard that checks the replicas
  // and (for the memory stress) the live memory limit before the sync.
  new GameDay(app.experiments, 'podinfo-gameday', {
    phases,
    steadyState: {
      url: PROBE_URL,
      thresholds: { minAvailabilityPercent: 99, maxP99Latency: GoDuration.seconds(1), maxUnreachable: GoDuration.seconds(3) },
      healthCheck,
    },
    steps: [
      GameDayStep.schedule(podKill),
      GameDayStep.pause(GoDuration.minutes(1)),
      GameDayStep.networkChaos(latency),
      GameDayStep.pause(GoDuration.minutes(1)),
      GameDayStep.memoryStress(memoryStress),
    ],
  });

  return app;
});
