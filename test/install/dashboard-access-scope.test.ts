import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { ChaosMeshApp, ChaosMeshAppProps } from '../../lib/app';
import { NetworkChaosAction, NetworkChaosExperiment } from '../../lib/experiments';
import { DashboardAccess, DashboardAccessLevel } from '../../lib/install';
import { KubeObject } from '../../lib/kube-object';
import { ChaosTarget } from '../../lib/target';
import { GoDuration } from '../../lib/units';

interface Rule { apiGroups?: string[]; resources?: string[]; verbs?: string[] }

/**
 * What Kubernetes RBAC would allow `account` to do (no aggregation, no resourceNames: the
 * objects under test use neither): a RoleBinding in `namespace` or a ClusterRoleBinding naming
 * the ServiceAccount, whose Role or ClusterRole has a rule covering group, resource and verb.
 */
function allowed(objects: KubeObject[], account: { name: string; namespace: string }, verb: string, resource: string, namespace: string): boolean {
  const [group, plural] = resource.includes('/') ? resource.split('/') : ['', resource];
  const names = (o: KubeObject) => ((o as any).subjects ?? [])
    .some((s: any) => s.kind === 'ServiceAccount' && s.name === account.name && s.namespace === account.namespace);
  const rulesOf = (ref: { kind: string; name: string }, bindingNamespace?: string): Rule[] => objects
    .filter((o) => o.kind === ref.kind && o.metadata?.name === ref.name && (ref.kind === 'ClusterRole' || o.metadata?.namespace === bindingNamespace))
    .flatMap((o) => (o as any).rules as Rule[]);
  const covers = (r: Rule) => (r.apiGroups ?? []).some((g) => g === group || g === '*')
    && (r.resources ?? []).some((x) => x === plural || x === '*') && (r.verbs ?? []).some((v) => v === verb || v === '*');
  const bindings = objects.filter((o) => names(o)
    && (o.kind === 'ClusterRoleBinding' || (o.kind === 'RoleBinding' && o.metadata?.namespace === namespace)));
  return bindings.some((b) => rulesOf((b as any).roleRef, b.metadata?.namespace).some(covers));
}

const shop = ChaosTarget.fromDeclaration({ namespace: 'shop', labels: { app: 'checkout' }, replicas: 2 });

describe('a namespace-scoped dashboard account and the experiments it is for', () => {
  let outdir: string;
  beforeEach(() => { outdir = mkdtempSync(path.join(tmpdir(), 'chaos-dashboard-')); });
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  const build = (level: DashboardAccessLevel, props: ChaosMeshAppProps = {}) => {
    const app = new ChaosMeshApp({ outdir, log: () => undefined, ...props });
    const access = new DashboardAccess(app.platform, 'team-access', { level, targetNamespaces: ['shop'] });
    new NetworkChaosExperiment(app.experiments, 'checkout-latency', {
      target: shop, action: NetworkChaosAction.DELAY, delay: { latency: GoDuration.parse('100ms') }, duration: GoDuration.minutes(2),
      phases: { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(1) },
      steadyState: { url: 'https://shop.example.com/', thresholds: { minAvailabilityPercent: 99 }, healthCheck: { url: 'http://checkout.shop.svc/' } },
    });
    return { app, account: { name: access.serviceAccountName, namespace: access.namespaceName } };
  };

  test('reproduction 6: an experiment in chaos-mesh that the shop manager could not see or pause fails synth with the fix', () => {
    const { app } = build(DashboardAccessLevel.NAMESPACE_MANAGER);
    expect(() => app.synth()).toThrow(new RegExp('experiment "experiments/checkout-latency" targets namespace "shop" but is created in '
      + '"chaos-mesh", where the namespace-manager account "chaos-dashboard-namespace-manager" \\(namespaces shop\\) can neither see nor '
      + "pause it\\. Create it in its target's namespace: namespace: 'shop' on the experiment, or experimentsInTargetNamespace: true"));
  });

  test('with experimentsInTargetNamespace the manager can see, pause and delete its experiment, and nothing elsewhere', () => {
    const { app, account } = build(DashboardAccessLevel.NAMESPACE_MANAGER, { experimentsInTargetNamespace: true });
    const objects = app.synthObjects().map((s) => s.object);
    const workflow = objects.find((o) => o.kind === 'Workflow')!;
    expect(workflow.metadata!.namespace).toBe('shop');
    const can = (verb: string, resource: string, ns: string) => allowed(objects, account, verb, resource, ns);
    // See it, and the chaos object the Workflow creates next to itself; pause (an annotation: patch); abort (delete).
    for (const verb of ['get', 'list', 'watch', 'patch', 'delete']) {
      expect([verb, can(verb, 'chaos-mesh.org/workflows', 'shop'), can(verb, 'chaos-mesh.org/networkchaos', 'shop')]).toEqual([verb, true, true]);
    }
    expect(can('create', 'chaos-mesh.org/podchaos', 'shop')).toBe(true);
    expect(can('list', 'pods', 'shop')).toBe(true);
    expect(can('list', 'namespaces', '')).toBe(true);
    // Nothing in chaos-mesh (other teams' experiments) or in other namespaces; no Secrets anywhere.
    for (const ns of ['chaos-mesh', 'payments', 'kube-system']) {
      expect([ns, can('get', 'chaos-mesh.org/workflows', ns), can('delete', 'chaos-mesh.org/podchaos', ns), can('list', 'pods', ns)])
        .toEqual([ns, false, false, false]);
    }
    expect(can('get', 'secrets', 'shop')).toBe(false);
  });

  test('a namespaced viewer sees the experiment but cannot pause it', () => {
    const { app, account } = build(DashboardAccessLevel.VIEWER, { experimentsInTargetNamespace: true });
    const objects = app.synthObjects().map((s) => s.object);
    expect(allowed(objects, account, 'get', 'chaos-mesh.org/workflows', 'shop')).toBe(true);
    expect(allowed(objects, account, 'patch', 'chaos-mesh.org/workflows', 'shop')).toBe(false);
    const { app: refused } = build(DashboardAccessLevel.VIEWER);
    expect(() => refused.synth()).toThrow(/viewer account "chaos-dashboard-viewer" \(namespaces shop\) can neither see nor pause it/);
  });

  test('an experiment\'s own namespace wins over the app default, and is checked the same way', () => {
    const app = new ChaosMeshApp({ outdir, log: () => undefined, experimentsInTargetNamespace: true });
    new DashboardAccess(app.platform, 'team-access', { level: DashboardAccessLevel.NAMESPACE_MANAGER, targetNamespaces: ['shop'] });
    new NetworkChaosExperiment(app.experiments, 'elsewhere', {
      target: shop, action: NetworkChaosAction.DELAY, delay: { latency: GoDuration.parse('100ms') }, duration: GoDuration.minutes(2),
      namespace: 'chaos-experiments', withoutSafeguards: { probe: 'scope test only', healthCheck: 'scope test only', guard: 'scope test only' },
    });
    expect(() => app.synth()).toThrow(/"experiments\/elsewhere" targets namespace "shop" but is created in "chaos-experiments"/);
  });
});
