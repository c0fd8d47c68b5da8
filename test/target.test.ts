import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { MemoryStressExperiment, SelectorMode } from '../lib/experiments';
import { ChaosTarget } from '../lib/target';
import { GoDuration, StressSize } from '../lib/units';
import { podinfo, PODINFO_FACTS, PODINFO_SELECTOR } from './fixtures/experiments/podinfo';

const IMAGE = 'ghcr.io/stefanprodan/podinfo:6.7.1';

function podinfoDeployment(chart: Chart, props: Partial<kplus.DeploymentProps> = {}) {
  const deployment = new kplus.Deployment(chart, 'podinfo', {
    metadata: { namespace: 'podinfo' },
    replicas: 2,
    select: false,
    containers: [{ name: 'podinfo', image: IMAGE, portNumber: 9898, resources: { memory: { limit: Size.mebibytes(256) } } }],
    ...props,
  });
  deployment.select(kplus.LabelSelector.of({ labels: { 'app.kubernetes.io/name': 'podinfo' } }));
  return deployment;
}

function stress(chart: Chart, target: ChaosTarget) {
  return new MemoryStressExperiment(chart, 'podinfo-memory-stress', {
    target, mode: SelectorMode.ONE, size: StressSize.parse('512MB'), duration: GoDuration.parse('2m'),
  });
}

const experimentOf = (chart: Chart) => Testing.synth(chart).find((o: any) => o.kind === 'StressChaos');

