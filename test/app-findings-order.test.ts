import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { ChaosMeshApp } from '../lib/app';
import { NetworkChaosAction, NetworkChaosExperiment } from '../lib/experiments';
import { ChaosMeshInstall, RuntimePreset } from '../lib/install';
import { ChaosTarget } from '../lib/target';
import { GoDuration } from '../lib/units';
import { listFiles } from './support/run-app';

describe('findings in the order a user should act on them', () => {
  let outdir: string;
  beforeEach(() => { outdir = mkdtempSync(path.join(tmpdir(), 'chaos-order-')); });
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  test('reproduction 4: a target in kube-system gets CM005 first, and no advice to opt kube-system in', () => {
    const app = new ChaosMeshApp({ outdir, log: () => undefined });
    // The install filters namespaces (the default), and nothing declares kube-system: before, the
    // opt-in error came first and told the user to declare kube-system external and annotate it.
    new ChaosMeshInstall(app.platform, 'chaos-mesh', { runtime: RuntimePreset.K3S });
    new NetworkChaosExperiment(app.experiments, 'dns-latency', {
      target: ChaosTarget.fromDeclaration({ namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' }, replicas: 2 }),
      action: NetworkChaosAction.DELAY, delay: { latency: GoDuration.parse('100ms') }, duration: GoDuration.minutes(2),
      steadyState: { url: 'https://dns.example.com/', thresholds: { minAvailabilityPercent: 99 }, healthCheck: { url: 'http://dns.example.com/' } },
    });
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    const rules = [...message.matchAll(/^error (\S+)/gm)].map((m) => m[1]);
    expect(rules[0]).toBe('CM005');
    expect(message).not.toMatch(/externalTargetNamespaces: \['kube-system'\]|annotate namespace kube-system/);
    expect(listFiles(outdir)).toEqual([]);
  });
});
