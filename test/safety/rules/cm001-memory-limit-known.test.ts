import { checkSafety, SafetyAnnotations } from '../../../lib/safety';
import { complianceMatrix, only } from '../../fixtures/safety/matrix';
import {
  annotate, chaosObject, deployment, memoryStressSpec, merge, podFaultSpec, stressChaos, stressWorkflow, workflow,
} from '../../fixtures/safety/objects';

complianceMatrix('CM001', {
  compliant: [deployment(), stressChaos()],
  nonCompliant: [deployment({}, null), stressChaos()],
  message: /without resources\.limits\.memory: Deployment\/podinfo\/podinfo container "podinfo"/,
  path: 'spec.selector',
});

describe('CM001', () => {
  test('a percentage size is refused: memStress takes it of the node memory', () => {
    const found = only(checkSafety([deployment(), stressChaos(memoryStressSpec('50%'))]), 'CM001');
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('spec.stressors.memory.size');
    expect(found[0].message).toMatch(/"50%" is a percentage.*node's memory/);
  });

  test('no matching workload and nothing declared: the limit is unknown', () => {
    const found = only(checkSafety([stressChaos()]), 'CM001');
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/no Deployment, StatefulSet, DaemonSet, ReplicaSet or Pod/);
    expect(found[0].fix).toContain(SafetyAnnotations.TARGET_MEMORY_LIMIT);
  });

  test('a declared limit is enough when no workload matches', () => {
    const declared = annotate(stressChaos(), { [SafetyAnnotations.TARGET_MEMORY_LIMIT]: '256Mi' });
    expect(only(checkSafety([declared]), 'CM001')).toEqual([]);
  });

  test('an unreadable declared limit is reported at the annotation', () => {
    const declared = annotate(stressChaos(), { [SafetyAnnotations.TARGET_MEMORY_LIMIT]: '256 MB' });
    const found = only(checkSafety([declared]), 'CM001');
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe(`metadata.annotations["${SafetyAnnotations.TARGET_MEMORY_LIMIT}"]`);
    expect(found[0].message).toContain('"256 MB"');
  });

  test('the declared limit is ignored when a workload matches: the manifest wins', () => {
    const declared = annotate(stressChaos(), { [SafetyAnnotations.TARGET_MEMORY_LIMIT]: '256Mi' });
    expect(only(checkSafety([deployment({}, null), declared]), 'CM001')).toHaveLength(1);
  });

  test('only the first container is targeted without containerNames; containerNames picks the named ones', () => {
    const sidecar = { name: 'sidecar', image: 'busybox' };
    const twoContainers = deployment({
      spec: { template: { spec: { containers: [{ name: 'podinfo', resources: { limits: { memory: '256Mi' } } }, sidecar] } } },
    });
    expect(only(checkSafety([twoContainers, stressChaos()]), 'CM001')).toEqual([]);
    const named = stressChaos({ ...memoryStressSpec(), containerNames: ['sidecar'] });
    const found = only(checkSafety([twoContainers, named]), 'CM001');
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('container "sidecar"');
  });

  test('containerNames that name no container of the target are reported', () => {
    const named = stressChaos({ ...memoryStressSpec(), containerNames: ['nope'] });
    const found = only(checkSafety([deployment(), named]), 'CM001');
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/none of containerNames \["nope"\]/);
  });

  test('in a Workflow the declared limit is read from the Workflow', () => {
    const wf = stressWorkflow();
    expect(only(checkSafety([wf]), 'CM001')).toHaveLength(1);
    const declared = merge(wf, { metadata: { annotations: { [SafetyAnnotations.TARGET_MEMORY_LIMIT]: '256Mi' } } });
    expect(only(checkSafety([declared]), 'CM001')).toEqual([]);
  });

  test('chaos without a memory stressor is not this rule\'s business', () => {
    const cpu = stressChaos({ mode: 'one', selector: memoryStressSpec().selector, stressors: { cpu: { workers: 1, load: 50 } }, duration: '1m' });
    expect(only(checkSafety([cpu]), 'CM001')).toEqual([]);
  });
});

describe('CM001 for every place memory stress can appear', () => {
  const jvmStress = (memType: string) => chaosObject('JVMChaos', podFaultSpec({ action: 'stress', memType }));

  test.each(['heap', 'stack'])('JVMChaos stress memType %s needs the container limit: the JVM\'s own limit is not in the manifests', (memType) => {
    const found = only(checkSafety([deployment({}, null), jvmStress(memType)]), 'CM001');
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/JVMChaos \(JVM memory stress\) stresses memory of containers without resources\.limits\.memory/);
    expect(only(checkSafety([deployment(), jvmStress(memType)]), 'CM001')).toEqual([]);
  });

  test('a declared limit serves a JVM memory stress whose workload lives elsewhere', () => {
    expect(only(checkSafety([jvmStress('heap')]), 'CM001')[0].message).toMatch(/memory limit is unknown/);
    expect(only(checkSafety([annotate(jvmStress('heap'), { [SafetyAnnotations.TARGET_MEMORY_LIMIT]: '512Mi' })]), 'CM001')).toEqual([]);
  });

  test('JVMChaos CPU stress and method faults are not memory stress', () => {
    expect(only(checkSafety([deployment({}, null), chaosObject('JVMChaos', podFaultSpec({ action: 'stress', cpuCount: 1 }))]), 'CM001')).toEqual([]);
    expect(only(checkSafety([deployment({}, null), chaosObject('JVMChaos', podFaultSpec({ action: 'gc' }))]), 'CM001')).toEqual([]);
  });

  test('stress-ng options need the limit too (any stress-ng stressor allocates in the container)', () => {
    const ng = stressChaos(podFaultSpec({ stressngStressors: '--vm 1 --vm-bytes 256M' }));
    expect(only(checkSafety([deployment({}, null), ng]), 'CM001')[0].message).toMatch(/\(stress-ng stressors\)/);
    expect(only(checkSafety([deployment(), ng]), 'CM001')).toEqual([]);
  });

  test('a JVM memory stress in a Workflow template is found', () => {
    const wf = workflow({ name: 'heap', templateType: 'JVMChaos', deadline: '2m', jvmChaos: jvmStress('heap').spec });
    const found = only(checkSafety([deployment({}, null), wf]), 'CM001');
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('spec.templates[0].jvmChaos.selector');
  });
});
