import { readFileSync } from 'fs';
import { join } from 'path';
import { ApiObject, Chart, Duration, JsonPatch, Testing, Yaml } from 'cdk8s';
import * as YAML from 'yaml';
import {
  GuardSupportPlacement, KUBECTL_IMAGE, PRESYNC_GUARD_SCRIPT_CONFIGMAP, PresyncGuard, PresyncGuardProps, presyncGuardNames,
} from '../../lib/guard';
import { GUARD_DIR } from './_run-script';
import { expectReadOnly, expectRestricted, grantedResources } from './_rbac';

const SCRIPT_TEXT = readFileSync(join(GUARD_DIR, 'presync-guard.sh'), 'utf8');

const stress: PresyncGuardProps = {
  experiment: 'podinfo-memory-stress',
  namespaces: ['podinfo'],
  labels: { 'app.kubernetes.io/name': 'podinfo' },
  replicas: 2,
  memoryLimit: '256Mi',
};

/** Guard in an "experiments" chart with its support objects in a "platform" chart. */
function split(props: PresyncGuardProps = stress) {
  const app = Testing.app();
  const experiments = new Chart(app, 'experiments');
  const platform = new Chart(app, 'platform');
  const guard = new PresyncGuard(experiments, 'guard', { ...props, supportScope: platform });
  return { guard, experiments: Testing.synth(experiments), platform: Testing.synth(platform) };
}

function single(props: PresyncGuardProps = stress) {
  const chart = Testing.chart();
  const guard = new PresyncGuard(chart, 'guard', props);
  return { guard, objects: Testing.synth(chart) };
}

const byKind = (objects: any[], kind: string) => objects.filter((o) => o.kind === kind);

