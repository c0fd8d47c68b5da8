import { App, Chart, Testing } from 'cdk8s';
import {
  BoundedSchedule, ChaosExperiment, MemoryStressExperiment, NetworkChaosAction, NetworkChaosExperiment, PodChaosAction,
  ScheduledFault, SelectorMode,
} from '../../lib/experiments';
import { ContainmentCheck, PresyncGuard } from '../../lib/guard';
import { ChaosTarget } from '../../lib/target';
import { GoDuration, StressSize } from '../../lib/units';

/**
 * The wiring the guard's public API is meant for (the reference stack's three experiments): a
 * PreSync guard per experiment built from the experiment itself, the memory stress experiment
 * with the containment Task after its recovery phase; RBAC, the shared script ConfigMaps and
 * the token Secret in the platform chart.
 */
function referenceApp() {
  const app: App = Testing.app();
  const platform = new Chart(app, 'platform');
  const experiments = new Chart(app, 'experiments');
  const phases = { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(1) };

  const podinfo = ChaosTarget.fromDeclaration({
    namespace: 'podinfo', labels: { 'app.kubernetes.io/name': 'podinfo' }, replicas: 2, memoryLimit: '256Mi',
  });
  const guard = (experiment: ChaosExperiment) =>
    PresyncGuard.forExperiment(experiment, 'guard', experiment, { guardNamespace: 'chaos-probes', supportScope: platform });

  guard(new BoundedSchedule(experiments, 'podinfo-kill', {
    schedule: '*/30 * * * * *', deadline: GoDuration.minutes(5), historyLimit: 5, phases,
    fault: ScheduledFault.podChaos({ target: podinfo, action: PodChaosAction.POD_KILL, mode: SelectorMode.ONE, gracePeriod: GoDuration.seconds(0) }),
  }));
  guard(new NetworkChaosExperiment(experiments, 'podinfo-latency', {
    target: podinfo, action: NetworkChaosAction.DELAY, mode: SelectorMode.ALL, duration: GoDuration.minutes(3), phases,
    delay: { latency: GoDuration.parse('200ms'), jitter: GoDuration.parse('50ms'), correlation: 25 },
  }));
  const containment = ContainmentCheck.forTarget(platform, 'podinfo-memory-stress-containment', {
    experiment: 'podinfo-memory-stress', target: podinfo,
  });
  guard(new MemoryStressExperiment(experiments, 'podinfo-memory-stress', {
    target: podinfo,
    size: StressSize.parse('512MB'),
    duration: GoDuration.minutes(2),
    phases,
    afterRecovery: [containment.taskTemplate()],
  }));
  return { app, platform: Testing.synth(platform), experiments: Testing.synth(experiments) };
}

const jobOf = (experiments: any[], readable: string) => experiments.find((o) => o.kind === 'Job' && o.metadata.name === `${readable}-presync-guard`);
const envOf = (job: any) => Object.fromEntries(job.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));

test('platform gets the inert RBAC and one script ConfigMap per namespace; experiments get the Workflows and the hook Jobs', () => {
  const { platform, experiments } = referenceApp();
  const count = (objects: any[]) => objects.reduce((m: Record<string, number>, o) => ({ ...m, [o.kind]: (m[o.kind] ?? 0) + 1 }), {});
  expect(count(platform)).toEqual({
    ServiceAccount: 4, Role: 4, RoleBinding: 4, ConfigMap: 2, Secret: 1, ClusterRole: 1, ClusterRoleBinding: 1,
  });
  expect(platform.filter((o) => o.kind === 'ConfigMap').map((o) => `${o.metadata.namespace}/${o.metadata.name}`).sort()).toEqual([
    'chaos-mesh/containment-check-script', 'chaos-probes/presync-guard-script',
  ]);
  expect(count(experiments)).toEqual({ Workflow: 3, Job: 3 });
  // Every Job mounts the one guard script.
  for (const job of experiments.filter((o) => o.kind === 'Job')) {
    expect(job.spec.template.spec.volumes.find((v: any) => v.name === 'script').configMap.name).toBe('presync-guard-script');
  }
});

