import { checkSafety } from '../../../lib/safety';
import { complianceMatrix, only } from '../../fixtures/safety/matrix';
import { chartApplication, safeValues } from '../../fixtures/safety/objects';

complianceMatrix('CM009', {
  compliant: [chartApplication(safeValues())],
  nonCompliant: [chartApplication(safeValues({ chaosDaemon: { runtime: 'docker' } }))],
  message: /chaosDaemon\.runtime "docker" does not agree with chaosDaemon\.socketPath "\/run\/k3s\/containerd\/containerd\.sock"/,
  path: 'spec.source.helm.valuesObject.chaosDaemon.socketPath',
});

function cm009(chaosDaemon: Record<string, unknown> | undefined) {
  const values = safeValues();
  const app = chartApplication(chaosDaemon === undefined ? { ...values, chaosDaemon: undefined } : { ...values, chaosDaemon });
  return only(checkSafety([app]), 'CM009');
}

describe('CM009', () => {
  test.each([
    ['containerd', '/run/containerd/containerd.sock'],
    ['containerd', '/var/run/containerd/containerd.sock'],
    ['containerd', '/run/k3s/containerd/containerd.sock'],
    ['containerd', '/var/snap/microk8s/common/run/containerd.sock'],
    ['containerd', '/run/k0s/containerd.sock'],
    ['crio', '/var/run/crio/crio.sock'],
    ['docker', '/var/run/docker.sock'],
  ])('%s with %s agree', (runtime, socketPath) => {
    expect(cm009({ runtime, socketPath })).toEqual([]);
  });

  test('the chart defaults (docker + /var/run/docker.sock) agree', () => {
    expect(cm009(undefined)).toEqual([]);
  });

  test('containerd without socketPath keeps the docker socket default: an error pointing at socketPath', () => {
    const found = cm009({ runtime: 'containerd' });
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe('error');
    expect(found[0].path).toBe('spec.source.helm.valuesObject.chaosDaemon.socketPath');
    expect(found[0].message).toMatch(/\(chart default\)/);
  });

  test('the k3s socket with the default docker runtime points at runtime', () => {
    const found = cm009({ socketPath: '/run/k3s/containerd/containerd.sock' });
    expect(found[0].path).toBe('spec.source.helm.valuesObject.chaosDaemon.runtime');
    expect(found[0].fix).toMatch(/runtime: containerd/);
  });

  test('crio runtime with a containerd socket is an error', () => {
    expect(cm009({ runtime: 'crio', socketPath: '/run/containerd/containerd.sock' })[0].severity).toBe('error');
  });

  test('an unknown socket path is a warning', () => {
    const found = cm009({ runtime: 'containerd', socketPath: '/opt/custom/containerd.sock' });
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe('warning');
  });

  test('an unsupported runtime is an error', () => {
    expect(cm009({ runtime: 'podman', socketPath: '/run/podman/podman.sock' })[0].message).toMatch(/not a runtime chaos-daemon 2\.8\.2 supports/);
  });

  test('helm parameters override values (ArgoCD precedence)', () => {
    const app = chartApplication(safeValues());
    const withParam = { ...app, spec: { ...app.spec, source: { ...app.spec.source, helm: { ...app.spec.source.helm, parameters: [{ name: 'chaosDaemon.runtime', value: 'docker' }] } } } };
    const found = only(checkSafety([withParam]), 'CM009');
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('spec.source.helm.valuesObject.chaosDaemon.socketPath');
  });
});
