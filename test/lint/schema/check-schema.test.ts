import { KubeObject } from '../../../lib/kube-object';
import { checkSchema } from '../../../lib/lint/schema/check-schema';

const podChaos = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'kill', namespace: 'chaos-mesh' }): KubeObject => ({
  apiVersion: 'chaos-mesh.org/v1alpha1',
  kind: 'PodChaos',
  metadata,
  spec: { action: 'pod-kill', mode: 'one', selector: { namespaces: ['podinfo'] }, ...spec },
});

const summary = async (obj: KubeObject) => (await checkSchema(obj)).map((f) => `${f.severity} ${f.path}`);

describe('checkSchema: chaos-mesh.org kinds against the 2.8.2 CRDs', () => {
  test('a valid object has no findings', async () => {
    expect(await checkSchema(podChaos({ gracePeriod: 0, duration: '30s' }))).toEqual([]);
  });

  test('findings carry rule, object, dotted path, message, fix and source', async () => {
    const obj = podChaos({ action: 'pod-restart' });
    expect(await checkSchema(obj)).toEqual([{
      rule: 'schema',
      severity: 'error',
      object: 'PodChaos/chaos-mesh/kill',
      path: 'spec.action',
      message: '"pod-restart" is not an allowed value; allowed: "pod-kill", "pod-failure", "container-kill".',
      fix: 'Use one of "pod-kill", "pod-failure", "container-kill".',
      source: obj,
    }]);
  });

  test('unknown fields anywhere in the spec are errors (kubectl apply --validate=strict)', async () => {
    expect((await summary(podChaos({ selector: { namespaces: ['podinfo'], labelSelector: {} }, extra: true }))).sort()).toEqual([
      'error spec.extra',
      'error spec.selector.labelSelector',
    ]);
  });

  test('embedded chaos specs of a Schedule are validated through the shared schema', async () => {
    const schedule: KubeObject = {
      apiVersion: 'chaos-mesh.org/v1alpha1',
      kind: 'Schedule',
      metadata: { name: 's', namespace: 'chaos-mesh' },
      spec: { schedule: '@every 1m', type: 'PodChaos', historyLimit: 0, podChaos: { action: 'pod-kill', mode: 'one', selector: {}, gracePeriod: '0' } },
    };
    expect(await summary(schedule)).toEqual(['error spec.historyLimit', 'error spec.podChaos.gracePeriod']);
  });

  test('startingDeadlineSeconds is nullable and exclusive-minimum 0', async () => {
    const schedule = (v: unknown): KubeObject => ({
      apiVersion: 'chaos-mesh.org/v1alpha1',
      kind: 'Schedule',
      metadata: { name: 's', namespace: 'chaos-mesh' },
      spec: { schedule: '@every 1m', type: 'PodChaos', startingDeadlineSeconds: v, podChaos: { action: 'pod-kill', mode: 'one', selector: {} } },
    });
    expect(await summary(schedule(null))).toEqual([]);
    expect(await summary(schedule(0))).toEqual(['error spec.startingDeadlineSeconds']);
    expect(await summary(schedule(10))).toEqual([]);
  });

  test('a kind the CRDs do not define, or a version they do not serve, is an error', async () => {
    expect((await checkSchema({ apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'Podchaos', metadata: { name: 'x' } }))[0].message)
      .toMatch(/"Podchaos" is not a kind of chaos-mesh.org in Chaos Mesh 2.8.2; known kinds: .*PodChaos/);
    expect(await checkSchema(podChaos({}))).toHaveLength(0);
    const wrongVersion = { ...podChaos({}), apiVersion: 'chaos-mesh.org/v1beta1' };
    expect((await checkSchema(wrongVersion))[0]).toMatchObject({ path: 'apiVersion', fix: 'Use apiVersion: chaos-mesh.org/v1alpha1.' });
  });

  test('metadata is checked as ObjectMeta', async () => {
    expect(await summary(podChaos({}, { name: 'Pod_Kill', namespace: 'Chaos', lables: {} }))).toEqual([
      'error metadata.lables',
      'error metadata.name',
      'error metadata.namespace',
    ]);
  });

  test('missing apiVersion is reported, not a crash', async () => {
    expect(await summary({ kind: 'PodChaos', metadata: { name: 'x' } })).toEqual(['error apiVersion']);
  });
});

