import { ApiObject, Chart, JsonPatch, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  BoundedSchedule, CpuStressExperiment, JvmChaosAction, JvmChaosExperiment, MemoryStressExperiment, NetworkChaosAction, NetworkChaosExperiment, PodChaosAction,
  PodChaosExperiment, ScheduledFault, SelectorMode,
} from '../../lib/experiments';
import { PresyncGuard } from '../../lib/guard';
import { ChaosTarget } from '../../lib/target';
import { GoDuration, StressSize } from '../../lib/units';
import { grantedResources } from './_rbac';

/**
 * lib/guard/_experiment-facts.ts through its public entry, PresyncGuard.forExperiment: every fact
 * the guard checks comes from the experiment, so the two cannot disagree.
 */

const byKind = (objects: any[], kind: string) => objects.filter((o) => o.kind === kind);

describe('forExperiment', () => {
  const phases = { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(1) };
  const podinfo = (over: Partial<Parameters<typeof ChaosTarget.fromDeclaration>[0]> = {}) => ChaosTarget.fromDeclaration({
    namespace: 'podinfo', labels: { 'app.kubernetes.io/name': 'podinfo' }, replicas: 2, memoryLimit: '256Mi', ...over,
  });
  const envOf = (objects: any[]) => Object.fromEntries(byKind(objects, 'Job')[0].spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));
  const memoryStress = (chart: Chart, target = podinfo(), containerNames?: string[]) => new MemoryStressExperiment(chart, 'podinfo-memory-stress', {
    target, size: StressSize.parse('512MB'), duration: GoDuration.minutes(2), phases, ...(containerNames ? { containerNames } : {}),
  });
  /** The experiment's object (not the guard's Job). */
  const chaosObject = (objects: any[]) => objects.find((o) => o.apiVersion === 'chaos-mesh.org/v1alpha1');

  test('a memory stress: every fact from the experiment, the memory check on, and they match its annotations', () => {
    const chart = Testing.chart();
    const experiment = memoryStress(chart, podinfo({ containerNames: ['podinfo'] }));
    const guard = PresyncGuard.forExperiment(experiment, 'guard', experiment, { guardNamespace: 'ops' });
    const objects = Testing.synth(chart);
    const env = envOf(objects);
    expect(env).toEqual({
      HOME: '/tmp',
      GUARD_EXPERIMENT: 'podinfo-memory-stress',
      GUARD_NAMESPACES: 'podinfo',
      GUARD_SELECTOR: 'app.kubernetes.io/name=podinfo',
      GUARD_REPLICAS: '2',
      GUARD_CHECK_MEMORY_LIMIT: 'true',
      GUARD_MEMORY_LIMIT: '256Mi',
      GUARD_CONTAINERS: 'podinfo',
    });
    const annotations = chaosObject(objects).metadata.annotations;
    expect(env.GUARD_MEMORY_LIMIT).toBe(annotations['cdk8s-chaos-mesh.io/target-memory-limit']);
    expect(env.GUARD_REPLICAS).toBe(annotations['cdk8s-chaos-mesh.io/target-replicas']);
    expect(guard.names.job).toBe('podinfo-memory-stress-presync-guard');
    expect(byKind(objects, 'Job')[0].metadata.namespace).toBe('ops');
    expect(grantedResources(byKind(objects, 'Role')[0].rules)).toContain('/pods');
  });

  test('the stressed containers are the fault\'s containerNames (an experiment may narrow the target\'s)', () => {
    const chart = Testing.chart();
    const experiment = memoryStress(chart, podinfo({ containerNames: ['podinfo', 'sidecar'] }), ['sidecar']);
    PresyncGuard.forExperiment(experiment, 'guard', experiment);
    expect(envOf(Testing.synth(chart)).GUARD_CONTAINERS).toBe('sidecar');
  });

  test.each<[string, (chart: Chart) => any]>([
    ['a pod kill schedule', (chart) => new BoundedSchedule(chart, 'podinfo-kill', {
      schedule: '*/30 * * * * *', deadline: GoDuration.minutes(5), phases,
      fault: ScheduledFault.podChaos({ target: podinfo(), action: PodChaosAction.POD_KILL, mode: SelectorMode.ONE, gracePeriod: GoDuration.seconds(0) }),
    })],
    ['a latency', (chart) => new NetworkChaosExperiment(chart, 'podinfo-latency', {
      target: podinfo(), action: NetworkChaosAction.DELAY, mode: SelectorMode.ALL, duration: GoDuration.minutes(3),
      delay: { latency: GoDuration.parse('200ms') },
    })],
    ['a CPU stress (a StressChaos too)', (chart) => new CpuStressExperiment(chart, 'podinfo-cpu', {
      target: podinfo(), load: 80, workers: 1, duration: GoDuration.minutes(2),
    })],
    ['a pod failure', (chart) => new PodChaosExperiment(chart, 'podinfo-failure', {
      target: podinfo(), action: PodChaosAction.POD_FAILURE, mode: SelectorMode.ONE, duration: GoDuration.minutes(1),
    })],
    ['a JVM CPU stress', (chart) => new JvmChaosExperiment(chart, 'podinfo-jvm-cpu', {
      target: podinfo(), action: JvmChaosAction.STRESS, cpuCount: 1, duration: GoDuration.minutes(1),
    })],
    ['a JVM latency', (chart) => new JvmChaosExperiment(chart, 'podinfo-jvm-latency', {
      target: podinfo(), action: JvmChaosAction.LATENCY, javaClass: 'com.example.Api', method: 'handle',
      latency: GoDuration.millis(200), duration: GoDuration.minutes(1),
    })],
  ])('%s: replicas only, no memory check, no pod access', (_name, build) => {
    const chart = Testing.chart();
    const experiment = build(chart);
    PresyncGuard.forExperiment(experiment, 'guard', experiment);
    const objects = Testing.synth(chart);
    const env = envOf(objects);
    expect(env.GUARD_CHECK_MEMORY_LIMIT).toBe('false');
    expect(env.GUARD_MEMORY_LIMIT).toBeUndefined();
    expect(env.GUARD_EXPERIMENT).toBe(experiment.readableName);
    expect(env.GUARD_REPLICAS).toBe('2');
    expect(grantedResources(byKind(objects, 'Role')[0].rules)).toEqual(['apps/daemonsets', 'apps/deployments', 'apps/statefulsets']);
  });

  // Every form of memory stress the safety rules know (CM001's memoryStresses), in every form an
  // experiment is emitted in: each needs the live memory-limit check.
  test.each<[string, (chart: Chart) => any]>([
    ['a JVM heap stress', (chart) => new JvmChaosExperiment(chart, 'podinfo-jvm-heap', {
      target: podinfo({ containerNames: ['podinfo'] }), action: JvmChaosAction.STRESS, memoryType: 'heap',
      duration: GoDuration.minutes(1),
    })],
    ['a JVM stack stress in a Workflow', (chart) => new JvmChaosExperiment(chart, 'podinfo-jvm-stack', {
      target: podinfo({ containerNames: ['podinfo'] }), action: JvmChaosAction.STRESS, memoryType: 'stack',
      duration: GoDuration.minutes(1), phases,
    })],
    ['a CPU stress patched to carry stress-ng options', (chart) => {
      const cpu = new CpuStressExperiment(chart, 'podinfo-stress-ng', {
        target: podinfo({ containerNames: ['podinfo'] }), load: 50, duration: GoDuration.minutes(1),
      });
      ApiObject.of(cpu).addJsonPatch(JsonPatch.add('/spec/stressngStressors', '--vm 1 --vm-bytes 200M'));
      return cpu;
    }],
  ])('%s: the memory check is on, with the limit and pod access', (_name, build) => {
    const chart = Testing.chart();
    const experiment = build(chart);
    PresyncGuard.forExperiment(experiment, 'guard', experiment);
    const objects = Testing.synth(chart);
    const env = envOf(objects);
    expect([env.GUARD_CHECK_MEMORY_LIMIT, env.GUARD_MEMORY_LIMIT, env.GUARD_CONTAINERS]).toEqual(['true', '256Mi', 'podinfo']);
    expect(grantedResources(byKind(objects, 'Role')[0].rules)).toContain('/pods');
  });

  test('a JVM memory stress whose target has no known memory limit is refused', () => {
    const chart = Testing.chart();
    const experiment = new JvmChaosExperiment(chart, 'podinfo-jvm-heap', {
      target: podinfo({ memoryLimit: undefined }), action: JvmChaosAction.STRESS, memoryType: 'heap',
      duration: GoDuration.minutes(1),
    });
    expect(() => PresyncGuard.forExperiment(experiment, 'guard', experiment)).toThrow(/"podinfo-jvm-heap" is a memory stress, but its target .* has no known memory limit/);
  });

  test('a BoundedSchedule of a memory stress counts as a memory stress', () => {
    const chart = Testing.chart();
    const experiment = new BoundedSchedule(chart, 'podinfo-memory-schedule', {
      schedule: '@every 1m', deadline: GoDuration.minutes(5),
      fault: ScheduledFault.memoryStress({ target: podinfo({ containerNames: ['podinfo'] }), size: StressSize.parse('256MB'), duration: GoDuration.seconds(30) }),
    });
    expect(experiment.faultType).toBe('Schedule');
    PresyncGuard.forExperiment(experiment, 'guard', experiment);
    const env = envOf(Testing.synth(chart));
    expect([env.GUARD_CHECK_MEMORY_LIMIT, env.GUARD_MEMORY_LIMIT, env.GUARD_CONTAINERS]).toEqual(['true', '256Mi', 'podinfo']);
  });

  test('refuses a memory stress whose target has no known memory limit', () => {
    const chart = Testing.chart();
    const experiment = memoryStress(chart, podinfo({ memoryLimit: undefined }));
    expect(() => PresyncGuard.forExperiment(experiment, 'guard', experiment)).toThrow(
      'PresyncGuard.forExperiment "test/podinfo-memory-stress/guard": experiment "podinfo-memory-stress" is a memory stress, '
      + 'but its target (namespace "podinfo") has no known memory limit',
    );
    // The same target is fine for a fault that does not stress memory.
    const latency = new NetworkChaosExperiment(chart, 'podinfo-latency', {
      target: podinfo({ memoryLimit: undefined }), action: NetworkChaosAction.DELAY, mode: SelectorMode.ALL,
      duration: GoDuration.minutes(3), delay: { latency: GoDuration.parse('200ms') },
    });
    expect(() => PresyncGuard.forExperiment(latency, 'guard', latency)).not.toThrow();
  });

  test('refuses a target whose replica count is unknown (a DaemonSet), naming the fix', () => {
    const chart = Testing.chart();
    const ds = new kplus.DaemonSet(chart, 'agent', {
      metadata: { namespace: 'agents' },
      containers: [{ name: 'agent', image: 'ghcr.io/example/agent:1.0.0', portNumber: 80, resources: { memory: { limit: Size.mebibytes(128) } } }],
    });
    const kill = (id: string, target: ChaosTarget) => new PodChaosExperiment(chart, id, {
      target, action: PodChaosAction.POD_FAILURE, mode: SelectorMode.ONE, duration: GoDuration.minutes(1),
    });
    const unknown = kill('agent-failure', ChaosTarget.fromWorkload(ds));
    expect(() => PresyncGuard.forExperiment(unknown, 'guard', unknown)).toThrow(/replica count is unknown .* ChaosTarget.fromWorkload\(workload, \{ replicas: 3 \}\)/);
    const known = kill('agent-failure-3', ChaosTarget.fromWorkload(ds, { replicas: 3 }));
    PresyncGuard.forExperiment(known, 'guard', known);
    expect(envOf(Testing.synth(chart).filter((o) => o.metadata.name === `${known.readableName}-presync-guard`)).GUARD_REPLICAS).toBe('3');
  });

  test('a workload target changed after the guard was built: the guard writes what the experiment writes', () => {
    const chart = Testing.chart();
    const deployment = new kplus.Deployment(chart, 'podinfo', {
      metadata: { namespace: 'podinfo' }, replicas: 2,
      containers: [{ name: 'podinfo', image: 'ghcr.io/stefanprodan/podinfo:6.7.1', portNumber: 9898, resources: { memory: { limit: Size.mebibytes(256) } } }],
    });
    const experiment = memoryStress(chart, ChaosTarget.fromWorkload(deployment));
    PresyncGuard.forExperiment(experiment, 'guard', experiment);
    deployment.addContainer({ name: 'sidecar', image: 'ghcr.io/example/sidecar:1.0.0', portNumber: 8080, resources: { memory: { limit: Size.mebibytes(128) } } });
    const objects = Testing.synth(chart);
    const env = envOf(objects);
    expect(env.GUARD_MEMORY_LIMIT).toBe('128Mi');
    expect(env.GUARD_MEMORY_LIMIT).toBe(chaosObject(objects).metadata.annotations['cdk8s-chaos-mesh.io/target-memory-limit']);
    expect(env.GUARD_SELECTOR).toBe(Object.entries(deployment.matchLabels).map(([k, v]) => `${k}=${v}`).sort().join(','));
  });

  test('a change that would need other objects (the memory check patched away) fails at synth', () => {
    const chart = Testing.chart();
    const experiment = memoryStress(chart);
    PresyncGuard.forExperiment(experiment, 'guard', experiment);
    ApiObject.of(experiment).addJsonPatch(JsonPatch.replace('/spec/templates/2/stressChaos/stressors', { cpu: { workers: 1, load: 50 } }));
    expect(() => Testing.synth(chart)).toThrow(/the experiment changed after the guard was built .*memory check true -> false/);
  });
});

