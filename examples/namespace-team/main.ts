/**
 * A team that runs chaos only in its own namespace: a NAMESPACE_MANAGER dashboard account for
 * "shop", and every experiment created in its target's namespace
 * (`experimentsInTargetNamespace`), where that account can see, pause and delete it. The account
 * cannot touch the install in "chaos-mesh" or any other team's namespace.
 */
import {
  ChaosMeshApp, ChaosMeshInstall, ChaosTarget, DashboardAccess, DashboardAccessLevel, GoDuration,
  PodChaosAction, PodChaosExperiment, RuntimePreset, SelectorMode, synthOrExit,
} from 'cdk8s-chaos-mesh';

synthOrExit(() => {
  const app = new ChaosMeshApp({
    gitOps: { repoURL: 'https://git.example.com/shop/chaos.git', targetRevision: 'main', path: 'dist' },
    experimentsInTargetNamespace: true,
    safeguards: { thresholds: { minAvailabilityPercent: 99 } }, // set once for every probe
  });
  // "shop" is deployed by another repository: opted in as an external target namespace.
  new ChaosMeshInstall(app.platform, 'chaos-mesh', { runtime: RuntimePreset.CONTAINERD, externalTargetNamespaces: ['shop'] });
  new DashboardAccess(app.platform, 'shop-team', {
    level: DashboardAccessLevel.NAMESPACE_MANAGER,
    targetNamespaces: ['shop'],
    serviceAccountName: 'shop-chaos-manager',
  });

  const cart = ChaosTarget.fromDeclaration({
    namespace: 'shop',
    labels: { 'app.kubernetes.io/name': 'cart' },
    replicas: 3,
    memoryLimit: '256Mi',
  });

  // One cart pod killed; the other two keep serving (the probe checks that they do).
  new PodChaosExperiment(app.experiments, 'cart-pod-kill', {
    target: cart,
    action: PodChaosAction.POD_KILL,
    mode: SelectorMode.ONE,
    duration: GoDuration.seconds(30),
    phases: { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(1) },
    steadyState: {
      url: 'http://cart.shop.svc:8080/healthz',
      healthCheck: { url: 'http://cart.shop.svc:8080/healthz' },
    },
  });
  return app;
});
