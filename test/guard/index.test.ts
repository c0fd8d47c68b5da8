import { App, Chart, Testing } from 'cdk8s';
import { MemoryStressExperiment } from '../../lib/experiments';
import { ContainmentCheck, PresyncGuard } from '../../lib/guard';
import { ChaosTarget } from '../../lib/target';
import { GoDuration, StressSize } from '../../lib/units';

/**
 * The wiring the guard's public API is meant for (reference experiment 3): the memory stress
 * experiment with the containment Task after its recovery phase and the PreSync guard in the
 * experiments chart; RBAC, ConfigMaps and the token Secret in the platform chart.
 */
function referenceApp() {
  const app: App = Testing.app();
  const platform = new Chart(app, 'platform');
  const experiments = new Chart(app, 'experiments');

  const podinfo = ChaosTarget.fromDeclaration({
    namespace: 'podinfo', labels: { 'app.kubernetes.io/name': 'podinfo' }, replicas: 2, memoryLimit: '256Mi',
  });
  const target = {
    experiment: 'podinfo-memory-stress',
    namespaces: [podinfo.namespace],
    labels: podinfo.labels,
  };
  const containment = new ContainmentCheck(platform, 'podinfo-memory-stress-containment', target);
  new MemoryStressExperiment(experiments, 'podinfo-memory-stress', {
    target: podinfo,
    size: StressSize.parse('512MB'),
    duration: GoDuration.minutes(2),
    phases: { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(1) },
    afterRecovery: [containment.taskTemplate()],
  });
  new PresyncGuard(experiments, 'podinfo-memory-stress-guard', {
    ...target,
    replicas: podinfo.replicas!,
    memoryLimit: podinfo.memoryLimit,
    supportScope: platform,
  });
  return { platform: Testing.synth(platform), experiments: Testing.synth(experiments) };
}

test('platform gets the inert RBAC and scripts; experiments get the Workflow and the hook Job', () => {
  const { platform, experiments } = referenceApp();
  expect(platform.map((o) => o.kind).sort()).toEqual([
    'ClusterRole', 'ClusterRoleBinding', 'ConfigMap', 'ConfigMap', 'Role', 'Role', 'RoleBinding', 'RoleBinding',
    'Secret', 'ServiceAccount', 'ServiceAccount',
  ]);
  expect(experiments.map((o) => o.kind).sort()).toEqual(['Job', 'Workflow']);
});

test('the Workflow runs the containment Task after recovery, in the namespace of its Secret and ConfigMap', () => {
  const { platform, experiments } = referenceApp();
  const wf = experiments.find((o) => o.kind === 'Workflow');
  const serial = wf.spec.templates.find((t: any) => t.templateType === 'Serial');
  expect(serial.children.slice(-2)).toEqual(['recovery', 'containment-check']);
  const task = wf.spec.templates.find((t: any) => t.name === 'containment-check');
  const secretName = task.task.volumes.find((v: any) => v.secret).secret.secretName;
  const secret = platform.find((o) => o.kind === 'Secret');
  expect(secret.metadata.name).toBe(secretName);
  expect(secret.metadata.namespace).toBe(wf.metadata.namespace);
  // The Workflow is content-named: the Task does not embed its name (it reads its pod label).
  expect(wf.metadata.name).toMatch(/^podinfo-memory-stress-[0-9a-f]{8}$/);
  expect(JSON.stringify(task)).not.toContain(wf.metadata.name);
});

test('the guard checks the same selector and declared facts the experiment carries', () => {
  const { experiments } = referenceApp();
  const wf = experiments.find((o) => o.kind === 'Workflow');
  const stress = wf.spec.templates.find((t: any) => t.templateType === 'StressChaos').stressChaos;
  const job = experiments.find((o) => o.kind === 'Job');
  const env = Object.fromEntries(job.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));
  expect(env.GUARD_NAMESPACES).toBe(stress.selector.namespaces.join(','));
  expect(env.GUARD_SELECTOR).toBe(Object.entries(stress.selector.labelSelectors).map(([k, v]) => `${k}=${v}`).join(','));
  expect(env.GUARD_MEMORY_LIMIT).toBe(wf.metadata.annotations['cdk8s-chaos-mesh.io/target-memory-limit']);
  expect(env.GUARD_REPLICAS).toBe(wf.metadata.annotations['cdk8s-chaos-mesh.io/target-replicas']);
});
