import * as YAML from 'yaml';
import { ChaosMeshChartValues, chartDefaults, checkChartValueKeys } from '../../lib/install';
import { readUpstream } from './_upstream';

describe('checkChartValueKeys', () => {
  test('the typed interface and the run-time check refuse the same misspelled key', () => {
    const values: ChaosMeshChartValues = {
      // @ts-expect-error -- the 2.8.2 chart reads dashboard.service.type; `tsc` fails if this key ever becomes valid
      dashboard: { serviceType: 'ClusterIP', securityMode: true },
    };
    expect(checkChartValueKeys(values, '')).toEqual([{
      path: 'dashboard.serviceType',
      message: expect.stringMatching(/^Unknown chart value 'dashboard\.serviceType': the chaos-mesh 2\.8\.2 chart does not read it, so Helm would silently ignore it\..*NodePort/),
      fix: "Did you mean 'dashboard.service.type'? Write it as dashboard: {service: {type: ...}}.",
    }]);
  });

  test('a misspelled key is reported with its path and the nearest valid key (edit distance)', () => {
    const values: ChaosMeshChartValues = {
      // @ts-expect-error -- misspelled on purpose
      chaosDaemon: { socketpath: '/run/k3s/containerd/containerd.sock', runtime: 'containerd' },
    };
    expect(checkChartValueKeys(values, 'spec.source.helm.valuesObject')).toEqual([{
      path: 'spec.source.helm.valuesObject.chaosDaemon.socketpath',
      message: expect.stringContaining("Unknown chart value 'chaosDaemon.socketpath'"),
      fix: "Did you mean 'chaosDaemon.socketPath'?",
    }]);
  });

  test.each([
    [{ controllerManager: { enableFilterNamespaces: true } }, 'controllerManager.enableFilterNamespaces', 'controllerManager.enableFilterNamespace'],
    [{ controllerManager: { replicas: 3 } }, 'controllerManager.replicas', 'controllerManager.replicaCount'],
    [{ dnsServer: { replicaCount: 1 } }, 'dnsServer.replicaCount', 'dnsServer.replicas'],
    [{ dashbaord: { create: true } }, 'dashbaord', 'dashboard'],
    [{ prometheus: { serviceType: 'ClusterIP' } }, 'prometheus.serviceType', 'prometheus.service.type'],
    [{ socketPath: '/run/containerd/containerd.sock' }, 'socketPath', 'chaosDaemon.socketPath'],
    [{ dashboard: { resources: { limit: { cpu: '1' } } } }, 'dashboard.resources.limit', 'dashboard.resources.limits'],
    [{ dashboard: { ingress: { hosts: [{ name: 'x', tlsSecrett: 'y' }] } } }, 'dashboard.ingress.hosts[0].tlsSecrett', 'dashboard.ingress.hosts[0].tlsSecret'],
  ])('%j: %s -> %s', (values, path, suggestion) => {
    const problems = checkChartValueKeys(values, '');
    expect(problems.map((p) => p.path)).toEqual([path]);
    expect(problems[0].fix).toContain(`'${suggestion}'`);
  });

  test('every key of the chart, with two letters swapped, is reported with the original key as a suggestion', () => {
    const failures: string[] = [];
    let tried = 0;
    const walk = (values: Record<string, unknown>, prefix: string[]): void => {
      for (const [key, value] of Object.entries(values)) {
        const swapAt = [...key].findIndex((c, i) => i > 0 && i < key.length - 1 && c !== key[i + 1]);
        if (key.length >= 4 && swapAt > 0) {
          const typo = key.slice(0, swapAt) + key[swapAt + 1] + key[swapAt] + key.slice(swapAt + 2);
          const tree = [...prefix].reverse().reduce<Record<string, unknown>>((acc, k) => ({ [k]: acc }), { [typo]: value });
          const problems = checkChartValueKeys(tree, '');
          tried++;
          const expected = [...prefix, key].join('.');
          if (problems.length !== 1 || !problems[0].fix.includes(`'${expected}'`)) failures.push(`${[...prefix, typo].join('.')}: ${JSON.stringify(problems)}`);
        }
        if (value && typeof value === 'object' && !Array.isArray(value) && !['env', 'resources', 'affinity'].includes(key)) {
          walk(value as Record<string, unknown>, [...prefix, key]);
        }
      }
    };
    walk(YAML.parse(readUpstream('values.yaml')), []);
    expect(failures).toEqual([]);
    expect(tried).toBeGreaterThan(150);
  });

  test('types and closed sets from values.schema.json and the runtime list', () => {
    const problems = checkChartValueKeys({
      chaosDaemon: { hostNetwork: 'false', runtime: 'cri-o', grpcPort: 31767.5 },
      controllerManager: { replicaCount: '3', resources: { requests: { cpu: 1 } } },
      dashboard: { service: { type: 'Ingress' }, podAnnotations: { 'prometheus.io/scrape': true } },
      imagePullSecrets: 'regcred',
    }, 'values');
    const byPath = (a: string[], b: string[]): number => a[0].localeCompare(b[0]);
    expect(problems.map((p) => [p.path, p.fix]).sort(byPath)).toEqual([
      ['values.chaosDaemon.grpcPort', 'Write an integer for chaosDaemon.grpcPort.'],
      ['values.chaosDaemon.hostNetwork', 'Write false without quotes.'],
      ['values.chaosDaemon.runtime', 'Did you mean "crio"?'],
      ['values.controllerManager.replicaCount', 'Write 3 without quotes.'],
      ['values.controllerManager.resources.requests.cpu', 'Quote it: "1".'],
      ['values.dashboard.podAnnotations["prometheus.io/scrape"]', 'Quote it: "true".'],
      ['values.dashboard.service.type', 'Use one of "ClusterIP", "NodePort", "LoadBalancer".'],
      ['values.imagePullSecrets', 'Write a list for imagePullSecrets.'],
    ].sort(byPath));
    expect(problems.find((p) => p.path === 'values.chaosDaemon.runtime')!.message)
      .toBe('Chart value \'chaosDaemon.runtime\' is "cri-o", which the chaos-mesh 2.8.2 chart does not accept; allowed: "docker", "containerd", "crio".');
  });

  test('free-form maps accept any key; commented-out keys the templates read are valid', () => {
    expect(checkChartValueKeys({
      customLabels: { team: 'platform' },
      chaosDaemon: {
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        env: { HTTP_PROXY: 'http://proxy:3128', DEBUG: true },
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {} } },
        tolerations: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
        resources: { limits: { cpu: 1, 'ephemeral-storage': '1Gi' } },
        socketDir: '/run/k3s/containerd',
      },
      dashboard: {
        service: { clusterIP: '10.43.0.10', loadBalancerSourceRanges: ['10.0.0.0/8'] },
        ingress: { annotations: { 'kubernetes.io/ingress.class': 'nginx' }, hosts: [{ name: 'a', tlsHosts: ['a'] }] },
      },
      controllerManager: { env: { WEBHOOK_PORT: 10250, EXTRA: 'x' } },
    }, '')).toEqual([]);
  });

  test('null removes a chart default (Helm semantics) and is not a type error', () => {
    expect(checkChartValueKeys({ dashboard: { resources: null }, chaosDaemon: { nodeSelector: null } }, '')).toEqual([]);
  });

  test('values that are not a mapping', () => {
    expect(checkChartValueKeys('dashboard: true', 'spec.valuesContent')).toEqual([{
      path: 'spec.valuesContent',
      message: 'Chart values must be a mapping of keys, found the string "dashboard: true".',
      fix: 'Write the values as a YAML mapping, for example `dashboard: {securityMode: true}`.',
    }]);
    expect(checkChartValueKeys(undefined, '')).toEqual([]);
  });

  test('an unknown key with nothing close lists the keys the chart reads there', () => {
    const [problem] = checkChartValueKeys({ dashboard: { zzz: 1 } }, '');
    expect(problem.fix).toMatch(/^Remove it\. Keys the chart reads under 'dashboard': create, databaseSecretName, rootUrl, /);
  });

  test('the chart defaults (values.yaml itself) pass', () => {
    expect(checkChartValueKeys(YAML.parse(readUpstream('values.yaml')), '')).toEqual([]);
    expect(checkChartValueKeys(chartDefaults(), '')).toEqual([]);
  });
});
