import { checkSafety } from '../../../lib/safety';
import { complianceMatrix, only } from '../../fixtures/safety/matrix';
import { bareSchedule, boundedScheduleWorkflow } from '../../fixtures/safety/objects';

complianceMatrix('CM004', {
  compliant: [boundedScheduleWorkflow()],
  nonCompliant: [bareSchedule()],
  message: /bare Schedule object: it fires "\*\/30 \* \* \* \* \*" until someone deletes it/,
  path: 'spec',
});

function cm004(obj: Parameters<typeof checkSafety>[0][number]) {
  return only(checkSafety([obj]), 'CM004');
}

describe('CM004', () => {
  test('the reference validation\'s bare Schedule fails even with Forbid and a history limit', () => {
    expect(cm004(bareSchedule())).toHaveLength(1);
  });

  test('a Schedule template needs a deadline', () => {
    const found = cm004(boundedScheduleWorkflow({}, { deadline: undefined }));
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('spec.templates[0].deadline');
  });

  test.each([['0s'], ['-1m'], ['20m'], ['soon']])('deadline %s is refused', (deadline) => {
    expect(cm004(boundedScheduleWorkflow({}, { deadline }))).toHaveLength(1);
  });

  test('concurrencyPolicy must be Forbid, explicitly (nothing defaults it inside a Workflow)', () => {
    expect(cm004(boundedScheduleWorkflow({ concurrencyPolicy: 'Allow' }))[0].path).toBe('spec.templates[0].schedule.concurrencyPolicy');
    expect(cm004(boundedScheduleWorkflow({ concurrencyPolicy: undefined }))).toHaveLength(1);
  });

  test.each([[0], [undefined], ['5']])('historyLimit %p is refused', (historyLimit) => {
    const found = cm004(boundedScheduleWorkflow({ historyLimit }));
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('spec.templates[0].schedule.historyLimit');
  });
});
