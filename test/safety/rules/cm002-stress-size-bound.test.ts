import { checkSafety, Finding } from '../../../lib/safety';
import { complianceMatrix, only } from '../../fixtures/safety/matrix';
import { chaosObject, deployment, memoryStressSpec, podFaultSpec, stressChaos, stressWorkflow } from '../../fixtures/safety/objects';

complianceMatrix('CM002', {
  compliant: [deployment(), stressChaos(memoryStressSpec('512MB'))],
  nonCompliant: [deployment(), stressChaos(memoryStressSpec('1GB'))],
  message: /allocate 1000000000 bytes.*256Mi \(268435456 bytes/,
  path: 'spec.stressors.memory.size',
});

/** Every CM rule finding (not warnings) for a stressor against the 256Mi podinfo. */
function verdict(size: unknown, workers: unknown = 1, memory: string | null = '256Mi'): string[] {
  const findings: Finding[] = checkSafety([deployment({}, memory), stressChaos(memoryStressSpec(size, workers))]);
  return [...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.rule))].sort();
}

describe('CM002 boundary table (target limit 256Mi = 268435456 bytes; bound 536870912)', () => {
  test.each([
    ['512MB', 1, [], '512000000 <= 536870912: the reference experiment'],
    ['512MiB', 1, [], 'memStress allocates exactly 536870912'],
    ['537MB', 1, ['CM002'], '537000000 > 536870912'],
    ['1GB', 1, ['CM002'], 'admission reads 10^9; memStress allocates 10^9'],
    ['1GiB', 1, ['CM002'], 'memStress allocates 2^30'],
    ['300MB', 2, [], 'the size is the total over all workers, not per worker'],
    ['50%', 1, ['CM001'], 'a percentage of the node memory'],
    ['512MB', 0, ['CM010'], 'workers: 0 silently drops the stressor'],
  ])('%s with %s worker(s): %j (%s)', (size, workers, expected) => {
    expect(verdict(size, workers)).toEqual(expected);
  });

  test('target without limits.memory: CM001', () => {
    expect(verdict('512MB', 1, null)).toEqual(['CM001']);
  });

  test('"256Mi" is refused, not silently passed: admission rejects Kubernetes suffixes', () => {
    const found = only(checkSafety([deployment(), stressChaos(memoryStressSpec('256Mi'))]), 'CM002');
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/"256Mi" cannot be read by the Chaos Mesh 2\.8\.2 admission webhook/);
  });

  test('the bound is computed from the smallest limit among targeted containers', () => {
    const small = deployment({ metadata: { name: 'small' }, spec: { template: { spec: { containers: [{ name: 'c', resources: { limits: { memory: '128Mi' } } }] } } } });
    // 512MB > 2 x 128Mi = 268435456
    const found = only(checkSafety([deployment(), small, stressChaos()]), 'CM002');
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('128Mi');
    expect(found[0].fix).toContain('"268MB"');
  });

  test('no size means all available memory: refused', () => {
    const spec = memoryStressSpec();
    delete spec.stressors.memory.size;
    const found = only(checkSafety([deployment(), stressChaos(spec)]), 'CM002');
    expect(found[0].message).toMatch(/no size/);
  });

  test('unreadable sizes are refused, never passed', () => {
    expect(only(checkSafety([deployment(), stressChaos(memoryStressSpec('lots'))]), 'CM002')).toHaveLength(1);
    expect(only(checkSafety([deployment(), stressChaos(memoryStressSpec(512))]), 'CM002')[0].message).toMatch(/not text/);
  });

  test('the same bound holds inside a Workflow template', () => {
    const found = only(checkSafety([deployment(), stressWorkflow(memoryStressSpec('1GiB'))]), 'CM002');
    expect(found).toHaveLength(1);
    expect(found[0].object).toBe('Workflow/chaos-mesh/podinfo-experiment');
    expect(found[0].path).toBe('spec.templates[0].stressChaos.stressors.memory.size');
  });
});

describe('CM002 for every place memory stress can appear', () => {
  test('stress-ng options are refused: what they allocate is not read', () => {
    const ng = stressChaos(podFaultSpec({ stressngStressors: '--vm 1 --vm-bytes 4G' }));
    const found = only(checkSafety([deployment(), ng]), 'CM002');
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('spec.stressngStressors');
    expect(found[0].message).toMatch(/raw stress-ng options/);
    expect(found[0].fix).toMatch(/stressors\.memory/);
  });

  test('a JVM memory stress has no size: the container limit bounds it (1 x, within the 2 x bound)', () => {
    const jvm = chaosObject('JVMChaos', podFaultSpec({ action: 'stress', memType: 'heap' }));
    expect(only(checkSafety([deployment(), jvm]), 'CM002')).toEqual([]);
  });

  test('a memory stressor next to stress-ng options is still bounded by its size', () => {
    const both = stressChaos(podFaultSpec({ stressors: { memory: { workers: 1, size: '1GB' } }, stressngStressors: '--cpu 1' }));
    expect(only(checkSafety([deployment(), both]), 'CM002').map((f) => f.path).sort())
      .toEqual(['spec.stressngStressors', 'spec.stressors.memory.size']);
  });
});
