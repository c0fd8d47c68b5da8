import { checkSafety } from '../../../lib/safety';
import { complianceMatrix, only } from '../../fixtures/safety/matrix';
import { boundedScheduleWorkflow, networkChaos, networkDelaySpec, PODINFO_LABELS } from '../../fixtures/safety/objects';

complianceMatrix('CM005', {
  compliant: [networkChaos()],
  nonCompliant: [networkChaos(networkDelaySpec({ selector: { namespaces: ['podinfo', 'kube-system'], labelSelectors: PODINFO_LABELS } }))],
  message: /reaches the protected namespace "kube-system": namespaces lists "kube-system"/,
  path: 'spec.selector.namespaces[1]',
});

function cm005(obj: Parameters<typeof checkSafety>[0][number], options?: Parameters<typeof checkSafety>[1]) {
  return only(checkSafety([obj], options), 'CM005');
}

describe('CM005', () => {
  test.each(['kube-system', 'kube-public', 'kube-node-lease', 'chaos-mesh', 'argocd', 'cert-manager'])('%s is protected', (ns) => {
    expect(cm005(networkChaos(networkDelaySpec({ selector: { namespaces: [ns], labelSelectors: PODINFO_LABELS } })))).toHaveLength(1);
  });

  test('the list is configurable (added to, never replaced), and so is the Chaos Mesh namespace', () => {
    const harbor = networkChaos(networkDelaySpec({ selector: { namespaces: ['harbor'], labelSelectors: PODINFO_LABELS } }));
    expect(cm005(harbor)).toEqual([]);
    expect(cm005(harbor, { protectedNamespaces: ['harbor'] })).toHaveLength(1);
    const chaosTesting = networkChaos(networkDelaySpec({ selector: { namespaces: ['chaos-testing'], labelSelectors: PODINFO_LABELS } }));
    expect(cm005(chaosTesting, { chaosMeshNamespace: 'chaos-testing' })).toHaveLength(1);
    expect(cm005(networkChaos(networkDelaySpec({ selector: { namespaces: ['argocd'], labelSelectors: PODINFO_LABELS } })), { protectedNamespaces: ['harbor'] })).toHaveLength(1);
  });

  test('no namespaces means the object\'s own namespace: chaos in chaos-mesh targeting its own namespace', () => {
    const found = cm005(networkChaos(networkDelaySpec({ selector: { labelSelectors: PODINFO_LABELS } })));
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('spec.selector.namespaces');
    expect(found[0].message).toMatch(/names no namespaces, so Chaos Mesh uses the namespace of NetworkChaos\/chaos-mesh\/podinfo-latency/);
  });

  test('pods map keys are namespaces too', () => {
    const found = cm005(networkChaos(networkDelaySpec({ selector: { pods: { 'kube-system': ['coredns-abc'] } } })));
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('spec.selector.pods.kube-system');
  });

  test('the NetworkChaos target selector (the other side of a partition) is checked too', () => {
    const found = cm005(networkChaos(networkDelaySpec({
      direction: 'to',
      target: { mode: 'all', selector: { namespaces: ['argocd'], labelSelectors: { app: 'x' } } },
    })));
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('spec.target.selector.namespaces[0]');
  });

  test('chaos in a Workflow Schedule template is checked', () => {
    const found = cm005(boundedScheduleWorkflow({ podChaos: { selector: { namespaces: ['cert-manager'] } } }));
    expect(found[0].path).toBe('spec.templates[0].schedule.podChaos.selector.namespaces[0]');
  });
});
