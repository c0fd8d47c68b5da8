import { checkSafety } from '../../../lib/safety';
import { complianceMatrix, only } from '../../fixtures/safety/matrix';
import { deployment, memoryStressSpec, SELECTOR, stressChaos, stressWorkflow } from '../../fixtures/safety/objects';

complianceMatrix('CM010', {
  compliant: [deployment(), stressChaos(memoryStressSpec('512MB', 1))],
  nonCompliant: [deployment(), stressChaos(memoryStressSpec('512MB', 0))],
  message: /memory stressor has workers 0: Chaos Mesh 2\.8\.2 accepts it and then silently drops the stressor/,
  path: 'spec.stressors.memory.workers',
});

describe('CM010', () => {
  test.each([[0, 1], [undefined, 1], [-1, 1], [1.5, 1], ['2', 1], [2, 0]])('memory workers %p: %d finding(s)', (workers, count) => {
    const spec = memoryStressSpec('300MB');
    spec.stressors.memory.workers = workers;
    expect(only(checkSafety([deployment(), stressChaos(spec)]), 'CM010')).toHaveLength(count);
  });

  test('cpu stressors too', () => {
    const cpu = stressChaos({ mode: 'one', selector: SELECTOR, stressors: { cpu: { workers: 0, load: 50 } }, duration: '1m' });
    expect(only(checkSafety([deployment(), cpu]), 'CM010')[0].path).toBe('spec.stressors.cpu.workers');
  });

  test('inside a Workflow template', () => {
    expect(only(checkSafety([deployment(), stressWorkflow(memoryStressSpec('512MB', 0))]), 'CM010')[0].path)
      .toBe('spec.templates[0].stressChaos.stressors.memory.workers');
  });
});
