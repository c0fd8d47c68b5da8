import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import {
  ChaosMeshChartValues, ChaosMeshInstall, ChartDelivery, RuntimePreset, checkChartValueKeys, effectiveChartValues,
} from '../../lib/install';
import { checkManifests } from '../../lib/check';
import { readUpstream } from './_upstream';

const REFERENCE = YAML.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'install', 'reference-values.yaml'), 'utf8'));

function install(props: Partial<ConstructorParameters<typeof ChaosMeshInstall>[2]> = {}): { chart: ReturnType<typeof Testing.chart>; cm: ChaosMeshInstall } {
  const chart = Testing.chart();
  const cm = new ChaosMeshInstall(chart, 'ChaosMesh', { runtime: RuntimePreset.K3S, ...props });
  return { chart, cm };
}

/** Every leaf as `dotted.path=json`, to state a difference between two values trees key by key. */
function leaves(tree: unknown, prefix = ''): string[] {
  if (tree === null || typeof tree !== 'object' || Array.isArray(tree)) return [`${prefix}=${JSON.stringify(tree)}`];
  return Object.entries(tree).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

function diff(from: unknown, to: unknown): { removed: string[]; added: string[] } {
  const a = new Set(leaves(from));
  const b = new Set(leaves(to));
  return { removed: [...a].filter((x) => !b.has(x)).sort(), added: [...b].filter((x) => !a.has(x)).sort() };
}

// Compiled on first use, inside the tests that need the upstream schema: a missing upstream file
// fails those tests by name, and the rest of this file still runs.
let compiled: ValidateFunction | undefined;
const valuesSchema = (): ValidateFunction =>
  (compiled ??= new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(readUpstream('values.schema.json'))));