test('only the memory stress guard checks memory limits (and may read pods)', () => {
  const { platform, experiments } = referenceApp();
  expect(['podinfo-kill', 'podinfo-latency', 'podinfo-memory-stress'].map((n) => envOf(jobOf(experiments, n)).GUARD_CHECK_MEMORY_LIMIT))
    .toEqual(['false', 'false', 'true']);
  const podReaders = platform.filter((o) => o.kind === 'Role' && o.rules.some((r: any) => r.resources.includes('pods')));
  expect(podReaders.map((r) => `${r.metadata.namespace}/${r.metadata.name}`)).toEqual(['podinfo/podinfo-memory-stress-presync-guard']);
});

test('the Workflow runs the containment Task after recovery, in the namespace of its Secret and ConfigMap', () => {
  const { platform, experiments } = referenceApp();
  const wf = experiments.find((o) => o.kind === 'Workflow' && o.metadata.labels['cdk8s-chaos-mesh.io/experiment'] === 'podinfo-memory-stress');
  const serial = wf.spec.templates.find((t: any) => t.templateType === 'Serial');
  expect(serial.children.slice(-2)).toEqual(['recovery', 'containment-check']);
  const task = wf.spec.templates.find((t: any) => t.name === 'containment-check');
  const secretName = task.task.volumes.find((v: any) => v.secret).secret.secretName;
  const secret = platform.find((o) => o.kind === 'Secret');
  expect(secret.metadata.name).toBe(secretName);
  expect(secret.metadata.namespace).toBe(wf.metadata.namespace);
  const configMap = platform.find((o) => o.kind === 'ConfigMap' && o.metadata.name === task.task.volumes.find((v: any) => v.configMap).configMap.name);
  expect(configMap.metadata.namespace).toBe(wf.metadata.namespace);
  // The Workflow is content-named: the Task does not embed its name (it reads its pod label).
  expect(wf.metadata.name).toMatch(/^podinfo-memory-stress-[0-9a-f]{8}$/);
  expect(JSON.stringify(task)).not.toContain(wf.metadata.name);
});

test('each guard checks the same selector and declared facts its experiment carries', () => {
  const { experiments } = referenceApp();
  for (const wf of experiments.filter((o) => o.kind === 'Workflow')) {
    const readable = wf.metadata.labels['cdk8s-chaos-mesh.io/experiment'];
    const fault = wf.spec.templates.find((t: any) => ['Schedule', 'NetworkChaos', 'StressChaos'].includes(t.templateType));
    const body = fault.schedule?.podChaos ?? fault.networkChaos ?? fault.stressChaos;
    const env = envOf(jobOf(experiments, readable));
    expect(env.GUARD_EXPERIMENT).toBe(readable);
    expect(env.GUARD_NAMESPACES).toBe(body.selector.namespaces.join(','));
    expect(env.GUARD_SELECTOR).toBe(Object.entries(body.selector.labelSelectors).map(([k, v]) => `${k}=${v}`).join(','));
    expect(env.GUARD_REPLICAS).toBe(wf.metadata.annotations['cdk8s-chaos-mesh.io/target-replicas']);
    if (fault.templateType === 'StressChaos') {
      expect(env.GUARD_MEMORY_LIMIT).toBe(wf.metadata.annotations['cdk8s-chaos-mesh.io/target-memory-limit']);
    } else {
      expect(env.GUARD_MEMORY_LIMIT).toBeUndefined();
    }
  }
});

test('the app\'s construct validation passes (the Task runs in the namespace of its Secret and ConfigMap)', () => {
  const { app } = referenceApp();
  expect(app.node.findAll().flatMap((c) => c.node.validate())).toEqual([]);
});
