import { checkSafety } from '../../../lib/safety';
import { complianceMatrix, only } from '../../fixtures/safety/matrix';
import { chartApplication, merge, safeValues } from '../../fixtures/safety/objects';

complianceMatrix('CM008', {
  compliant: [chartApplication(safeValues())],
  nonCompliant: [chartApplication(safeValues({ dashboard: { service: { type: undefined } } }))],
  message: /dashboard\.service\.type is not set, and the Chaos Mesh 2\.8\.2 chart defaults it to NodePort/,
  path: 'spec.source.helm.valuesObject.dashboard.service.type',
});

function cm008(...objects: Parameters<typeof checkSafety>[0]) {
  return only(checkSafety(objects), 'CM008');
}

const service = (name: string, type: string, selector: Record<string, string> = { 'app.kubernetes.io/component': 'chaos-dashboard' }) => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'chaos-mesh' }, spec: { type, selector, ports: [{ port: 2333 }] },
});

describe('CM008 over chart values', () => {
  test.each([
    [{ dashboard: { securityMode: false } }, 'dashboard.securityMode'],
    [{ dashboard: { service: { type: 'LoadBalancer' } } }, 'dashboard.service.type'],
    [{ dashboard: { service: { type: 'NodePort' } } }, 'dashboard.service.type'],
    [{ dashboard: { ingress: { enabled: true } } }, 'dashboard.ingress.enabled'],
  ])('%j is refused', (patch, key) => {
    const found = cm008(chartApplication(safeValues(patch)));
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe(`spec.source.helm.valuesObject.${key}`);
  });

  test('the reference validation\'s "dashboard.serviceType" is named as ignored', () => {
    const values = merge(safeValues({ dashboard: { service: undefined } }), { dashboard: { serviceType: 'ClusterIP' } });
    expect(cm008(chartApplication(values))[0].message).toMatch(/dashboard\.serviceType "ClusterIP" is not a key of the 2\.8\.2 chart/);
  });

  test('values as a YAML string are read; invalid YAML is reported, never passed', () => {
    expect(cm008(chartApplication('dashboard:\n  service:\n    type: ClusterIP\n'))).toEqual([]);
    expect(cm008(chartApplication('dashboard:\n  service:\n    type: NodePort\n'))[0].path).toBe('spec.source.helm.values.dashboard.service.type');
    expect(cm008(chartApplication('dashboard: [\n'))[0].message).toMatch(/cannot be read/);
  });

  test('no dashboard (dashboard.create: false), nothing to expose', () => {
    expect(cm008(chartApplication({ dashboard: { create: false } }))).toEqual([]);
  });

  test('a k3s HelmChart and a plain values file are checked', () => {
    const helmChart = {
      apiVersion: 'helm.cattle.io/v1', kind: 'HelmChart', metadata: { name: 'chaos-mesh', namespace: 'kube-system' },
      spec: { chart: 'chaos-mesh', repo: 'https://charts.chaos-mesh.org', valuesContent: 'dashboard:\n  securityMode: true\n' },
    };
    expect(cm008(helmChart)[0].path).toBe('spec.valuesContent.dashboard.service.type');
    const file = { apiVersion: 'cdk8s-chaos-mesh.io/v1', kind: 'ChartValues', metadata: { name: 'values.yaml' }, values: safeValues() };
    expect(cm008(file)).toEqual([]);
  });
});

describe('CM008 over objects reaching chaos-dashboard', () => {
  test('a LoadBalancer or NodePort Service named chaos-dashboard or selecting it', () => {
    expect(cm008(service('chaos-dashboard', 'LoadBalancer', {}))).toHaveLength(1);
    expect(cm008(service('dash', 'NodePort'))).toHaveLength(1);
    expect(cm008(service('dash', 'ClusterIP'))).toEqual([]);
  });

  test('an Ingress to chaos-dashboard, or to a Service that selects the dashboard', () => {
    const ingress = (name: string) => ({
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'dash', namespace: 'chaos-mesh' },
      spec: { rules: [{ host: 'chaos.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { number: 2333 } } } }] } }] },
    });
    const found = cm008(ingress('chaos-dashboard'));
    expect(found[0].path).toBe('spec.rules[0].http.paths[0].backend.service.name');
    expect(cm008(service('dash', 'ClusterIP'), ingress('dash'))).toHaveLength(1);
    expect(cm008(ingress('podinfo'))).toEqual([]);
  });

  test.each(['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute'])('a Gateway API %s to chaos-dashboard', (kind) => {
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1', kind, metadata: { name: 'dash', namespace: 'chaos-mesh' },
      spec: { parentRefs: [{ name: 'public' }], rules: [{ backendRefs: [{ name: 'chaos-dashboard', port: 2333 }] }] },
    };
    expect(cm008(route)[0].path).toBe('spec.rules[0].backendRefs[0].name');
  });
});
