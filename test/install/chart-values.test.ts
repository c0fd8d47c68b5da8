import * as YAML from 'yaml';
import { chartDefaults, chartValuesToYaml, effectiveChartValues, mergeChartValues, orderChartValues } from '../../lib/install';
import { readUpstream } from './_upstream';

describe('chart values helpers', () => {
  test('chartDefaults() is exactly values.yaml', () => {
    expect(chartDefaults()).toEqual(YAML.parse(readUpstream('values.yaml')));
  });

  test('merge: mappings merge, lists and scalars replace, undefined is ignored, null removes', () => {
    const base = { dashboard: { create: true, resources: { limits: { cpu: '1' } }, tolerations: [{ key: 'a' }] }, timezone: 'UTC' };
    const merged = mergeChartValues(base, {
      dashboard: { resources: { requests: { cpu: '100m' } }, tolerations: [{ key: 'b' }], create: undefined },
      timezone: 'Europe/Paris',
      chaosDaemon: { nodeSelector: null as any },
    });
    expect(merged).toEqual({
      dashboard: { create: true, resources: { limits: { cpu: '1' }, requests: { cpu: '100m' } }, tolerations: [{ key: 'b' }] },
      timezone: 'Europe/Paris',
      chaosDaemon: {},
    });
    expect(mergeChartValues({ dashboard: { create: true } }, { dashboard: { create: null as any } })).toEqual({ dashboard: {} });
    expect(base.dashboard.tolerations).toEqual([{ key: 'a' }]);
  });

  test('effective values: the 2.8.2 chart puts the dashboard on a NodePort unless told otherwise', () => {
    expect(effectiveChartValues({}).dashboard?.service?.type).toBe('NodePort');
    expect(effectiveChartValues({ dashboard: { service: { type: 'ClusterIP' } } }).dashboard?.service).toEqual({ annotations: {}, type: 'ClusterIP' });
  });

  test('stable key order: chart keys in values.yaml order, map keys sorted', () => {
    const ordered = orderChartValues({
      webhook: { certManager: { enabled: false } },
      dashboard: { service: { type: 'ClusterIP' as const }, create: true },
      chaosDaemon: { nodeSelector: { zone: 'b', arch: 'amd64' }, runtime: 'containerd' as const },
    });
    expect(JSON.stringify(ordered)).toBe(JSON.stringify({
      chaosDaemon: { runtime: 'containerd', nodeSelector: { arch: 'amd64', zone: 'b' } },
      dashboard: { create: true, service: { type: 'ClusterIP' } },
      webhook: { certManager: { enabled: false } },
    }));
    expect(chartValuesToYaml({ dashboard: { securityMode: true }, chaosDaemon: { runtime: 'containerd' } }))
      .toBe('chaosDaemon:\n  runtime: containerd\ndashboard:\n  securityMode: true\n');
  });
});
