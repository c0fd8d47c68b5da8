import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart, Testing, Yaml } from 'cdk8s';
import { Construct } from 'constructs';
import * as YAML from 'yaml';
import { ChaosMeshApp } from '../../lib/app';
import { MemoryStressExperiment } from '../../lib/experiments';
import { ContainmentCheck, ContainmentCheckProps, containmentCheckTask, CONTAINMENT_SCRIPT_CONFIGMAP } from '../../lib/guard';
import { ChaosTarget } from '../../lib/target';
import { GoDuration, StressSize } from '../../lib/units';
import { GUARD_DIR } from './_run-script';
import { expectReadOnly, grantedResources } from './_rbac';

const props: ContainmentCheckProps = {
  experiment: 'podinfo-memory-stress',
  namespaces: ['podinfo'],
  labels: { 'app.kubernetes.io/name': 'podinfo' },
};

function synth(p: ContainmentCheckProps = props) {
  const chart = Testing.chart();
  const check = new ContainmentCheck(chart, 'containment', p);
  return { check, objects: Testing.synth(chart) };
}

const one = (objects: any[], kind: string) => {
  const found = objects.filter((o) => o.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
};

test('all objects live in the chaos namespace (or are cluster-scoped RBAC)', () => {
  const { check, objects } = synth();
  expect(objects.map((o) => `${o.kind}/${o.metadata.namespace ?? '-'}/${o.metadata.name}`).sort()).toEqual([
    'ClusterRole/-/cdk8s-chaos-mesh:podinfo-memory-stress-containment-check',
    'ClusterRoleBinding/-/cdk8s-chaos-mesh:podinfo-memory-stress-containment-check',
    'ConfigMap/chaos-mesh/containment-check-script',
    'Role/chaos-mesh/podinfo-memory-stress-containment-check',
    'RoleBinding/chaos-mesh/podinfo-memory-stress-containment-check',
    'Secret/chaos-mesh/podinfo-memory-stress-containment-check-token',
    'ServiceAccount/chaos-mesh/podinfo-memory-stress-containment-check',
  ]);
  expect(check.objects).toHaveLength(7);
  const other = synth({ ...props, chaosNamespace: 'chaos-testing' }).objects;
  expect(new Set(other.filter((o) => o.metadata.namespace).map((o) => o.metadata.namespace))).toEqual(new Set(['chaos-testing']));
});

test('read-only RBAC: pods get/list cluster-wide, workflows get in the chaos namespace, nothing else', () => {
  const { objects } = synth();
  const clusterRole = one(objects, 'ClusterRole');
  expectReadOnly(clusterRole.rules);
  expect(grantedResources(clusterRole.rules)).toEqual(['/pods']);
  const role = one(objects, 'Role');
  expectReadOnly(role.rules, ['get']);
  expect(grantedResources(role.rules)).toEqual(['chaos-mesh.org/workflows']);
  for (const kind of ['ClusterRoleBinding', 'RoleBinding']) {
    const b = one(objects, kind);
    expect(b.subjects).toEqual([{ kind: 'ServiceAccount', name: 'podinfo-memory-stress-containment-check', namespace: 'chaos-mesh' }]);
    expect(b.roleRef.kind).toBe(kind.replace('Binding', ''));
  }
  expect(one(objects, 'ClusterRoleBinding').roleRef.name).toBe(clusterRole.metadata.name);
  expect(one(objects, 'RoleBinding').roleRef.name).toBe(role.metadata.name);
  // Nothing is granted to the namespace's default account.
  expect(objects.flatMap((o) => o.subjects ?? []).filter((s: any) => s.name === 'default')).toEqual([]);
});

test('the token Secret names its ServiceAccount by annotation and carries no data', () => {
  const { objects } = synth();
  const secret = one(objects, 'Secret');
  const sa = one(objects, 'ServiceAccount');
  expect(secret.type).toBe('kubernetes.io/service-account-token');
  expect(secret.metadata.annotations).toEqual({ 'kubernetes.io/service-account.name': sa.metadata.name });
  expect(secret.data).toBeUndefined();
  expect(secret.stringData).toBeUndefined();
  expect(sa.automountServiceAccountToken).toBe(false);
});

test('the ConfigMap holds lib/guard/containment-check.sh byte for byte, and a kubeconfig for the mounted token', () => {
  const { check, objects } = synth();
  const cm = one(objects, 'ConfigMap');
  const file = readFileSync(join(GUARD_DIR, 'containment-check.sh'));
  expect(Buffer.from(cm.data['containment-check.sh'], 'utf8').equals(file)).toBe(true);
  expect(check.script).toBe(file.toString('utf8'));
  expect(YAML.parse(Yaml.stringify(cm)).data['containment-check.sh']).toBe(file.toString('utf8'));
  const kubeconfig = YAML.parse(cm.data.kubeconfig);
  expect(kubeconfig.clusters[0].cluster.server).toBe('https://kubernetes.default.svc');
  expect(Object.keys(kubeconfig.users[0].user)).toEqual(['tokenFile']);
});

test('the Task template mounts exactly these objects, and its kubeconfig reads the mounted token', () => {
  const { check, objects } = synth();
  const task = check.taskTemplate();
  const volumes = Object.fromEntries(task.task.volumes.map((v: any) => [v.name, v]));
  expect(volumes.token.secret.secretName).toBe(one(objects, 'Secret').metadata.name);
  expect(volumes.script.configMap.name).toBe(one(objects, 'ConfigMap').metadata.name);
  const container: any = task.task.container;
  const mountOf = (name: string) => container.volumeMounts.find((m: any) => m.name === name).mountPath;
  const env = Object.fromEntries(container.env.map((e: any) => [e.name, e]));
  expect(env.KUBECONFIG.value).toBe(`${mountOf('script')}/kubeconfig`);
  const kubeconfig = YAML.parse(one(objects, 'ConfigMap').data.kubeconfig);
  expect(kubeconfig.users[0].user.tokenFile).toBe(`${mountOf('token')}/token`);
  expect(kubeconfig.clusters[0].cluster['certificate-authority']).toBe(`${mountOf('token')}/ca.crt`);
  expect(container.command).toEqual(['/bin/sh', `${mountOf('script')}/containment-check.sh`]);
});

test('taskTemplate() is containmentCheckTask() for the same target', () => {
  const { check } = synth({ ...props, containerNames: ['podinfo'], chaosNamespace: 'chaos-testing' });
  expect(check.taskTemplate({ name: 'verdict' })).toEqual(containmentCheckTask({ ...props, containerNames: ['podinfo'], name: 'verdict' }));
});

test('can sit in the platform chart while the Task goes into the experiment', () => {
  const app = Testing.app();
  const platform = new Chart(app, 'platform');
  const check = new ContainmentCheck(platform, 'containment', props);
  expect(Testing.synth(platform)).toHaveLength(7);
  expect(check.taskTemplate().templateType).toBe('Task');
});

test('refuses a bad target where it is declared', () => {
  expect(() => new ContainmentCheck(Testing.chart(), 'c', { ...props, labels: {} })).toThrow(/^ContainmentCheck "c": labels must hold/);
  expect(() => new ContainmentCheck(Testing.chart(), 'c', { ...props, chaosNamespace: 'Chaos' })).toThrow(/chaosNamespace "Chaos" is not a namespace name/);
});

describe('the shared script ConfigMap', () => {
  test('is emitted once per chaos namespace and chart, whatever the number of checks', () => {
    const chart = Testing.chart();
    const a = new ContainmentCheck(chart, 'a', props);
    const b = new ContainmentCheck(chart, 'b', { ...props, experiment: 'podinfo-cpu-stress' });
    const c = new ContainmentCheck(chart, 'c', { ...props, experiment: 'podinfo-other', chaosNamespace: 'chaos-testing' });
    const maps = Testing.synth(chart).filter((o) => o.kind === 'ConfigMap');
    expect(maps.map((m) => `${m.metadata.namespace}/${m.metadata.name}`)).toEqual([
      'chaos-mesh/containment-check-script', 'chaos-testing/containment-check-script',
    ]);
    expect(a.configMap).toBe(b.configMap);
    expect(c.configMap).not.toBe(a.configMap);
    // Labels name no experiment: the object belongs to all of them.
    expect(maps[0].metadata.labels).toEqual({ 'app.kubernetes.io/name': 'containment-check', 'app.kubernetes.io/part-of': 'cdk8s-chaos-mesh' });
    // Each Task mounts it by its shared name; the per-experiment objects stay per experiment.
    for (const check of [a, b]) {
      expect((check.taskTemplate().task.volumes as any[]).find((v) => v.name === 'script').configMap.name).toBe(CONTAINMENT_SCRIPT_CONFIGMAP);
    }
    expect(a.tokenSecret.name).not.toBe(b.tokenSecret.name);
  });

  test('sits on the chart root, so checks in nested constructs share it too', () => {
    const chart = Testing.chart();
    const b = new ContainmentCheck(new Construct(chart, 'group'), 'b', { ...props, experiment: 'other' });
    const c = new ContainmentCheck(chart, 'c', { ...props, experiment: 'third' });
    expect(b.configMap).toBe(c.configMap);
    expect(chart.node.tryFindChild('containment-check-script-chaos-mesh')).toBe(b.configMap);
    expect(Testing.synth(chart).filter((o) => o.kind === 'ConfigMap')).toHaveLength(1);
  });

  test('a second chart of the same app emitting it is refused', () => {
    const app = Testing.app();
    new ContainmentCheck(new Chart(app, 'platform'), 'a', props);
    expect(() => new ContainmentCheck(new Chart(app, 'experiments'), 'b', { ...props, experiment: 'other' })).toThrow(
      'ContainmentCheck "b": ConfigMap chaos-mesh/containment-check-script is already emitted by chart "platform"; chart '
      + '"experiments" would emit a second object of that name. Place every guard of namespace "chaos-mesh" in one chart',
    );
    // Another namespace is another object.
    expect(() => new ContainmentCheck(new Chart(app, 'other'), 'c', { ...props, chaosNamespace: 'chaos-testing' })).not.toThrow();
  });
});

describe('forTarget', () => {
  const podinfo = ChaosTarget.fromDeclaration({
    namespace: 'podinfo', labels: { 'app.kubernetes.io/name': 'podinfo', 'app.kubernetes.io/component': 'web' },
    replicas: 2, memoryLimit: '256Mi', containerNames: ['podinfo'],
  });

  test('reads namespace, labels and container names from the target', () => {
    const chart = Testing.chart();
    const check = ContainmentCheck.forTarget(chart, 'c', { experiment: 'podinfo-memory-stress', target: podinfo });
    const env = Object.fromEntries((check.taskTemplate().task.container.env as any[]).map((e) => [e.name, e.value]));
    expect(env.CONTAINMENT_NAMESPACES).toBe('podinfo');
    expect(env.CONTAINMENT_SELECTOR).toBe('app.kubernetes.io/component=web,app.kubernetes.io/name=podinfo');
    expect(env.CONTAINMENT_CONTAINERS).toBe('podinfo');
    expect(env.CONTAINMENT_EXPERIMENT).toBe('podinfo-memory-stress');
    expect(check.taskTemplate()).toEqual(containmentCheckTask({
      experiment: 'podinfo-memory-stress', namespaces: ['podinfo'], labels: podinfo.labels, containerNames: ['podinfo'],
    }));
    expect(check.chaosNamespace).toBe('chaos-mesh');
  });

  test('without containerNames on the target the Task excludes each pod\'s first container, as Chaos Mesh injects', () => {
    const bare = ChaosTarget.fromDeclaration({ namespace: 'podinfo', labels: { app: 'podinfo' }, replicas: 2 });
    const check = ContainmentCheck.forTarget(Testing.chart(), 'c', { experiment: 'x', target: bare, chaosNamespace: 'chaos-testing' });
    expect((check.taskTemplate().task.container.env as any[]).map((e) => e.name)).not.toContain('CONTAINMENT_CONTAINERS');
    expect(check.tokenSecret.metadata.namespace).toBe('chaos-testing');
  });

  test('refuses what is not a target', () => {
    expect(() => ContainmentCheck.forTarget(Testing.chart(), 'c', { experiment: 'x', target: { namespace: 'podinfo' } as any }))
      .toThrow(/^ContainmentCheck.forTarget "c": target must be a ChaosTarget/);
  });

  /** Validation messages after building the check from `checkTarget` and the experiment from `stressTarget`. */
  const validate = (over: { namespace?: string; checkTarget?: ChaosTarget; stressTarget?: ChaosTarget; containerNames?: string[] } = {}) => {
    const app: App = Testing.app();
    const platform = new Chart(app, 'platform');
    const experiments = new Chart(app, 'experiments');
    const check = ContainmentCheck.forTarget(platform, 'c', { experiment: 'podinfo-memory-stress', target: over.checkTarget ?? podinfo });
    new MemoryStressExperiment(experiments, 'podinfo-memory-stress', {
      target: over.stressTarget ?? podinfo, size: StressSize.parse('512MB'), duration: GoDuration.minutes(2),
      namespace: over.namespace ?? 'chaos-mesh', afterRecovery: [check.taskTemplate()],
      ...(over.containerNames ? { containerNames: over.containerNames } : {}),
    });
    return app.node.findAll().flatMap((x) => x.node.validate());
  };
  const where = 'Workflow "experiments/podinfo-memory-stress/Resource" runs the containment check "platform/c"';

  test('synth accepts the Workflow built from the same target, in the check\'s namespace', () => {
    expect(validate()).toEqual([]);
  });

  test('synth refuses a Workflow that runs the Task outside the chaos namespace (its pod could not mount the Secret)', () => {
    expect(validate({ namespace: 'chaos-testing' })).toEqual([
      `${where} from namespace "chaos-testing", but the check's Secret and ConfigMap are in namespace "chaos-mesh" and `
      + 'a Task pod mounts only its own namespace\'s. Build both in one namespace: chaosNamespace: "chaos-testing" on the check, '
      + 'or namespace: "chaos-mesh" on the experiment.',
    ]);
  });

  test('synth refuses a fault aimed at other containers or pods than the check excludes', () => {
    // The experiment narrows the stressed containers: the check would count the stressed one as a node-mate.
    expect(validate({ containerNames: ['sidecar'] })).toEqual([
      `${where}, but its fault's containers "sidecar" differ from the check's "podinfo": build both from the same `
      + 'target (ContainmentCheck.forTarget with the experiment\'s target, and the same containerNames).',
    ]);
    const other = ChaosTarget.fromDeclaration({ namespace: 'podinfo-canary', labels: { app: 'canary' }, replicas: 1, memoryLimit: '128Mi', containerNames: ['podinfo'] });
    expect(validate({ stressTarget: other }).map((e) => e.split(', but ')[1].split(' differ')[0])).toEqual([
      'its fault\'s namespaces "podinfo-canary"', 'its fault\'s selector "app=canary"',
    ]);
  });
});

test('snapshot (script text elided)', () => {
  const elide = (o: any) => (o.kind === 'ConfigMap' ? { ...o, data: { ...o.data, 'containment-check.sh': '<lib/guard/containment-check.sh>' } } : o);
  expect(synth().objects.map(elide)).toMatchSnapshot();
});

describe('in a ChaosMeshApp, the check goes where the experiment goes', () => {
  const shop = ChaosTarget.fromDeclaration({
    namespace: 'shop', labels: { app: 'checkout' }, replicas: 2, memoryLimit: '256Mi', containerNames: ['checkout'],
  });
  const build = (experimentsInTargetNamespace: boolean) => {
    const app = new ChaosMeshApp({ outdir: mkdtempSync(join(tmpdir(), 'containment-')), log: () => undefined, experimentsInTargetNamespace });
    const check = ContainmentCheck.forTarget(app.platform, 'checkout-containment', { experiment: 'checkout-memory', target: shop });
    const experiment = new MemoryStressExperiment(app.experiments, 'checkout-memory', {
      target: shop, size: StressSize.parse('256MB'), duration: GoDuration.minutes(2), afterRecovery: [check.taskTemplate()],
      withoutSafeguards: { probe: 'containment test', healthCheck: 'containment test', guard: 'containment test' },
    });
    try {
      return { check, experiment, errors: app.node.findAll().flatMap((x) => x.node.validate()) };
    } finally {
      rmSync(app.outdir, { recursive: true, force: true });
    }
  };

  test.each([[false, 'chaos-mesh'], [true, 'shop']])('experimentsInTargetNamespace %s: both in "%s", synth accepts them', (inTarget, namespace) => {
    const { check, experiment, errors } = build(inTarget);
    expect(experiment.namespace).toBe(namespace);
    expect(check.chaosNamespace).toBe(namespace);
    expect(new Set(check.objects.map((o) => o.metadata.namespace).filter((ns) => ns !== undefined))).toEqual(new Set([namespace]));
    expect(errors).toEqual([]);
  });
});
