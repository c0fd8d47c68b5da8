import { checkSafety } from '../../../lib/safety';
import { complianceMatrix, only } from '../../fixtures/safety/matrix';
import { networkChaos, networkDelaySpec, PODINFO_LABELS, stressWorkflow, memoryStressSpec } from '../../fixtures/safety/objects';

complianceMatrix('CM006', {
  compliant: [networkChaos()],
  nonCompliant: [networkChaos(networkDelaySpec({ selector: { labelSelectors: PODINFO_LABELS } }))],
  message: /names no namespaces: Chaos Mesh silently uses the namespace of NetworkChaos\/chaos-mesh\/podinfo-latency \("chaos-mesh"\)/,
  path: 'spec.selector.namespaces',
});

function cm006(obj: Parameters<typeof checkSafety>[0][number]) {
  return only(checkSafety([obj]), 'CM006');
}

describe('CM006', () => {
  test('namespaces alone take every pod in them', () => {
    const found = cm006(networkChaos(networkDelaySpec({ selector: { namespaces: ['podinfo'] } })));
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('spec.selector');
    expect(found[0].message).toMatch(/every pod/);
  });

  test('expressionSelectors or pods are enough besides namespaces', () => {
    expect(cm006(networkChaos(networkDelaySpec({
      selector: { namespaces: ['podinfo'], expressionSelectors: [{ key: 'app', operator: 'In', values: ['podinfo'] }] },
    })))).toEqual([]);
    expect(cm006(networkChaos(networkDelaySpec({ selector: { pods: { podinfo: ['podinfo-0'] } } })))).toEqual([]);
  });

  test('an empty selector has both findings; a missing one too', () => {
    expect(cm006(networkChaos(networkDelaySpec({ selector: {} })))).toHaveLength(2);
    expect(cm006(networkChaos(networkDelaySpec({ selector: undefined })))).toHaveLength(2);
  });

  test('a Workflow template selector is checked', () => {
    const found = cm006(stressWorkflow({ ...memoryStressSpec(), selector: { namespaces: ['podinfo'] } }));
    expect(found[0].path).toBe('spec.templates[0].stressChaos.selector');
  });
});
