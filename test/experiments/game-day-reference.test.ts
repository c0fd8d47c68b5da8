import { readFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { gameDayPhases } from '../../lib/report/_gameday-phases';
import { GoDuration } from '../../lib/units';

/**
 * The reference GameDay as committed in dist/ (what ArgoCD syncs): its probe covers every minute
 * of its Workflow (issue 14's false confidence was a probe over 3 of 9 minutes), and its guard
 * checks what every step needs. dist-freshness.test.ts holds dist/ to main.ts.
 */
const file = join(__dirname, '..', '..', 'dist', 'experiments', 'podinfo-gameday.yaml');
const objects = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS());
const guardFile = join(__dirname, '..', '..', 'dist', 'platform', 'podinfo-gameday-presync-guard.yaml');
const workflow = objects.find((o) => o.kind === 'Workflow');
const jobs = objects.filter((o) => o.kind === 'Job');
const envOf = (job: any): Record<string, string> => Object.fromEntries(job.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));
const probe = jobs.find((j) => j.metadata.labels['app.kubernetes.io/name'] === 'availability-probe');
const guard = jobs.find((j) => j.metadata.labels['app.kubernetes.io/name'] === 'presync-guard');
const seconds = (text: string) => GoDuration.parse(text).toMilliseconds() / 1000;
const templates = new Map<string, any>(workflow.spec.templates.map((t: any) => [t.name, t]));

test('one Workflow, one probe Job, one guard Job in the GameDay file', () => {
  expect(objects.map((o) => o.kind).sort()).toEqual(['Job', 'Job', 'Workflow']);
  expect(readFileSync(guardFile, 'utf8')).toMatch(/kind: Role/);
});

test('the probe phases add up to the Workflow total deadline, and the Job deadline covers them', () => {
  const phases = envOf(probe).PROBE_PHASES.split(' ').map((p) => p.split(':'));
  const total = seconds(templates.get(workflow.spec.entry).deadline);
  expect(phases.reduce((sum, [, s]) => sum + Number(s), 0)).toBe(total);
  expect(total).toBe(14 * 60);
  expect(probe.spec.activeDeadlineSeconds).toBeGreaterThanOrEqual(total);
});

test('each step phase is exactly as long as its template, in the Serial order', () => {
  const phases = envOf(probe).PROBE_PHASES.split(' ').map((p) => p.split(':'));
  expect(gameDayPhases(phases.map(([name]) => name))?.map((p) => p.what))
    .toEqual(['baseline', 'pod-kill', 'pause-1', 'network-delay', 'pause-2', 'memory-stress', 'recovery']);
  const steps = [...templates.values()].find((t) => t.name === 'steps');
  const order = ['baseline', ...steps.children, 'recovery'];
  expect(phases.map(([name]) => name)).toEqual(order);
  for (const [name, s] of phases) expect([name, seconds(templates.get(name).deadline)]).toEqual([name, Number(s)]);
  // Every template of the run is bounded.
  for (const t of workflow.spec.templates) expect(typeof t.deadline).toBe('string');
});

test('the guard checks the replicas and, since one step is a memory stress, the live memory limit', () => {
  expect(envOf(guard)).toMatchObject({
    GUARD_EXPERIMENT: 'podinfo-gameday', GUARD_REPLICAS: '2', GUARD_CHECK_MEMORY_LIMIT: 'true', GUARD_MEMORY_LIMIT: '256Mi',
  });
});
