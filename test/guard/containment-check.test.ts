import { readFileSync } from 'fs';
import { join } from 'path';
import { Chart, Testing, Yaml } from 'cdk8s';
import * as YAML from 'yaml';
import { ContainmentCheck, ContainmentCheckProps, containmentCheckTask } from '../../lib/guard';
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
    'ConfigMap/chaos-mesh/podinfo-memory-stress-containment-check',
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

test('snapshot (script text elided)', () => {
  const elide = (o: any) => (o.kind === 'ConfigMap' ? { ...o, data: { ...o.data, 'containment-check.sh': '<lib/guard/containment-check.sh>' } } : o);
  expect(synth().objects.map(elide)).toMatchSnapshot();
});
