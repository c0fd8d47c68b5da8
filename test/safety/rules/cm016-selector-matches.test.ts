import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ChaosMeshApp } from '../../../lib/app';
import { NetworkChaosAction, NetworkChaosExperiment } from '../../../lib/experiments';
import { checkSafety } from '../../../lib/safety';
import { ChaosTarget } from '../../../lib/target';
import { GoDuration } from '../../../lib/units';
import { complianceMatrix, only } from '../../fixtures/safety/matrix';
import { deployment, networkChaos, networkDelaySpec, PODINFO_LABELS } from '../../fixtures/safety/objects';

const typo = { namespaces: ['podinfo'], labelSelectors: { 'app.kubernetes.io/name': 'podnfo' } };

complianceMatrix('CM016', {
  compliant: [deployment(), networkChaos()],
  nonCompliant: [deployment(), networkChaos(networkDelaySpec({ selector: typo }))],
  message: /NetworkChaos selector matches none of the 1 workload\(s\) in namespace "podinfo" of this set \(Deployment\/podinfo\/podinfo\)/,
  path: 'spec.selector.labelSelectors',
});

const cm016 = (...objects: Parameters<typeof checkSafety>[0]) => only(checkSafety(objects), 'CM016');

describe('CM016', () => {
  test('the nearest workload\'s labels are the suggestion', () => {
    const other = deployment({ metadata: { name: 'redis' }, spec: { template: { metadata: { labels: { 'app.kubernetes.io/name': 'redis' } } } } });
    const [f] = cm016(other, deployment(), networkChaos(networkDelaySpec({ selector: typo })));
    expect(f.message).toMatch(/The nearest is Deployment\/podinfo\/podinfo, whose pods are labelled \{ app\.kubernetes\.io\/name: podinfo \}/);
    expect(f.fix).toMatch(/^Correct the labels: labelSelectors: \{ app\.kubernetes\.io\/name: podinfo \} matches Deployment\/podinfo\/podinfo\./);
  });

  test('namespaces without workloads in the set are not judged (the target lives in another repository)', () => {
    expect(cm016(networkChaos(networkDelaySpec({ selector: typo })))).toEqual([]);
    expect(cm016(deployment({ metadata: { namespace: 'shop' } }), networkChaos(networkDelaySpec({ selector: typo })))).toEqual([]);
  });

  test('expressionSelectors count, and a selector naming pods is left alone', () => {
    const expression = { namespaces: ['podinfo'], expressionSelectors: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['podinfo', 'x'] }] };
    expect(cm016(deployment(), networkChaos(networkDelaySpec({ selector: expression })))).toEqual([]);
    const missing = { namespaces: ['podinfo'], expressionSelectors: [{ key: 'tier', operator: 'Exists' }] };
    expect(cm016(deployment(), networkChaos(networkDelaySpec({ selector: missing })))[0].path).toBe('spec.selector');
    expect(cm016(deployment(), networkChaos(networkDelaySpec({ selector: { pods: { podinfo: ['podinfo-0'] } } })))).toEqual([]);
  });

  test('a protected namespace is left to CM005: no advice on labels to reach into it', () => {
    const system = deployment({ metadata: { namespace: 'kube-system', name: 'coredns' } });
    const found = checkSafety([system, networkChaos(networkDelaySpec({ selector: { ...typo, namespaces: ['kube-system'] } }))]);
    expect(found.map((f) => f.rule)).toEqual(['CM005']);
  });

  test('a NetworkChaos target selector is checked too', () => {
    const found = cm016(deployment(), networkChaos(networkDelaySpec({
      direction: 'to', target: { mode: 'all', selector: typo },
    })));
    expect(found.map((f) => f.path)).toEqual(['spec.target.selector.labelSelectors']);
  });

  test('one match among several workloads is enough', () => {
    const other = deployment({ metadata: { name: 'redis' }, spec: { template: { metadata: { labels: { app: 'redis' } } } } });
    expect(cm016(other, deployment(), networkChaos(networkDelaySpec({ selector: { namespaces: ['podinfo'], labelSelectors: PODINFO_LABELS } })))).toEqual([]);
  });

  test('reproduction 3: a declared target `app: chekout` beside Deployment checkout in the same app fails synth', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'cm016-'));
    try {
      const app = new ChaosMeshApp({ outdir, log: () => undefined });
      const shop = app.addChart('shop', { namespace: 'shop' });
      new kplus.Deployment(shop, 'checkout', {
        replicas: 2, podMetadata: { labels: { app: 'checkout' } },
        containers: [{ image: 'ghcr.io/example/checkout:1.0.0', portNumber: 8080, resources: { memory: { limit: Size.mebibytes(256) } } }],
      });
      new NetworkChaosExperiment(app.experiments, 'checkout-latency', {
        target: ChaosTarget.fromDeclaration({ namespace: 'shop', labels: { app: 'chekout' }, replicas: 2 }),
        action: NetworkChaosAction.DELAY, delay: { latency: GoDuration.parse('100ms') }, duration: GoDuration.minutes(2),
        steadyState: { url: 'http://checkout.shop.svc:8080/', thresholds: { minAvailabilityPercent: 99 }, healthCheck: { url: 'http://checkout.shop.svc:8080/' } },
      });
      expect(() => app.synth()).toThrow(/CM016[\s\S]*matches none of the 1 workload\(s\) in namespace "shop"[\s\S]*labelSelectors: \{ app: checkout \}/);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
