/**
 * A target built in the same app: the team's own Namespace and cdk8s-plus Deployment, delivered
 * by an Application of their own (`app.addChart`), and a latency experiment whose target reads
 * replicas, labels and memory limits from that Deployment (`ChaosTarget.fromWorkload`), so a
 * label typo cannot slip between the two.
 */
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  ChaosMeshApp, ChaosMeshInstall, ChaosTarget, GoDuration, NetworkChaosAction, NetworkChaosExperiment,
  RuntimePreset, SelectorMode, synthOrExit,
} from 'cdk8s-chaos-mesh';

synthOrExit(() => {
  const app = new ChaosMeshApp({
    gitOps: { repoURL: 'https://git.example.com/platform/chaos-engineering.git', targetRevision: 'main', path: 'dist' },
  });
  new ChaosMeshInstall(app.platform, 'chaos-mesh', { runtime: RuntimePreset.CONTAINERD });

  // dist/shop/: the Namespace and the Deployment, synced by the generated "shop" Application.
  const shop = app.addChart('shop');
  new kplus.Namespace(shop, 'namespace', { metadata: { name: 'shop' } });
  const checkout = new kplus.Deployment(shop, 'checkout', {
    metadata: { namespace: 'shop' },
    replicas: 3,
    containers: [{
      image: 'ghcr.io/example/checkout:1.0.0',
      portNumber: 8080,
      resources: { memory: { limit: Size.mebibytes(256) } },
    }],
  });

  // The steady state brings the probe Job, the health check that aborts the run, the PreSync
  // guard and the restricted runner namespace.
  new NetworkChaosExperiment(app.experiments, 'checkout-latency', {
    target: ChaosTarget.fromWorkload(checkout),
    action: NetworkChaosAction.DELAY,
    mode: SelectorMode.ONE,
    delay: { latency: GoDuration.parse('100ms') },
    duration: GoDuration.minutes(2),
    phases: { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(1) },
    steadyState: {
      url: 'http://checkout.shop.svc:8080/healthz',
      thresholds: { minAvailabilityPercent: 99 },
      healthCheck: { url: 'http://checkout.shop.svc:8080/healthz' },
    },
  });
  return app;
});
