/**
 * The reference stack: Chaos Mesh 2.8.2 on k3s, dashboard access, and the three experiments of
 * the reference validation against podinfo (2 replicas, 256Mi memory limit, owned by another repo),
 * each with an availability probe and a PreSync guard. `npx cdk8s synth` writes dist/.
 */
import {
  CaBundle, ChaosExperiment, ChaosMeshApp, ChaosMeshInstall, ChaosTarget, ContainmentCheck, DashboardAccess,
  DashboardAccessLevel, BoundedSchedule, GoDuration, MemoryStressExperiment, NetworkChaosAction, NetworkChaosExperiment,
  PodChaosAction, PresyncGuard, ProbeJob, ProbeThresholds, RestrictedNamespace, RuntimePreset, ScheduledFault,
  SelectorMode, statusCheckTemplate, StressSize, synthOrExit,
} from './lib';

/** Where probes and guards run: a namespace of their own at Pod Security "restricted". */
const RUNNER_NAMESPACE = 'chaos-probes';

/** The service whose steady state every experiment must keep, and its private CA. */
const PROBE_URL = 'https://podinfo.10.0.0.200.nip.io/version';
const PROBE_CA = CaBundle.fromConfigMap('minicloud-ca', 'ca.crt');

/**
 * What the Chaos Mesh controller checks while a fault runs: podinfo's Service, from inside the
 * cluster. Three failed checks in a row abort the Workflow, so the experiment stops itself.
 */
const healthCheck = (deadline: GoDuration) => statusCheckTemplate({
  name: 'podinfo-health', deadline, url: 'http://podinfo.podinfo.svc:9898/version', failureThreshold: 3,
});

/** One minute before and after each fault, so the probe log compares before, during and after. */
const phases = { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(1) };

synthOrExit(() => {
  const app = new ChaosMeshApp({
    gitOps: { repoURL: 'https://git.example.com/platform/chaos-engineering.git', targetRevision: 'main', path: 'dist' },
  });

  new ChaosMeshInstall(app.platform, 'chaos-mesh', {
    runtime: RuntimePreset.K3S,
    externalTargetNamespaces: ['podinfo'],
  });
  new RestrictedNamespace(app.platform, 'chaos-probes', { name: RUNNER_NAMESPACE });
  new DashboardAccess(app.platform, 'dashboard-access', { level: DashboardAccessLevel.CLUSTER_MANAGER });

  const podinfo = ChaosTarget.fromDeclaration({
    namespace: 'podinfo',
    labels: { 'app.kubernetes.io/name': 'podinfo' },
    replicas: 2,
    memoryLimit: '256Mi',
  });

  /** The probe covering every phase of `experiment`, and the guard that checks the live target first. */
  const safeguard = (experiment: ChaosExperiment, thresholds: ProbeThresholds) => {
    new ProbeJob(experiment, 'probe', {
      url: PROBE_URL,
      caBundle: PROBE_CA,
      namespace: RUNNER_NAMESPACE,
      name: `${experiment.readableName}-probe`,
      phases: experiment.phases.map((p) => ({ name: p.name, duration: p.length })),
      thresholds,
      supportScope: app.platform,
    });
    PresyncGuard.forExperiment(experiment, 'guard', experiment, { guardNamespace: RUNNER_NAMESPACE, supportScope: app.platform });
  };

  // Experiment 1: a pod kill every 30 s, bounded by a 5 minute deadline (a bare Schedule never stops).
  const kill = new BoundedSchedule(app.experiments, 'podinfo-kill', {
    schedule: '*/30 * * * * *',
    deadline: GoDuration.minutes(5),
    historyLimit: 5,
    phases,
    statusCheck: healthCheck(GoDuration.minutes(5)),
    fault: ScheduledFault.podChaos({
      target: podinfo,
      action: PodChaosAction.POD_KILL,
      mode: SelectorMode.ONE,
      gracePeriod: GoDuration.seconds(0),
    }),
  });
  safeguard(kill, { minAvailabilityPercent: 99.5, maxUnreachable: GoDuration.seconds(3) });

  // Experiment 2: 200ms ± 50ms latency (correlation 25) for 3 minutes.
  const latency = new NetworkChaosExperiment(app.experiments, 'podinfo-latency', {
    target: podinfo,
    action: NetworkChaosAction.DELAY,
    mode: SelectorMode.ALL,
    delay: { latency: GoDuration.parse('200ms'), jitter: GoDuration.parse('50ms'), correlation: 25 },
    duration: GoDuration.minutes(3),
    phases,
    statusCheck: healthCheck(GoDuration.minutes(3)),
  });
  safeguard(latency, { minAvailabilityPercent: 99, maxP99Latency: GoDuration.seconds(1) });

  // Experiment 3: a 512MB memory stressor against the 256Mi-limited container (≤ 2× the limit),
  // then a check that no node-mate of the target restarted.
  const containment = ContainmentCheck.forTarget(app.platform, 'podinfo-memory-stress-containment', {
    experiment: 'podinfo-memory-stress',
    target: podinfo,
  });
  const memory = new MemoryStressExperiment(app.experiments, 'podinfo-memory-stress', {
    target: podinfo,
    mode: SelectorMode.ONE,
    size: StressSize.megabytes(512),
    workers: 1,
    duration: GoDuration.minutes(2),
    phases,
    statusCheck: healthCheck(GoDuration.minutes(2)),
    afterRecovery: [containment.taskTemplate()],
  });
  safeguard(memory, { minAvailabilityPercent: 99 }); // a memory stress: the guard also checks the live memory limit

  return app;
});
