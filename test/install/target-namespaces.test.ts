import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { checkManifests } from '../../lib/check';
import { ChartDelivery, ChaosMeshInstall, RuntimePreset, targetNamespacesOf } from '../../lib/install';
import { KubeObject } from '../../lib/kube-object';
import { externalNamespaceOptIn } from '../../lib/safety';

const selector = (namespaces?: string[]) => ({ ...(namespaces ? { namespaces } : {}), labelSelectors: { 'app.kubernetes.io/name': 'podinfo' } });

const podKillSchedule: KubeObject = {
  apiVersion: 'chaos-mesh.org/v1alpha1',
  kind: 'Schedule',
  metadata: { name: 'podinfo-kill', namespace: 'chaos-mesh' },
  spec: { schedule: '*/30 * * * * *', type: 'PodChaos', podChaos: { action: 'pod-kill', mode: 'one', selector: selector(['podinfo']) } },
};

const networkChaos: KubeObject = {
  apiVersion: 'chaos-mesh.org/v1alpha1',
  kind: 'NetworkChaos',
  metadata: { name: 'latency', namespace: 'chaos-mesh' },
  spec: { action: 'delay', mode: 'all', selector: selector(['podinfo']), target: { mode: 'all', selector: { pods: { backend: ['db-0'] } } } },
};

const workflow: KubeObject = {
  apiVersion: 'chaos-mesh.org/v1alpha1',
  kind: 'Workflow',
  metadata: { name: 'wf', namespace: 'chaos-mesh' },
  spec: { entry: 'entry', templates: [{ name: 'entry', templateType: 'Schedule', deadline: '5m', schedule: { podChaos: { selector: selector(['shop', 'cart']) } } }] },
};

describe('targetNamespacesOf', () => {
  test('reads every selector: Schedule, NetworkChaos target, Workflow templates, pods maps', () => {
    expect(targetNamespacesOf(podKillSchedule)).toEqual(['podinfo']);
    expect(targetNamespacesOf(networkChaos)).toEqual(['backend', 'podinfo']);
    expect(targetNamespacesOf(workflow)).toEqual(['cart', 'shop']);
  });

  test('a selector without namespaces means the object\'s own namespace (what Chaos Mesh does)', () => {
    expect(targetNamespacesOf({ ...podKillSchedule, spec: { podChaos: { selector: selector() } } })).toEqual(['chaos-mesh']);
  });

  test('objects outside chaos-mesh.org have no targets', () => {
    expect(targetNamespacesOf({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', namespace: 'a' }, spec: { selector: { matchLabels: {} } } })).toEqual([]);
  });
});

describe('ChaosMeshInstall target namespaces', () => {
  test('optInOwnedNamespaces annotates the Namespaces the app emits that experiments target, and only those', () => {
    const app = Testing.app();
    const platform = new Chart(app, 'platform');
    const install = new ChaosMeshInstall(platform, 'ChaosMesh', { runtime: RuntimePreset.K3S, externalTargetNamespaces: ['shop'] });
    const workloads = new Chart(app, 'workloads');
    new kplus.Namespace(workloads, 'podinfo', { metadata: { name: 'podinfo' } });
    new ApiObject(workloads, 'other', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
    const experiments = new Chart(app, 'experiments');
    new ApiObject(experiments, 'kill', podKillSchedule as any);
    new ApiObject(experiments, 'wf', { ...workflow, spec: { ...workflow.spec, templates: [{ name: 'entry', templateType: 'Schedule', schedule: { podChaos: { selector: selector(['shop']) } } }] } } as any);

    expect(install.optInOwnedNamespaces(app)).toEqual(['podinfo']);
    expect(install.ownedTargetNamespaces).toEqual(['podinfo']);
    const all = app.charts.flatMap((c) => c.toJson());
    const ns = (name: string) => all.find((o) => o.kind === 'Namespace' && o.metadata.name === name);
    expect(ns('podinfo').metadata.annotations).toEqual({ 'chaos-mesh.org/inject': 'enabled' });
    expect(ns('other').metadata.annotations).toBeUndefined();
    expect(ns('chaos-mesh').metadata.annotations['chaos-mesh.org/inject']).toBeUndefined();
    expect(checkManifests(all).filter((f) => f.rule === 'CM011')).toEqual([]);
  });

  test('addTargetNamespace refuses what is not a target Namespace', () => {
    const chart = Testing.chart();
    const install = new ChaosMeshInstall(chart, 'ChaosMesh', { runtime: RuntimePreset.K3S });
    const cm = new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    expect(() => install.addTargetNamespace(cm)).toThrow(/is a ConfigMap, not a Namespace/);
    expect(() => install.addTargetNamespace(install.namespace!)).toThrow('ChaosMeshInstall.addTargetNamespace: "chaos-mesh" is the Chaos Mesh namespace itself; it must never be a target.');
  });

  test('external target namespaces are declared on the chart Application and in the values file header', () => {
    const chart = Testing.chart();
    const install = new ChaosMeshInstall(chart, 'ChaosMesh', { runtime: RuntimePreset.K3S, externalTargetNamespaces: ['shop', 'podinfo'] });
    expect(install.application!.toJson().metadata.annotations['cdk8s-chaos-mesh.io/external-target-namespaces']).toBe('podinfo,shop');
    expect(install.toValuesYaml().split('\n').slice(0, 2)).toEqual([
      '# cdk8s-chaos-mesh.io/chart-values: chaos-mesh 2.8.2',
      '# cdk8s-chaos-mesh.io/external-target-namespaces: podinfo,shop',
    ]);
    const k3s = new ChaosMeshInstall(Testing.chart(), 'ChaosMesh', { runtime: RuntimePreset.K3S, delivery: ChartDelivery.K3S_HELM_CHART, externalTargetNamespaces: ['podinfo'] });
    expect(k3s.helmChart!.toJson().metadata.annotations).toEqual({ 'cdk8s-chaos-mesh.io/external-target-namespaces': 'podinfo' });
  });

  test('the one-line change for the owner of an external namespace', () => {
    const install = new ChaosMeshInstall(Testing.chart(), 'ChaosMesh', { runtime: RuntimePreset.K3S, externalTargetNamespaces: ['podinfo'] });
    expect(install.externalNamespaceOptIns()).toEqual([externalNamespaceOptIn('podinfo')]);
    expect(externalNamespaceOptIn('podinfo')).toEqual({
      namespace: 'podinfo',
      kubectl: 'kubectl annotate namespace podinfo chaos-mesh.org/inject=enabled',
      yaml: 'chaos-mesh.org/inject: enabled',
    });
  });
});