describe('placement', () => {
  test('with supportScope: the Job alone is in the experiments chart, the rest in the platform chart', () => {
    const { guard, experiments, platform } = split();
    expect(experiments.map((o) => o.kind)).toEqual(['Job']);
    expect(platform.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`).sort()).toEqual([
      'ConfigMap/chaos-probes/presync-guard-script',
      'Role/podinfo/podinfo-memory-stress-presync-guard',
      'RoleBinding/podinfo/podinfo-memory-stress-presync-guard',
      'ServiceAccount/chaos-probes/podinfo-memory-stress-presync-guard',
    ]);
    expect(guard.supportPlacement).toBe(GuardSupportPlacement.SUPPORT_SCOPE);
    expect(guard.supportObjects).toHaveLength(4);
    // Platform objects are plain resources: no hook annotations.
    for (const o of platform) expect(Object.keys(o.metadata.annotations ?? {}).filter((k) => k.startsWith('argocd.argoproj.io/'))).toEqual([]);
  });

  test('the Job is a PreSync hook recreated on every sync, in wave -1', () => {
    const [job] = split().experiments;
    expect(job.metadata.annotations).toEqual({
      'argocd.argoproj.io/hook': 'PreSync',
      'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
      'argocd.argoproj.io/sync-wave': '-1',
    });
  });

  test('without supportScope every support object is a PreSync hook one wave before the Job', () => {
    const { guard, objects } = single({ ...stress, syncWave: 3 });
    expect(guard.supportPlacement).toBe(GuardSupportPlacement.PRESYNC_HOOKS);
    const job = byKind(objects, 'Job')[0];
    expect(job.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('3');
    const support = objects.filter((o) => o.kind !== 'Job');
    expect(support).toHaveLength(4);
    for (const o of support) {
      expect(o.metadata.annotations).toEqual({
        'argocd.argoproj.io/hook': 'PreSync',
        'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
        'argocd.argoproj.io/sync-wave': '2',
      });
    }
  });
});

describe('least privilege', () => {
  test('memory stress: get/list on the four workload kinds and pods, per target namespace, nothing else', () => {
    const { platform } = split({ ...stress, namespaces: ['podinfo', 'podinfo-canary'] });
    const roles = byKind(platform, 'Role');
    expect(roles.map((r) => r.metadata.namespace)).toEqual(['podinfo', 'podinfo-canary']);
    for (const role of roles) {
      expectReadOnly(role.rules);
      expect(grantedResources(role.rules)).toEqual(['/pods', 'apps/daemonsets', 'apps/deployments', 'apps/replicasets', 'apps/statefulsets']);
      for (const rule of role.rules) expect(rule.verbs).toEqual(['get', 'list']);
    }
    expect(byKind(platform, 'ClusterRole')).toEqual([]);
    expect(byKind(platform, 'ClusterRoleBinding')).toEqual([]);
  });

  test('other experiments: no pods, no ReplicaSets', () => {
    const { platform } = split({ ...stress, memoryLimit: undefined });
    const [role] = byKind(platform, 'Role');
    expectReadOnly(role.rules);
    expect(grantedResources(role.rules)).toEqual(['apps/daemonsets', 'apps/deployments', 'apps/statefulsets']);
  });

  test('each RoleBinding binds its namespace\'s Role to the guard ServiceAccount in the guard namespace', () => {
    const { experiments, platform } = split({ ...stress, namespaces: ['a', 'b'], guardNamespace: 'guards' });
    const bindings = byKind(platform, 'RoleBinding');
    expect(bindings).toHaveLength(2);
    for (const b of bindings) {
      expect(b.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'podinfo-memory-stress-presync-guard' });
      expect(b.subjects).toEqual([{ kind: 'ServiceAccount', name: 'podinfo-memory-stress-presync-guard', namespace: 'guards' }]);
    }
    const [sa] = byKind(platform, 'ServiceAccount');
    expect(sa.metadata.namespace).toBe('guards');
    expect(experiments[0].metadata.namespace).toBe('guards');
    expect(experiments[0].spec.template.spec.serviceAccountName).toBe(sa.metadata.name);
  });
});

describe('the Job', () => {
  const job = () => split().experiments[0];

  test('runs the script once, bounded, with the pinned kubectl image', () => {
    const j = job();
    expect(j.spec.backoffLimit).toBe(0);
    expect(j.spec.activeDeadlineSeconds).toBe(300);
    expect(j.spec.ttlSecondsAfterFinished).toBe(86400);
    const pod = j.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    const [c] = pod.containers;
    expect(c.image).toBe(KUBECTL_IMAGE);
    expect(KUBECTL_IMAGE).toMatch(/^registry\.k8s\.io\/kubectl:v\d+\.\d+\.\d+@sha256:[0-9a-f]{64}$/);
    expect(c.command).toEqual(['/bin/sh', '/opt/presync-guard/presync-guard.sh']);
  });

  test('Pod Security restricted, read-only root with an emptyDir HOME for kubectl\'s cache', () => {
    const pod = job().spec.template.spec;
    const [c] = pod.containers;
    expectRestricted(c, pod.securityContext);
    expect(pod.securityContext).toEqual({ runAsGroup: 65532, runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.hostNetwork ?? false).toBe(false);
    expect(pod.volumes.map((v: any) => Object.keys(v).filter((k) => k !== 'name')[0]).sort()).toEqual(['configMap', 'emptyDir']);
    const home = c.env.find((e: any) => e.name === 'HOME').value;
    const mount = c.volumeMounts.find((m: any) => m.mountPath === home);
    expect(pod.volumes.find((v: any) => v.name === mount.name).emptyDir).toBeDefined();
    expect(c.volumeMounts.find((m: any) => m.name === 'script').readOnly).toBe(true);
  });

  test('passes the target as the script\'s environment (sorted selector, comma lists)', () => {
    const { experiments } = split({
      ...stress, namespaces: ['podinfo', 'podinfo-canary'], labels: { 'app.kubernetes.io/name': 'podinfo', 'app.kubernetes.io/component': 'web' },
      containerNames: ['podinfo'],
    });
    const env = Object.fromEntries(experiments[0].spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));
    expect(env).toEqual({
      HOME: '/tmp',
      GUARD_EXPERIMENT: 'podinfo-memory-stress',
      GUARD_NAMESPACES: 'podinfo,podinfo-canary',
      GUARD_SELECTOR: 'app.kubernetes.io/component=web,app.kubernetes.io/name=podinfo',
      GUARD_REPLICAS: '2',
      GUARD_CHECK_MEMORY_LIMIT: 'true',
      GUARD_MEMORY_LIMIT: '256Mi',
      GUARD_CONTAINERS: 'podinfo',
    });
  });

  test('every GUARD_ variable the Job sets is one the script reads', () => {
    const read = new Set([...SCRIPT_TEXT.matchAll(/\$\{(GUARD_[A-Z_]+)/g)].map((m) => m[1]));
    const { experiments } = split({ ...stress, containerNames: ['podinfo'] });
    const set = experiments[0].spec.template.spec.containers[0].env.map((e: any) => e.name).filter((n: string) => n.startsWith('GUARD_'));
    expect(set.filter((n: string) => !read.has(n))).toEqual([]);
    expect(set.length).toBe(7);
  });

  test('checkMemoryLimit: false keeps the declared limit out of the check', () => {
    const { experiments } = split({ ...stress, checkMemoryLimit: false });
    const env = experiments[0].spec.template.spec.containers[0].env;
    expect(env.find((e: any) => e.name === 'GUARD_CHECK_MEMORY_LIMIT').value).toBe('false');
  });

  test('durations and namespace are configurable', () => {
    const { experiments } = split({ ...stress, activeDeadline: Duration.minutes(2), ttlAfterFinished: Duration.hours(2), guardNamespace: 'ops' });
    expect(experiments[0].spec.activeDeadlineSeconds).toBe(120);
    expect(experiments[0].spec.ttlSecondsAfterFinished).toBe(7200);
    expect(experiments[0].metadata.namespace).toBe('ops');
  });

  test('is node.defaultChild, and addJsonPatch still works on it', () => {
    const chart = Testing.chart();
    const guard = new PresyncGuard(chart, 'guard', stress);
    expect(guard.node.defaultChild).toBe(guard.job);
    ApiObject.of(guard.job).addJsonPatch(JsonPatch.replace('/spec/activeDeadlineSeconds', 42));
    expect(byKind(Testing.synth(chart), 'Job')[0].spec.activeDeadlineSeconds).toBe(42);
  });
});

describe('the script ConfigMap', () => {
  test('holds lib/guard/presync-guard.sh byte for byte, also after a YAML round trip', () => {
    const { guard, platform } = split();
    const [cm] = byKind(platform, 'ConfigMap');
    expect(Object.keys(cm.data)).toEqual(['presync-guard.sh']);
    expect(Buffer.from(cm.data['presync-guard.sh'], 'utf8').equals(readFileSync(join(GUARD_DIR, 'presync-guard.sh')))).toBe(true);
    expect(guard.script).toBe(SCRIPT_TEXT);
    const written = Yaml.stringify(cm);
    expect(YAML.parse(written).data['presync-guard.sh']).toBe(SCRIPT_TEXT);
  });

  test('is what the Job mounts', () => {
    const { experiments, platform } = split();
    const [cm] = byKind(platform, 'ConfigMap');
    const pod = experiments[0].spec.template.spec;
    expect(pod.volumes.find((v: any) => v.name === 'script').configMap.name).toBe(cm.metadata.name);
  });
});

describe('the shared script ConfigMap', () => {
  test('one per guard namespace and chart, shared by every guard in it', () => {
    const app = Testing.app();
    const experiments = new Chart(app, 'experiments');
    const platform = new Chart(app, 'platform');
    const guards = ['a', 'b', 'c'].map((x) => new PresyncGuard(experiments, x, { ...stress, experiment: `exp-${x}`, supportScope: platform }));
    const other = new PresyncGuard(experiments, 'd', { ...stress, experiment: 'exp-d', supportScope: platform, guardNamespace: 'ops' });
    const maps = byKind(Testing.synth(platform), 'ConfigMap');
    expect(maps.map((m) => `${m.metadata.namespace}/${m.metadata.name}`)).toEqual(['chaos-probes/presync-guard-script', 'ops/presync-guard-script']);
    expect(new Set(guards.map((g) => g.configMap)).size).toBe(1);
    expect(other.configMap).not.toBe(guards[0].configMap);
    expect(platform.node.tryFindChild(`${PRESYNC_GUARD_SCRIPT_CONFIGMAP}-chaos-probes`)).toBe(guards[0].configMap);
    for (const job of byKind(Testing.synth(experiments), 'Job')) {
      expect(job.spec.template.spec.volumes.find((v: any) => v.name === 'script').configMap.name).toBe(PRESYNC_GUARD_SCRIPT_CONFIGMAP);
    }
    // ServiceAccounts and RBAC stay per experiment (a memory stress may read pods, the others not).
    expect(byKind(Testing.synth(platform), 'ServiceAccount')).toHaveLength(4);
  });

  test('support scopes in two charts of one app would emit the same object twice: refused', () => {
    const app = Testing.app();
    const experiments = new Chart(app, 'experiments');
    new PresyncGuard(experiments, 'a', { ...stress, supportScope: new Chart(app, 'platform') });
    expect(() => new PresyncGuard(experiments, 'b', { ...stress, experiment: 'other', supportScope: new Chart(app, 'platform-2') }))
      .toThrow(/^PresyncGuard "b": ConfigMap chaos-probes\/presync-guard-script is already emitted by chart "platform"; chart "platform-2" would emit a second object/);
  });

  test('as PreSync hooks each guard keeps its own ConfigMap (hooks belong to one Application\'s sync)', () => {
    const chart = Testing.chart();
    const a = new PresyncGuard(chart, 'a', { ...stress, experiment: 'exp-a' });
    const b = new PresyncGuard(chart, 'b', { ...stress, experiment: 'exp-b' });
    expect(a.configMap).not.toBe(b.configMap);
    expect(byKind(Testing.synth(chart), 'ConfigMap').map((m) => m.metadata.name)).toEqual(['exp-a-presync-guard', 'exp-b-presync-guard']);
  });
});

describe('names', () => {
  test('every object is named after the experiment, except the script ConfigMap the guards of a namespace share', () => {
    expect(presyncGuardNames('podinfo-kill')).toEqual({
      job: 'podinfo-kill-presync-guard', serviceAccount: 'podinfo-kill-presync-guard',
      configMap: 'presync-guard-script', role: 'podinfo-kill-presync-guard',
    });
    // As PreSync hooks the ConfigMap belongs to the experiment's own sync: not shared.
    expect(presyncGuardNames('podinfo-kill', GuardSupportPlacement.PRESYNC_HOOKS).configMap).toBe('podinfo-kill-presync-guard');
    expect(split().guard.names).toEqual(presyncGuardNames('podinfo-memory-stress'));
    expect(single().guard.names).toEqual(presyncGuardNames('podinfo-memory-stress', GuardSupportPlacement.PRESYNC_HOOKS));
  });

  test('the longest allowed name still gives a Job name of at most 63 characters', () => {
    const name = presyncGuardNames('x'.repeat(49)).job;
    expect(name.length).toBeLessThanOrEqual(63);
    expect(() => presyncGuardNames('x'.repeat(50))).toThrow(/at most 49 characters/);
  });
});

describe('validation', () => {
  test.each<[Partial<PresyncGuardProps>, RegExp]>([
    [{ experiment: 'Podinfo_Kill' }, /experiment "Podinfo_Kill" must be a lowercase DNS label/],
    [{ namespaces: [] }, /namespaces must list at least one target namespace/],
    [{ namespaces: ['kube system'] }, /namespaces\[0\] "kube system" is not a namespace name/],
    [{ labels: {} }, /labels must hold at least one key\/value pair/],
    [{ labels: { 'app/x/y': 'a' } }, /labels key "app\/x\/y" is not a label key/],
    [{ labels: { app: 'a b' } }, /labels\["app"\] "a b" is not a label value/],
    [{ replicas: 0 }, /replicas 0 must be a whole number of at least 1/],
    [{ replicas: 1.5 }, /replicas 1.5 must be a whole number/],
    // The message is lib/units' UnitError (resource.ParseQuantity), quoted.
    [{ memoryLimit: '256MB' }, /memoryLimit "256MB" is not a Kubernetes quantity: Quantity "256MB" is not valid for Kubernetes \(resource.ParseQuantity\): unexpected "B" after the number/],
    [{ memoryLimit: '1e19' }, /memoryLimit "1e19" is not a Kubernetes quantity: Quantity "1e19" is too large/],
    [{ memoryLimit: '-256Mi' }, /memoryLimit "-256Mi" must be a positive memory limit/],
    [{ memoryLimit: '0' }, /memoryLimit "0" must be a positive memory limit/],
    [{ memoryLimit: undefined, checkMemoryLimit: true }, /checkMemoryLimit is true but memoryLimit is not set/],
    [{ image: 'registry.k8s.io/kubectl' }, /image "registry.k8s.io\/kubectl" is not pinned/],
    [{ image: 'registry.k8s.io/kubectl:latest' }, /is not pinned/],
    [{ containerNames: ['Main'] }, /containerNames\[0\] "Main" is not a container name/],
    [{ activeDeadline: Duration.millis(1500) }, /activeDeadline must be a whole number of seconds/],
  ])('%j is refused with a sentence naming the prop', (over, message) => {
    expect(() => new PresyncGuard(Testing.chart(), 'guard', { ...stress, ...over })).toThrow(message);
    expect(() => new PresyncGuard(Testing.chart(), 'guard', { ...stress, ...over })).toThrow(/^PresyncGuard "guard": /);
  });

  test('an image pinned by tag or digest is accepted', () => {
    expect(() => single({ ...stress, image: 'registry.k8s.io/kubectl:v1.33.4' })).not.toThrow();
    expect(() => single({ ...stress, image: `registry.example:5000/kubectl@sha256:${'a'.repeat(64)}` })).not.toThrow();
  });
});

test('snapshot of both charts (script text elided)', () => {
  const { experiments, platform } = split();
  const elide = (o: any) => (o.kind === 'ConfigMap' ? { ...o, data: { 'presync-guard.sh': '<lib/guard/presync-guard.sh>' } } : o);
  expect({ experiments, platform: platform.map(elide) }).toMatchSnapshot();
});
