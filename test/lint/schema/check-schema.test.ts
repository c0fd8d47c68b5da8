import { KubeObject } from '../../../lib/kube-object';
import { checkSchema } from '../../../lib/lint/schema/check-schema';

const podChaos = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'kill', namespace: 'chaos-mesh' }): KubeObject => ({
  apiVersion: 'chaos-mesh.org/v1alpha1',
  kind: 'PodChaos',
  metadata,
  spec: { action: 'pod-kill', mode: 'one', selector: { namespaces: ['podinfo'] }, ...spec },
});

const summary = (obj: KubeObject) => checkSchema(obj).map((f) => `${f.severity} ${f.path}`);

describe('checkSchema: chaos-mesh.org kinds against the 2.8.2 CRDs', () => {
  test('a valid object has no findings', () => {
    expect(checkSchema(podChaos({ gracePeriod: 0, duration: '30s' }))).toEqual([]);
  });

  test('findings carry rule, object, dotted path, message, fix and source', () => {
    const obj = podChaos({ action: 'pod-restart' });
    expect(checkSchema(obj)).toEqual([{
      rule: 'schema',
      severity: 'error',
      object: 'PodChaos/chaos-mesh/kill',
      path: 'spec.action',
      message: '"pod-restart" is not an allowed value; allowed: "pod-kill", "pod-failure", "container-kill".',
      fix: 'Use one of "pod-kill", "pod-failure", "container-kill".',
      source: obj,
    }]);
  });

  test('unknown fields anywhere in the spec are errors (kubectl apply --validate=strict)', () => {
    expect(summary(podChaos({ selector: { namespaces: ['podinfo'], labelSelector: {} }, extra: true })).sort()).toEqual([
      'error spec.extra',
      'error spec.selector.labelSelector',
    ]);
  });

  test('embedded chaos specs of a Schedule are validated through the shared schema', () => {
    const schedule: KubeObject = {
      apiVersion: 'chaos-mesh.org/v1alpha1',
      kind: 'Schedule',
      metadata: { name: 's', namespace: 'chaos-mesh' },
      spec: { schedule: '@every 1m', type: 'PodChaos', historyLimit: 0, podChaos: { action: 'pod-kill', mode: 'one', selector: {}, gracePeriod: '0' } },
    };
    expect(summary(schedule)).toEqual(['error spec.historyLimit', 'error spec.podChaos.gracePeriod']);
  });

  test('startingDeadlineSeconds is nullable and exclusive-minimum 0', () => {
    const schedule = (v: unknown): KubeObject => ({
      apiVersion: 'chaos-mesh.org/v1alpha1',
      kind: 'Schedule',
      metadata: { name: 's', namespace: 'chaos-mesh' },
      spec: { schedule: '@every 1m', type: 'PodChaos', startingDeadlineSeconds: v, podChaos: { action: 'pod-kill', mode: 'one', selector: {} } },
    });
    expect(summary(schedule(null))).toEqual([]);
    expect(summary(schedule(0))).toEqual(['error spec.startingDeadlineSeconds']);
    expect(summary(schedule(10))).toEqual([]);
  });

  test('a kind the CRDs do not define, or a version they do not serve, is an error', () => {
    expect(checkSchema({ apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'Podchaos', metadata: { name: 'x' } })[0].message)
      .toMatch(/"Podchaos" is not a kind of chaos-mesh.org in Chaos Mesh 2.8.2; known kinds: .*PodChaos/);
    expect(checkSchema(podChaos({})).length).toBe(0);
    const wrongVersion = { ...podChaos({}), apiVersion: 'chaos-mesh.org/v1beta1' };
    expect(checkSchema(wrongVersion)[0]).toMatchObject({ path: 'apiVersion', fix: 'Use apiVersion: chaos-mesh.org/v1alpha1.' });
  });

  test('metadata is checked as ObjectMeta', () => {
    expect(summary(podChaos({}, { name: 'Pod_Kill', namespace: 'Chaos', lables: {} }))).toEqual([
      'error metadata.lables',
      'error metadata.name',
      'error metadata.namespace',
    ]);
  });

  test('missing apiVersion is reported, not a crash', () => {
    expect(summary({ kind: 'PodChaos', metadata: { name: 'x' } })).toEqual(['error apiVersion']);
  });
});