describe('ChaosMeshInstall', () => {
  test('with the k3s preset, the values are the reference except the corrected dashboard key, the namespace filter and the daemon resources', () => {
    const { cm } = install();
    expect(diff(REFERENCE, cm.values)).toEqual({
      removed: ['dashboard.serviceType="ClusterIP"'],
      added: [
        'chaosDaemon.resources.limits.cpu="500m"',
        'chaosDaemon.resources.limits.memory="1024Mi"',
        'chaosDaemon.resources.requests.cpu="250m"',
        'chaosDaemon.resources.requests.memory="512Mi"',
        'controllerManager.enableFilterNamespace=true',
        'dashboard.service.type="ClusterIP"',
      ],
    });
  });

  test('the reference values carry a key the chart ignores; ours carry none', () => {
    expect(checkChartValueKeys(REFERENCE, '').map((p) => p.path)).toEqual(['dashboard.serviceType']);
    expect(checkChartValueKeys(install().cm.values, '')).toEqual([]);
  });

  test.each([
    ['k3s defaults', {}],
    ['DNSChaos on, no filter, CRI-O', { dnsChaos: true, filterNamespaces: false, runtime: RuntimePreset.CRIO }],
    ['overrides', { values: { controllerManager: { replicaCount: 5, nodeSelector: { 'kubernetes.io/os': 'linux' } }, timezone: 'Europe/Paris' } }],
  ] as const)('emitted values validate against values.schema.json (%s), alone and merged over the chart defaults', (_name, props) => {
    const { cm } = install(props as any);
    const validate = valuesSchema();
    expect(validate(cm.values) ? [] : validate.errors).toEqual([]);
    expect(validate(effectiveChartValues(cm.values)) ? [] : validate.errors).toEqual([]);
  });

  test('ajv catches what values.schema.json forbids (the check above can fail)', () => {
    expect(valuesSchema()({ dashboard: { securityMode: 'yes' } })).toBe(false);
  });

  test('hardened defaults hold in the effective values (chart defaults included)', () => {
    const effective = effectiveChartValues(install().cm.values);
    expect(effective.dashboard?.service?.type).toBe('ClusterIP');
    expect(effective.dashboard?.securityMode).toBe(true);
    expect(effective.dashboard?.ingress?.enabled).toBe(false);
    expect(effective.dnsServer?.create).toBe(false);
    expect(effective.controllerManager?.replicaCount).toBe(3);
    expect(effective.controllerManager?.enableFilterNamespace).toBe(true);
    for (const component of ['controllerManager', 'dashboard', 'chaosDaemon'] as const) {
      expect(effective[component]?.resources?.limits).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(effective[component]?.resources?.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    }
  });

  test('DNSChaos turns the DNS server on, with requests and limits', () => {
    const { cm } = install({ dnsChaos: true });
    expect(cm.values.dnsServer).toEqual({
      create: true,
      resources: { limits: { cpu: '500m', memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
    });
  });

  test('user values are deep-merged over the hardened values', () => {
    const { cm } = install({
      values: { dashboard: { resources: { limits: { memory: '1Gi' } } }, chaosDaemon: { tolerations: [{ operator: 'Exists' }] } },
      resources: { controllerManager: { requests: { cpu: '50m', memory: '128Mi' } } },
    });
    expect(cm.values.dashboard?.resources).toEqual({ limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '100m', memory: '256Mi' } });
    expect(cm.values.chaosDaemon?.tolerations).toEqual([{ operator: 'Exists' }]);
    expect(cm.values.chaosDaemon?.socketPath).toBe('/run/k3s/containerd/containerd.sock');
    expect(cm.values.controllerManager?.resources).toEqual({ requests: { cpu: '50m', memory: '128Mi' } });
  });

  test('the ArgoCD Application installs chart 2.8.2 with the same values, before everything else', () => {
    const { chart, cm } = install();
    const app = Testing.synth(chart).find((o) => o.kind === 'Application');
    expect(app).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'chaos-mesh', namespace: 'argocd', annotations: { 'argocd.argoproj.io/sync-wave': '-10' } },
      spec: {
        project: 'default',
        source: {
          repoURL: 'https://charts.chaos-mesh.org',
          chart: 'chaos-mesh',
          targetRevision: '2.8.2',
          helm: { releaseName: 'chaos-mesh', valuesObject: cm.values },
        },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'chaos-mesh' },
        syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=false', 'ServerSideApply=true'] },
      },
    });
  });

  test('the k3s HelmChart carries the same values as YAML', () => {
    const { chart, cm } = install({ delivery: ChartDelivery.K3S_HELM_CHART });
    const objects = Testing.synth(chart);
    expect(objects.map((o) => o.kind)).toEqual(['Namespace', 'HelmChart']);
    const helmChart = objects[1];
    expect(helmChart).toMatchObject({
      apiVersion: 'helm.cattle.io/v1',
      metadata: { name: 'chaos-mesh', namespace: 'kube-system' },
      spec: { repo: 'https://charts.chaos-mesh.org', chart: 'chaos-mesh', version: '2.8.2', targetNamespace: 'chaos-mesh' },
    });
    expect(YAML.parse(helmChart.spec.valuesContent)).toEqual(cm.values);
    expect(helmChart.spec.valuesContent).toBe(cm.toValuesYaml({ header: false }));
  });

  test('values only: no delivery object, and a values file for helm install -f', () => {
    const { chart, cm } = install({ delivery: ChartDelivery.VALUES_ONLY });
    expect(Testing.synth(chart).map((o) => o.kind)).toEqual(['Namespace']);
    const text = cm.toValuesYaml();
    expect(text.split('\n').slice(0, 3).every((l) => l.startsWith('#'))).toBe(true);
    expect(text).toContain('helm install chaos-mesh chaos-mesh/chaos-mesh -n chaos-mesh --version 2.8.2 -f chaos-mesh.values.yaml');
    expect(YAML.parse(text)).toEqual(cm.values);
    expect(Object.keys(YAML.parse(text))).toEqual(['controllerManager', 'chaosDaemon', 'dashboard', 'dnsServer', 'webhook']);
    expect(install({ delivery: ChartDelivery.VALUES_ONLY }).cm.toValuesYaml()).toBe(text);
  });

  test('the namespace admits the privileged chaos-daemon and says why', () => {
    const { chart } = install();
    const ns = Testing.synth(chart).find((o) => o.kind === 'Namespace');
    expect(ns.metadata.name).toBe('chaos-mesh');
    expect(ns.metadata.labels).toEqual({
      'pod-security.kubernetes.io/enforce': 'privileged',
      'pod-security.kubernetes.io/audit': 'privileged',
      'pod-security.kubernetes.io/warn': 'privileged',
    });
    expect(ns.metadata.annotations['cdk8s-chaos-mesh.io/pod-security-reason']).toMatch(/chaos-daemon.*privileged.*restricted/s);
    expect(ns.metadata.annotations['chaos-mesh.org/inject']).toBeUndefined();
  });

  test('escape hatch: the Namespace is the default child and takes JSON patches', () => {
    const { chart, cm } = install();
    const obj = ApiObject.of(cm.namespace!);
    expect(cm.namespace!.node.defaultChild).toBe(obj);
    obj.addJsonPatch(JsonPatch.add('/metadata/labels/team', 'platform'));
    expect(Testing.synth(chart).find((o) => o.kind === 'Namespace').metadata.labels.team).toBe('platform');
  });

  test('contradictory props throw with the prop and the allowed values', () => {
    expect(() => install({ filterNamespaces: false, externalTargetNamespaces: ['podinfo'] })).toThrow(/externalTargetNamespaces only matters with filterNamespaces: true/);
    expect(() => install({ externalTargetNamespaces: ['Pod_Info'] })).toThrow('ChaosMeshInstall: externalTargetNamespaces entry "Pod_Info" is not a valid namespace name.');
    expect(() => install({ runtime: 'k3s' as any })).toThrow(/runtime must be a RuntimePreset/);
  });

  test('values are judged by checkManifests, not by the construct: CM009 and unknown chart keys', () => {
    const rules = (props: Partial<ConstructorParameters<typeof ChaosMeshInstall>[2]>) =>
      checkManifests(Testing.synth(install(props).chart)).map((f) => `${f.rule} ${f.path}`);
    expect(rules({ values: { chaosDaemon: { socketPath: '/var/run/docker.sock' } } }))
      .toEqual(['CM009 spec.source.helm.valuesObject.chaosDaemon.socketPath']);
    expect(rules({ values: { dashboard: { serviceType: 'ClusterIP' } } as ChaosMeshChartValues }))
      .toEqual(['schema spec.source.helm.valuesObject.dashboard.serviceType']);
    expect(rules({})).toEqual([]);
  });

  test('synthesized chart (ArgoCD delivery)', () => {
    expect(YAML.stringify(Testing.synth(install().chart))).toMatchSnapshot();
  });

  test('synthesized chart (k3s HelmChart delivery, DNSChaos on)', () => {
    expect(YAML.stringify(Testing.synth(install({ delivery: ChartDelivery.K3S_HELM_CHART, dnsChaos: true }).chart))).toMatchSnapshot();
  });
});
