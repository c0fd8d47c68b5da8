import { ContainerRuntime, RuntimePreset, checkChartValueKeys } from '../../lib/install';

describe('RuntimePreset', () => {
  test('the preset table (README): runtime and socket per distribution', () => {
    expect(RuntimePreset.all().map((p) => `${p.name} | ${p.runtime} | ${p.socketPath}`)).toMatchInlineSnapshot(`
[
  "k3s | containerd | /run/k3s/containerd/containerd.sock",
  "k0s | containerd | /run/k0s/containerd.sock",
  "RKE2 | containerd | /run/k3s/containerd/containerd.sock",
  "MicroK8s | containerd | /var/snap/microk8s/common/run/containerd.sock",
  "containerd | containerd | /run/containerd/containerd.sock",
  "CRI-O | crio | /var/run/crio/crio.sock",
  "Docker | docker | /var/run/docker.sock",
]
`);
  });

  test('every preset cites its source and yields values the chart accepts', () => {
    for (const preset of RuntimePreset.all()) {
      expect(preset.sources.length).toBeGreaterThan(0);
      for (const source of preset.sources) expect(source).toMatch(/^https:\/\//);
      expect(checkChartValueKeys(preset.toValues(), '')).toEqual([]);
    }
  });

  test('k3s is the reference pair', () => {
    expect(RuntimePreset.K3S.toValues()).toEqual({ chaosDaemon: { runtime: 'containerd', socketPath: '/run/k3s/containerd/containerd.sock' } });
  });

  test('matching() recognises a hand-set pair, including distributions that share a socket', () => {
    expect(RuntimePreset.matching('containerd', '/run/k3s/containerd/containerd.sock').map((p) => p.name)).toEqual(['k3s', 'RKE2']);
    expect(RuntimePreset.matching('docker', '/run/k3s/containerd/containerd.sock')).toEqual([]);
  });

  test('custom pairs are validated', () => {
    expect(RuntimePreset.custom(ContainerRuntime.CONTAINERD, '/opt/containerd/run/containerd.sock').socketPath).toBe('/opt/containerd/run/containerd.sock');
    expect(() => RuntimePreset.custom('cri-o' as ContainerRuntime, '/var/run/crio/crio.sock'))
      .toThrow('RuntimePreset.custom: runtime "cri-o" is not one chaos-daemon knows; use one of docker, containerd, crio.');
    expect(() => RuntimePreset.custom(ContainerRuntime.CONTAINERD, 'run/containerd/containerd.sock'))
      .toThrow(/socketPath "run\/containerd\/containerd.sock" must be the absolute path of a socket/);
  });
});