describe('checkSchema: core and ArgoCD kinds with kubernetes-models', () => {
  const deployment = (spec: Record<string, unknown>): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'podinfo', namespace: 'podinfo' },
    spec: { selector: { matchLabels: { app: 'podinfo' } }, template: { spec: { containers: [{ name: 'podinfo', image: 'podinfo' }] } }, ...spec },
  });

  test('a valid Deployment has no findings', () => {
    expect(checkSchema(deployment({ replicas: 2 }))).toEqual([]);
  });

  test('types, required fields and quantities are reported with dotted paths', () => {
    const obj = deployment({ replicas: '2', template: { spec: { containers: [{ image: 'x', resources: { limits: { memory: {} } } }] } } });
    expect(summary(obj)).toEqual([
      'error spec.replicas',
      'error spec.template.spec.containers[0].name',
      'error spec.template.spec.containers[0].resources.limits.memory',
    ]);
    expect(checkSchema(obj)[2].message).toMatch(/must be a number or a string \(a quantity/);
  });

  test('enums of the Kubernetes schema are enforced (Service type)', () => {
    const svc: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'chaos-dashboard', namespace: 'chaos-mesh' }, spec: { type: 'Nodeport' } };
    expect(checkSchema(svc)[0].message).toBe('"Nodeport" is not an allowed value; allowed: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort".');
  });

  test('kubernetes-models does not report unknown fields (documented limitation)', () => {
    const obj = deployment({ replicas: 2, replicaz: 3 });
    expect(checkSchema(obj)).toEqual([]);
  });

  test('every kind of the issue list is known to the models', () => {
    const kinds: [string, string][] = [
      ['apps/v1', 'Deployment'], ['apps/v1', 'StatefulSet'], ['apps/v1', 'DaemonSet'], ['apps/v1', 'ReplicaSet'],
      ['v1', 'Pod'], ['batch/v1', 'Job'], ['batch/v1', 'CronJob'], ['v1', 'Service'], ['networking.k8s.io/v1', 'Ingress'],
      ['rbac.authorization.k8s.io/v1', 'Role'], ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
      ['rbac.authorization.k8s.io/v1', 'RoleBinding'], ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
      ['v1', 'ServiceAccount'], ['v1', 'Secret'], ['v1', 'ConfigMap'], ['v1', 'Namespace'], ['argoproj.io/v1alpha1', 'Application'],
    ];
    for (const [apiVersion, kind] of kinds) {
      // a wrong type at the top level proves the model ran (an unknown kind would only warn)
      const findings = checkSchema({ apiVersion, kind, metadata: { name: 'x' }, spec: 'not an object', rules: 'x', data: 7, subjects: 'x', automountServiceAccountToken: 'x' });
      expect(findings.filter((f) => f.severity === 'error').length).toBeGreaterThan(0);
      expect(findings.some((f) => /no schema is known/.test(f.message))).toBe(false);
    }
  });

  test('ArgoCD Applications are checked (required project and destination)', () => {
    const app: KubeObject = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'chaos-mesh', namespace: 'argocd' }, spec: { source: { repoURL: 'r' } } };
    expect(summary(app)).toEqual(['error spec.destination', 'error spec.project']);
  });

  test('name rules depend on the kind', () => {
    const named = (kind: string, apiVersion: string, name: string) => checkSchema({ apiVersion, kind, metadata: { name } }).filter((f) => f.path === 'metadata.name');
    expect(named('Namespace', 'v1', 'a.b')).toHaveLength(1); // DNS label: no dots
    expect(named('ConfigMap', 'v1', 'a.b')).toHaveLength(0); // DNS subdomain
    expect(named('Service', 'v1', '1abc')).toHaveLength(1); // DNS-1035: starts with a letter
    expect(named('ClusterRole', 'rbac.authorization.k8s.io/v1', 'system:chaos')).toHaveLength(0); // path segment
  });

  test('cluster-scoped kinds with a namespace get a warning', () => {
    const f = checkSchema({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'podinfo', namespace: 'default' } });
    expect(f).toEqual([expect.objectContaining({ severity: 'warning', path: 'metadata.namespace' })]);
  });

  test('unknown kinds are a warning, not a crash, and their metadata is still checked', () => {
    expect(summary({ apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'Bad Name' } })).toEqual([
      'warning ',
      'error metadata.name',
    ]);
  });

  test('ChartValues pseudo-objects have no schema findings here', () => {
    expect(checkSchema({ apiVersion: 'cdk8s-chaos-mesh.io/v1', kind: 'ChartValues', metadata: { name: 'v.yaml' }, values: {} })).toEqual([]);
  });
});
