import { ChaosForm, walkChaos } from '../../lib/safety';
import {
  bareSchedule, boundedScheduleWorkflow, deployment, networkChaos, networkDelaySpec, stressChaos, stressWorkflow, workflow,
} from '../fixtures/safety/objects';

describe('walkChaos', () => {
  test('finds standalone chaos, Schedule chaos and Workflow template chaos with paths and bounds', () => {
    const { chaos, schedules } = walkChaos([deployment(), stressChaos(), bareSchedule(), boundedScheduleWorkflow(), stressWorkflow()]);
    expect(chaos.map((c) => [c.kind, c.form, c.path, c.duration?.path, c.scheduled])).toEqual([
      ['StressChaos', ChaosForm.STANDALONE, 'spec', 'spec.duration', false],
      ['PodChaos', ChaosForm.SCHEDULE, 'spec.podChaos', undefined, true],
      ['PodChaos', ChaosForm.WORKFLOW, 'spec.templates[0].schedule.podChaos', 'spec.templates[0].deadline', true],
      ['StressChaos', ChaosForm.WORKFLOW, 'spec.templates[0].stressChaos', 'spec.templates[0].deadline', false],
    ]);
    expect(schedules.map((s) => [s.form, s.path, s.deadline?.value])).toEqual([
      [ChaosForm.SCHEDULE, 'spec', undefined],
      [ChaosForm.WORKFLOW, 'spec.templates[0].schedule', '5m'],
    ]);
  });

  test('the Schedule type picks the embedded field (physicalmachineChaos keeps its CRD spelling)', () => {
    const s = bareSchedule({ spec: { type: 'PhysicalMachineChaos', podChaos: undefined, physicalmachineChaos: { action: 'stress-cpu', mode: 'one' } } });
    expect(walkChaos([s]).chaos.map((c) => c.path)).toEqual(['spec.physicalmachineChaos']);
  });

  test('a Schedule of type Workflow walks the embedded Workflow', () => {
    const s = bareSchedule({ spec: { type: 'Workflow', podChaos: undefined, workflow: stressWorkflow().spec } });
    expect(walkChaos([s]).chaos.map((c) => c.path)).toEqual(['spec.workflow.templates[0].stressChaos']);
  });

  test('children inherit the longest parent deadline; one unbounded parent leaves them unbounded', () => {
    const wf = workflow({ name: 'a', templateType: 'Serial', deadline: '5m', children: ['delay'] });
    wf.spec.templates.push({ name: 'b', templateType: 'Parallel', deadline: '10m', children: ['delay'] });
    wf.spec.templates.push({ name: 'delay', templateType: 'NetworkChaos', networkChaos: networkDelaySpec() });
    expect(walkChaos([wf]).chaos[0].duration).toEqual({ value: '10m', path: 'spec.templates[1].deadline', field: 'deadline' });
    wf.spec.templates.push({ name: 'c', templateType: 'Serial', children: ['delay'] });
    // no deadline from parent "c": the chaos spec's own duration is the bound
    expect(walkChaos([wf]).chaos[0].duration).toEqual({ value: '3m', path: 'spec.templates[2].networkChaos.duration', field: 'duration' });
  });

  test('internal kinds (PodNetworkChaos) are not user chaos', () => {
    const internal = { ...networkChaos(), kind: 'PodNetworkChaos' };
    expect(walkChaos([internal]).chaos).toEqual([]);
  });
});
