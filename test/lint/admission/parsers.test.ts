import { networkChaosSpecIssues } from '../../../lib/lint/admission/network-chaos';
import { scheduleSpecIssues } from '../../../lib/lint/admission/schedule';
import { statusCodeProblem } from '../../../lib/lint/admission/status-check';
import { sizeProblem } from '../../../lib/lint/admission/stress-chaos';
import { workflowSpecIssues } from '../../../lib/lint/admission/workflow';

describe('the webhook parsers behind the admission findings', () => {
  test('Bytes: go-units sizes or integer percentages 0-100', () => {
    for (const ok of ['512MB', '512MiB', '1gb', '100', '0%', '100%', '1.5GB']) expect(sizeProblem(ok)).toBeUndefined();
    expect(sizeProblem('512Mi')).toMatch(/"Mi"/);
    expect(sizeProblem('101%')).toMatch(/101% is not a percentage/);
    expect(sizeProblem('12.5%')).toMatch(/not an integer/);
  });

  test('StatusCode: a code 1-999 or a range of two codes', () => {
    for (const ok of ['200', '200-299', '1', '999']) expect(statusCodeProblem(ok)).toBeUndefined();
    expect(statusCodeProblem('0')).toMatch(/not a status code/);
    expect(statusCodeProblem('200-1000')).toMatch(/1000 in the range/);
    expect(statusCodeProblem('2xx')).toMatch(/neither a single number nor a range/);
  });
});

describe('warnings the webhook does not raise but that hide a mistake', () => {
  const sel = { namespaces: ['podinfo'], labelSelectors: { app: 'podinfo' } };

  test('a NetworkChaos action without its parameter block has nothing to inject', () => {
    const issues = networkChaosSpecIssues({ action: 'loss', mode: 'one', selector: sel }, 'spec');
    expect(issues).toEqual([expect.objectContaining({ path: 'spec.loss', severity: 'warning' })]);
  });

  test('a Schedule ignores embedded specs of other types', () => {
    const issues = scheduleSpecIssues({ schedule: '@hourly', type: 'PodChaos', podChaos: { action: 'pod-kill', mode: 'one', selector: sel }, networkChaos: {} }, 'spec');
    expect(issues).toEqual([expect.objectContaining({ path: 'spec.networkChaos', severity: 'warning', message: expect.stringMatching(/ignored/) })]);
  });

  test('a Schedule of type Workflow: (*ScheduleSpec).validateChaos skips the workflow', () => {
    expect(scheduleSpecIssues({ schedule: '@hourly', type: 'Workflow', workflow: { entry: 'x', templates: [] } }, 'spec')).toEqual([]);
    expect(scheduleSpecIssues({ schedule: '@hourly', type: 'Workflow' }, 'spec')).toEqual([expect.objectContaining({ path: 'spec.workflow', severity: 'warning' })]);
  });

  test('statusCheck on a chaos template is ignored (warning); a conditional branch to nowhere never runs', () => {
    const issues = workflowSpecIssues({
      entry: 'kill',
      templates: [
        { name: 'kill', templateType: 'PodChaos', deadline: '1m', podChaos: { action: 'pod-kill', mode: 'one', selector: sel }, statusCheck: {} },
        { name: 'task', templateType: 'Task', task: { container: { name: 'c', image: 'busybox' } }, conditionalBranches: [{ target: 'nowhere' }] },
      ],
    }, 'spec');
    expect(issues.map((i) => [i.path, i.severity])).toEqual([
      ['spec.templates[0].statusCheck', 'warning'],
      ['spec.templates[1].conditionalBranches[0].target', 'warning'],
    ]);
  });
});
