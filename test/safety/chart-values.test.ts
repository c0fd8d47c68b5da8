import { findChartValues } from '../../lib/safety';
import { chartApplication } from '../fixtures/safety/objects';

describe('findChartValues', () => {
  test('reads an Application valuesObject and ignores other charts', () => {
    const other = { ...chartApplication({ a: 1 }), spec: { source: { chart: 'podinfo', helm: { valuesObject: { a: 1 } } } } };
    const found = findChartValues([chartApplication({ dashboard: { create: true } }), other]);
    expect(found).toHaveLength(1);
    expect(found[0].values).toEqual({ dashboard: { create: true } });
    expect(found[0].pathOf('dashboard.create')).toBe('spec.source.helm.valuesObject.dashboard.create');
  });

  test('merges values < valuesObject < parameters, as ArgoCD does', () => {
    const app = chartApplication({ dashboard: { service: { type: 'ClusterIP' } } });
    app.spec.source.helm.values = 'dashboard:\n  securityMode: false\n  service:\n    type: NodePort\n';
    app.spec.source.helm.parameters = [{ name: 'dashboard.securityMode', value: 'true' }, { name: 'chaosDaemon.socketPath', value: '/x', forceString: true }];
    const [cv] = findChartValues([app]);
    expect(cv.values).toEqual({ dashboard: { securityMode: true, service: { type: 'ClusterIP' } }, chaosDaemon: { socketPath: '/x' } });
    expect(cv.pathOf('dashboard.securityMode')).toBe('spec.source.helm.parameters[0].value');
    expect(cv.pathOf('dashboard.service.type')).toBe('spec.source.helm.valuesObject.dashboard.service.type');
    expect(cv.pathOf('dashboard.ingress.enabled')).toBe('spec.source.helm.valuesObject.dashboard.ingress.enabled');
  });

  test('multi-source Applications: each Chaos Mesh source', () => {
    const app = chartApplication({});
    const multi = { ...app, spec: { ...app.spec, source: undefined, sources: [{ chart: 'other' }, { chart: 'chaos-mesh', helm: { valuesObject: { x: 1 } } }] } };
    const [cv] = findChartValues([multi]);
    expect(cv.basePath).toBe('spec.sources[1].helm');
    expect(cv.pathOf('x')).toBe('spec.sources[1].helm.valuesObject.x');
  });

  test('a k3s HelmChart: valuesContent < set', () => {
    const chart = {
      apiVersion: 'helm.cattle.io/v1', kind: 'HelmChart', metadata: { name: 'chaos-mesh' },
      spec: { chart: 'chaos-mesh/chaos-mesh', valuesContent: 'chaosDaemon:\n  runtime: docker\n', set: { 'chaosDaemon.runtime': 'containerd' } },
    };
    const [cv] = findChartValues([chart]);
    expect(cv.values).toEqual({ chaosDaemon: { runtime: 'containerd' } });
    expect(cv.pathOf('chaosDaemon.runtime')).toBe('spec.set["chaosDaemon.runtime"]');
  });

  test('invalid YAML is an error the rules report', () => {
    const [cv] = findChartValues([chartApplication('dashboard: [')]);
    expect(cv.error?.path).toBe('spec.source.helm.values');
    expect(cv.error?.message).toMatch(/is not valid YAML/);
    const [scalar] = findChartValues([chartApplication('just text')]);
    expect(scalar.error?.message).toMatch(/must be a YAML mapping/);
  });

  test('values that expand into a YAML alias bomb are an error, not a crash', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 7; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(', ')}]`);
    const [cv] = findChartValues([chartApplication(levels.join('\n'))]);
    expect(cv.error?.path).toBe('spec.source.helm.values');
    expect(cv.error?.message).toMatch(/cannot be read as YAML/);
  });

  test('the ChartValues pseudo-object of lint --values', () => {
    const [cv] = findChartValues([{ apiVersion: 'cdk8s-chaos-mesh.io/v1', kind: 'ChartValues', metadata: { name: 'v.yaml' }, values: { a: { b: 1 } } }]);
    expect(cv.pathOf('a.b')).toBe('values.a.b');
  });
});