describe('checkSchema: core and ArgoCD kinds with kubernetes-models', () => {
  const deployment = (spec: Record<string, unknown>): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'podinfo', namespace: 'podinfo' },
    spec: { selector: { matchLabels: { app: 'podinfo' } }, template: { spec: { containers: [{ name: 'podinfo', image: 'podinfo' }] } }, ...spec },
  });

  test('a valid Deployment has no findings', async () => {
    expect(await checkSchema(deployment({ replicas: 2 }))).toEqual([]);
  });

  test('types, required fields and quantities are reported with dotted paths', async () => {
    const obj = deployment({ replicas: '2', template: { spec: { containers: [{ image: 'x', resources: { limits: { memory: {} } } }] } } });
    expect(await summary(obj)).toEqual([
      'error spec.replicas',
      'error spec.template.spec.containers[0].name',
      'error spec.template.spec.containers[0].resources.limits.memory',
    ]);
    expect((await checkSchema(obj))[2].message).toMatch(/must be a number or a string \(a quantity/);
  });

  test('enums of the Kubernetes schema are enforced (Service type)', async () => {
    const svc: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'chaos-dashboard', namespace: 'chaos-mesh' }, spec: { type: 'Nodeport' } };
    expect((await checkSchema(svc))[0].message).toBe('"Nodeport" is not an allowed value; allowed: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort".');
  });

  test('unknown fields of core objects are errors at every level, with the allowed fields and a did-you-mean', async () => {
    const obj = deployment({
      replicaz: 3,
      template: {
        metadata: { labels: { app: 'podinfo' }, annotationz: {} },
        spec: { containers: [{ name: 'podinfo', image: 'podinfo', resoures: { limits: { memory: '256Mi' } }, ports: [{ containerPort: 80, protocl: 'TCP' }] }] },
      },
    });
    const findings = await checkSchema(obj);
    expect(findings.map((f) => `${f.severity} ${f.path}: ${f.fix}`)).toEqual([
      'error spec.template.metadata.annotationz: Did you mean "annotations"? Rename or remove the field.',
      'error spec.template.spec.containers[0].resoures: Did you mean "resources"? Rename or remove the field.',
      'error spec.template.spec.containers[0].ports[0].protocl: Did you mean "protocol"? Rename or remove the field.',
      'error spec.replicaz: Did you mean "replicas"? Rename or remove the field.',
    ]);
    expect(findings[3].message).toBe('unknown field "replicaz": the apps/v1 Deployment schema does not define it, so `kubectl apply --validate=strict` refuses it '
      + '(and without strict validation it is silently dropped). Fields allowed in spec: minReadySeconds, paused, progressDeadlineSeconds, replicas, '
      + 'revisionHistoryLimit, selector, strategy, template.');
    // a name nothing resembles: no guess
    expect((await checkSchema(deployment({ frobnicate: true })))[0].fix).toBe('Remove the field, or move it to where the apps/v1 Deployment schema defines it.');
  });

  test('maps and free-form fields accept any key: labels, data, resource lists, helm.valuesObject, RawExtension, CRD schemas', async () => {
    const objects: KubeObject[] = [
      deployment({ template: { metadata: { labels: { anything: 'x' }, annotations: { 'example.com/any': 'y' } }, spec: { containers: [{ name: 'c', image: 'i', resources: { limits: { 'nvidia.com/gpu': 1, memory: '1Gi' } } }], nodeSelector: { zone: 'a' } } } }),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'any-key.sh': 'echo' }, binaryData: { blob: 'AAAA' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { password: 'x' }, type: 'Opaque' },
      { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r' }, revision: 1, data: { whatever: { nested: true } } },
      {
        apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'chaos-mesh', namespace: 'argocd' },
        spec: { project: 'default', destination: { server: 'https://kubernetes.default.svc', namespace: 'chaos-mesh' }, source: { repoURL: 'https://charts.chaos-mesh.org', chart: 'chaos-mesh', targetRevision: '2.8.2', helm: { valuesObject: { anyChartKey: { deep: 1 } } } } },
      },
      // generated validators leave out fields named `description` and `x-…`: never reported
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name: 'p', namespace: 'argocd' }, spec: { description: 'chaos experiments' } },
      {
        apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
        spec: {
          group: 'example.com', scope: 'Namespaced', names: { kind: 'Widget', plural: 'widgets' },
          versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', description: 'a widget', 'x-kubernetes-preserve-unknown-fields': true, properties: { spec: { type: 'object', default: { a: 1 } } } } } }],
        },
      },
    ];
    for (const obj of objects) expect([obj.kind, await checkSchema(obj)]).toEqual([obj.kind, []]);
  });

  test('frozen objects are checked like any other', async () => {
    const freeze = (v: unknown): unknown => {
      if (v && typeof v === 'object') {
        Object.values(v).forEach(freeze);
        Object.freeze(v);
      }
      return v;
    };
    const obj = freeze(deployment({ replicas: 'two', replicaz: 1 })) as KubeObject;
    expect((await checkSchema(obj)).map((f) => f.path)).toEqual(['spec.replicas', 'spec.replicaz']);
  });

  test('every kind of the issue list is known to the models', async () => {
    const kinds: [string, string][] = [
      ['apps/v1', 'Deployment'], ['apps/v1', 'StatefulSet'], ['apps/v1', 'DaemonSet'], ['apps/v1', 'ReplicaSet'],
      ['v1', 'Pod'], ['batch/v1', 'Job'], ['batch/v1', 'CronJob'], ['v1', 'Service'], ['networking.k8s.io/v1', 'Ingress'],
      ['rbac.authorization.k8s.io/v1', 'Role'], ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
      ['rbac.authorization.k8s.io/v1', 'RoleBinding'], ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
      ['v1', 'ServiceAccount'], ['v1', 'Secret'], ['v1', 'ConfigMap'], ['v1', 'Namespace'], ['argoproj.io/v1alpha1', 'Application'],
    ];
    for (const [apiVersion, kind] of kinds) {
      // a wrong type at the top level proves the model ran (an unknown kind would only warn)
      const findings = await checkSchema({ apiVersion, kind, metadata: { name: 'x' }, spec: 'not an object', rules: 'x', data: 7, subjects: 'x', automountServiceAccountToken: 'x' });
      expect(findings.filter((f) => f.severity === 'error').length).toBeGreaterThan(0);
      expect(findings.some((f) => /no schema is known/.test(f.message))).toBe(false);
    }
  });

  test('ArgoCD Applications are checked (required project and destination)', async () => {
    const app: KubeObject = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'chaos-mesh', namespace: 'argocd' }, spec: { source: { repoURL: 'r' } } };
    expect(await summary(app)).toEqual(['error spec.destination', 'error spec.project']);
  });

  test('name rules depend on the kind', async () => {
    const named = async (kind: string, apiVersion: string, name: string) => (await checkSchema({ apiVersion, kind, metadata: { name } })).filter((f) => f.path === 'metadata.name');
    expect(await named('Namespace', 'v1', 'a.b')).toHaveLength(1); // DNS label: no dots
    expect(await named('ConfigMap', 'v1', 'a.b')).toHaveLength(0); // DNS subdomain
    expect(await named('Service', 'v1', '1abc')).toHaveLength(1); // DNS-1035: starts with a letter
    expect(await named('ClusterRole', 'rbac.authorization.k8s.io/v1', 'system:chaos')).toHaveLength(0); // path segment
  });

  test('cluster-scoped kinds with a namespace get a warning', async () => {
    const f = await checkSchema({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'podinfo', namespace: 'default' } });
    expect(f).toEqual([expect.objectContaining({ severity: 'warning', path: 'metadata.namespace' })]);
  });

  test('unknown kinds are a warning, not a crash, and their metadata is still checked', async () => {
    expect(await summary({ apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'Bad Name' } })).toEqual([
      'warning ',
      'error metadata.name',
    ]);
  });

  test('ChartValues pseudo-objects have no schema findings here', async () => {
    expect(await checkSchema({ apiVersion: 'cdk8s-chaos-mesh.io/v1', kind: 'ChartValues', metadata: { name: 'v.yaml' }, values: {} })).toEqual([]);
  });
});