describe('ChaosTarget.fromWorkload', () => {
  test('a Deployment with a 256Mi limit and 2 replicas gives the same selector and facts as the declared target', () => {
    const fromApp = Testing.chart();
    const target = ChaosTarget.fromWorkload(podinfoDeployment(fromApp));
    stress(fromApp, target);
    const declared = Testing.chart();
    stress(declared, podinfo());

    expect(target.selector()).toEqual(podinfo().selector());
    expect(target.factAnnotations()).toEqual(podinfo().factAnnotations());
    expect([target.namespace, target.labels, target.replicas, target.memoryLimit])
      .toEqual(['podinfo', { 'app.kubernetes.io/name': 'podinfo' }, 2, '256Mi']);
    expect(experimentOf(fromApp)).toEqual(experimentOf(declared));
    expect(experimentOf(fromApp).spec.selector).toEqual(PODINFO_SELECTOR);
    expect(experimentOf(fromApp).metadata.annotations).toEqual(PODINFO_FACTS);
    expect(target.declared).toBe(false);
    expect(podinfo().declared).toBe(true);
  });

  test('uses the workload\'s own pod selector (cdk8s-plus auto-select label)', () => {
    const chart = new Chart(Testing.app(), 'apps', { namespace: 'podinfo' });
    const deployment = new kplus.Deployment(chart, 'web', { containers: [{ image: IMAGE, portNumber: 80 }] });
    const target = ChaosTarget.fromWorkload(deployment);
    expect(target.labels).toEqual(deployment.matchLabels);
    expect(Object.keys(target.labels)).toContain('cdk8s.io/metadata.addr');
    expect(target.namespace).toBe('podinfo');
    expect(target.replicas).toBe(2);
    expect(target.memoryLimit).toBe('2048Mi');
  });

  test('the memory limit is the smallest among the targeted containers', () => {
    const chart = Testing.chart();
    const deployment = podinfoDeployment(chart);
    deployment.addContainer({ name: 'sidecar', image: IMAGE, portNumber: 8080, resources: { memory: { limit: Size.gibibytes(1) } } });
    expect(ChaosTarget.fromWorkload(deployment).memoryLimit).toBe('256Mi');
    expect(ChaosTarget.fromWorkload(deployment, { containerNames: ['sidecar'] }).memoryLimit).toBe('1Gi');
  });

  test('a targeted container without a memory limit makes the limit unknown', () => {
    const chart = Testing.chart();
    const deployment = podinfoDeployment(chart);
    deployment.addContainer({ name: 'nolimit', image: IMAGE, portNumber: 8080, resources: { cpu: { limit: kplus.Cpu.millis(100) } } });
    const target = ChaosTarget.fromWorkload(deployment);
    expect(target.memoryLimit).toBeUndefined();
    expect(target.factAnnotations()).toEqual({ 'cdk8s-chaos-mesh.io/target-replicas': '2' });
  });

  test('facts are read at synth: a container added after the experiment is seen', () => {
    const chart = Testing.chart();
    const deployment = podinfoDeployment(chart);
    stress(chart, ChaosTarget.fromWorkload(deployment));
    deployment.addContainer({ name: 'small', image: IMAGE, portNumber: 8080, resources: { memory: { limit: Size.mebibytes(128) } } });
    expect(experimentOf(chart).metadata.annotations['cdk8s-chaos-mesh.io/target-memory-limit']).toBe('128Mi');
  });

  test('StatefulSet and DaemonSet replicas', () => {
    const chart = Testing.chart();
    const sts = new kplus.StatefulSet(chart, 'db', {
      metadata: { namespace: 'db' }, containers: [{ image: IMAGE, portNumber: 5432 }],
      service: new kplus.Service(chart, 'db-svc', { metadata: { namespace: 'db' }, clusterIP: 'None', ports: [{ port: 5432 }] }),
    });
    expect(ChaosTarget.fromWorkload(sts).replicas).toBe(1);
    const ds = new kplus.DaemonSet(chart, 'agent', { metadata: { namespace: 'agents' }, containers: [{ image: IMAGE, portNumber: 80 }] });
    expect(ChaosTarget.fromWorkload(ds).replicas).toBeUndefined();
    expect(ChaosTarget.fromWorkload(ds, { replicas: 3 }).replicas).toBe(3);
  });

  test('a workload without namespace needs the namespace option; a contradicting one is refused', () => {
    const chart = Testing.chart();
    const deployment = new kplus.Deployment(chart, 'web', { containers: [{ image: IMAGE, portNumber: 80 }] });
    expect(() => ChaosTarget.fromWorkload(deployment)).toThrow(/the workload has no namespace .*pass the namespace option/);
    expect(ChaosTarget.fromWorkload(deployment, { namespace: 'web' }).namespace).toBe('web');
    expect(() => ChaosTarget.fromWorkload(podinfoDeployment(chart), { namespace: 'other' }))
      .toThrow(/namespace "other" contradicts the workload's namespace "podinfo"/);
  });

  test('unknown containerNames are refused', () => {
    const chart = Testing.chart();
    expect(() => ChaosTarget.fromWorkload(podinfoDeployment(chart), { containerNames: ['app'] }))
      .toThrow(/containerNames "app" not found in the workload \(containers: "podinfo"\)/);
  });
});

describe('ChaosTarget.fromDeclaration', () => {
  test('memory limit as a cdk8s Size or a quantity', () => {
    const base = { namespace: 'podinfo', labels: { app: 'podinfo' }, replicas: 2 };
    expect(ChaosTarget.fromDeclaration({ ...base, memoryLimit: Size.mebibytes(256) }).memoryLimit).toBe('256Mi');
    const target = ChaosTarget.fromDeclaration({ ...base, memoryLimit: '0.5Gi' });
    expect(target.memoryLimit).toBe('0.5Gi');
    expect(target.memoryLimitBytes).toBe(536870912n);
  });

  test('labels are copied, not shared', () => {
    const labels: Record<string, string> = { app: 'podinfo' };
    const target = ChaosTarget.fromDeclaration({ namespace: 'podinfo', labels, replicas: 2 });
    labels.app = 'changed';
    expect(target.labels).toEqual({ app: 'podinfo' });
  });

  test.each<[string, object, RegExp]>([
    ['empty labels', { labels: {} }, /labels is empty/],
    ['a bad label key', { labels: { 'bad key': 'x' } }, /labels key "bad key" is not a valid label key/],
    ['a bad label value', { labels: { app: 'no spaces' } }, /labels value "no spaces" of "app" is not a valid label value/],
    ['negative replicas', { replicas: -1 }, /replicas -1 is not allowed: use an integer >= 0/],
    ['a bad namespace', { namespace: 'Podinfo' }, /namespace "Podinfo" is not a valid name/],
    ['a memory limit that is not a quantity', { memoryLimit: '256MB' }, /memoryLimit "256MB" is not a Kubernetes quantity/],
    ['a zero memory limit', { memoryLimit: '0' }, /memoryLimit "0" must be positive/],
    ['duplicate containerNames', { containerNames: ['a', 'a'] }, /containerNames names "a" twice/],
  ])('refuses %s', (_name, props, message) => {
    expect(() => ChaosTarget.fromDeclaration({
      namespace: 'podinfo', labels: { app: 'podinfo' }, replicas: 2, ...props,
    })).toThrow(message);
  });
});