test('reading the experiment leaves its annotations alone (a fact the target loses later is not left behind)', () => {
  const chart = Testing.chart();
  const deployment = new kplus.Deployment(chart, 'podinfo', {
    metadata: { namespace: 'podinfo' }, replicas: 2,
    containers: [{ name: 'podinfo', image: 'ghcr.io/stefanprodan/podinfo:6.7.1', portNumber: 9898, resources: { memory: { limit: Size.mebibytes(256) } } }],
  });
  // A CPU stress is rendered to look for a memory stressor; the target's memory limit is a fact it carries.
  const experiment = new CpuStressExperiment(chart, 'podinfo-cpu', {
    target: ChaosTarget.fromWorkload(deployment), load: 80, workers: 1, duration: GoDuration.minutes(2),
  });
  PresyncGuard.forExperiment(experiment, 'guard', experiment);
  // A container without a memory limit: the smallest limit is now unknown.
  deployment.addContainer({ name: 'sidecar', image: 'ghcr.io/example/sidecar:1.0.0', portNumber: 8080, resources: { cpu: { limit: kplus.Cpu.millis(100) } } });
  const stress = Testing.synth(chart).find((o) => o.kind === 'StressChaos');
  expect(stress.metadata.annotations?.['cdk8s-chaos-mesh.io/target-memory-limit']).toBeUndefined();
  expect(stress.metadata.annotations?.['cdk8s-chaos-mesh.io/target-replicas']).toBe('2');
});
