import * as fs from 'fs';
import * as path from 'path';
import { KubeObject } from '../../../lib/kube-object';
import { checkAdmission } from '../../../lib/lint/admission/check-admission';
import { lintPaths } from '../../../lib/lint/lint';
import { loadManifests } from '../../../lib/lint/loader';

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'lint', 'admission');

/**
 * One row per admission rule of the issue: fixture folder (pass.yaml + fail.yaml), the field
 * path of the failing field, a fragment of the message, and the rule lint reports there. Where
 * the CRD schema already refuses the value (enums, minimum/maximum), the API server answers
 * before the webhook does, so lint reports `schema` and drops the duplicate admission finding;
 * checkAdmission alone still reports it.
 */
const CASES: [fixture: string, path: string, message: RegExp, lintRule: 'admission' | 'schema'][] = [
  ['duration-go-grammar', 'spec.duration', /duration "30 seconds" is refused .*time\.ParseDuration/, 'admission'],
  ['selector-fixed', 'spec.value', /mode "fixed" needs a value greater than 0, found "0"/, 'admission'],
  ['selector-fixed-integer', 'spec.value', /needs an integer value, and "two" is not one/, 'admission'],
  ['selector-fixed-percent', 'spec.value', /"fixed-percent" needs a percentage in \(0, 100\], found "150"/, 'admission'],
  ['selector-random-max-percent', 'spec.value', /"random-max-percent" needs a percentage in \(0, 100\], found "0"/, 'admission'],
  ['podchaos-action', 'spec.action', /action "pod-restart" is not a PodChaos action; allowed: "pod-kill", "pod-failure", "container-kill"/, 'schema'],
  ['podchaos-container-kill-names', 'spec.containerNames', /"container-kill" needs containerNames/, 'admission'],
  ['podchaos-grace-period', 'spec.gracePeriod', /gracePeriod -5 is negative/, 'schema'],
  ['networkchaos-action', 'spec.action', /action "latency" is not a NetworkChaos action/, 'schema'],
  ['networkchaos-latency', 'spec.delay.latency', /latency "200 ms" is refused/, 'schema'],
  ['networkchaos-jitter', 'spec.delay.jitter', /jitter "50" is refused .*is missing its unit/, 'schema'],
  ['networkchaos-float-correlation', 'spec.delay.correlation', /correlation "25%" is refused .*not a float/, 'admission'],
  ['networkchaos-float-loss', 'spec.loss.loss', /loss "25 percent" is refused/, 'admission'],
  ['networkchaos-rate-unit', 'spec.bandwidth.rate', /rate "1mb" is refused .*it has no unit \("invalid unit"\)/, 'admission'],
  ['networkchaos-limit', 'spec.bandwidth.limit', /limit 0 is below the minimum 1/, 'schema'],
  ['networkchaos-buffer', 'spec.bandwidth.buffer', /buffer 0 is below the minimum 1/, 'schema'],
  ['networkchaos-direction-target', 'spec.direction', /direction "from" needs a target/, 'admission'],
  ['networkchaos-direction-external', 'spec.direction', /direction "both" cannot be combined with externalTargets/, 'admission'],
  ['networkchaos-target-mode', 'spec.target.value', /mode "fixed" needs a value greater than 0, found "-1"/, 'admission'],
  ['stresschaos-stressors', 'spec.stressors', /stressors has neither memory nor cpu/, 'admission'],
  ['stresschaos-size-grammar', 'spec.stressors.memory.size', /memory size "512Mi" is refused .*"Mi" must end in "b" or "ib"/, 'admission'],
  ['stresschaos-size-percent', 'spec.stressors.memory.size', /150% is not a percentage from 0 to 100/, 'admission'],
  ['stresschaos-workers', 'spec.stressors.memory.workers', /workers 10000 is more than stress-ng's maximum of 8192/, 'schema'],
  ['stresschaos-load', 'spec.stressors.cpu.load', /cpu load 150 is not a percentage/, 'schema'],
  ['stresschaos-oom-score-adj', 'spec.stressors.memory.oomScoreAdj', /oomScoreAdj -1001 is outside \[-1000, 1000\]/, 'schema'],
  ['schedule-cron', 'spec.schedule', /schedule "every 30 seconds" is refused .*robfig\/cron v3/, 'admission'],
  ['schedule-concurrency-policy', 'spec.concurrencyPolicy', /concurrencyPolicy "Replace" is not allowed; allowed: "Forbid", "Allow"/, 'schema'],
  ['schedule-starting-deadline', 'spec.startingDeadlineSeconds', /startingDeadlineSeconds 0 must be greater than 0/, 'schema'],
  ['schedule-history-limit', 'spec.historyLimit', /historyLimit 0 must be at least 1/, 'schema'],
  ['schedule-type-spec', 'spec.networkChaos', /type "NetworkChaos" needs the networkChaos spec/, 'admission'],
  ['schedule-embedded-chaos', 'spec.podChaos.value', /mode "fixed" needs a value greater than 0/, 'admission'],
  ['workflow-entry', 'spec.entry', /entry "start" names no template; templates: main, kill, pause/, 'admission'],
  ['workflow-unique-names', 'spec.templates', /template names must be unique, and "kill" is used more than once/, 'admission'],
  ['workflow-dns-names', 'spec.templates[2].name', /template name "Pause_1" must be a DNS-1123 subdomain/, 'admission'],
  ['workflow-template-type', 'spec.templates[2].templateType', /templateType "Sleep" is not a template type/, 'admission'],
  ['workflow-own-fields', 'spec.templates[1].children', /a PodChaos template must not contain children/, 'admission'],
  ['workflow-children-exist', 'spec.templates[0].children[1]', /child "sleep" names no template/, 'admission'],
  ['workflow-chaos-no-duration', 'spec.templates[1].podChaos.duration', /a chaos template must not set duration \("1m"\)/, 'admission'],
  ['workflow-suspend-deadline', 'spec.templates[2].deadline', /a Suspend template needs a deadline/, 'admission'],
  ['workflow-embedded-chaos', 'spec.templates[1].podChaos.containerNames', /"container-kill" needs containerNames/, 'admission'],
  ['statuscheck-type', 'spec.type', /type "TCP" is not a StatusCheck type/, 'schema'],
  ['statuscheck-http', 'spec.http', /an HTTP status check needs the http block/, 'admission'],
  ['statuscheck-url', 'spec.http.url', /url "podinfo.podinfo.svc\/healthz" is refused .*invalid URI for request/, 'admission'],
  ['statuscheck-status-code', 'spec.http.criteria.statusCode', /statusCode "2xx" is refused/, 'admission'],
  ['statuscheck-ranges', 'spec.intervalSeconds', /intervalSeconds 0 is out of range: it must be at least 1/, 'schema'],
  ['statuscheck-records-limit', 'spec.recordsHistoryLimit', /recordsHistoryLimit 1001 is out of range: it must be at least 1 and at most 1000/, 'schema'],
  ['statuscheck-mode', 'spec.mode', /mode "Async" is not allowed/, 'schema'],
];

function loadOne(file: string): KubeObject {
  const loaded = loadManifests([file]);
  expect(loaded.errors).toEqual([]);
  expect(loaded.objects).toHaveLength(1);
  return loaded.objects[0];
}

const schemaOrAdmission = async (file: string) => (await lintPaths([file])).findings.filter((f) => f.rule === 'schema' || f.rule === 'admission');

test('every fixture folder has a row, and every row a folder', () => {
  expect(fs.readdirSync(DIR).sort()).toEqual(CASES.map((c) => c[0]).sort());
});

describe.each(CASES)('%s', (fixture, fieldPath, message, lintRule) => {
  const dir = path.join(DIR, fixture);

  test('the passing fixture has no admission or schema findings', async () => {
    expect(checkAdmission(loadOne(path.join(dir, 'pass.yaml')))).toEqual([]);
    expect(await schemaOrAdmission(path.join(dir, 'pass.yaml'))).toEqual([]);
  });

  test(`the failing fixture is refused at ${fieldPath}`, async () => {
    const obj = loadOne(path.join(dir, 'fail.yaml'));
    const errors = checkAdmission(obj).filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.path)).toEqual([fieldPath]);
    expect(errors[0]).toMatchObject({ rule: 'admission', object: expect.stringMatching(/^[A-Za-z]+\/chaos-testing\//), source: obj });
    expect(errors[0].message).toMatch(message);
    expect(errors[0].fix.length).toBeGreaterThan(10);

    const linted = (await schemaOrAdmission(path.join(dir, 'fail.yaml'))).filter((f) => f.severity === 'error');
    expect(linted.map((f) => [f.rule, f.path])).toEqual([[lintRule, fieldPath]]);
    expect(linted[0].line).toBeGreaterThan(1);
  });
});

test('a netem percentage outside 0-100 is a warning (the webhook accepts it, tc refuses it at injection); the bounds pass', () => {
  const netem = (spec: Record<string, unknown>): KubeObject => ({
    apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'NetworkChaos', metadata: { name: 'x', namespace: 'chaos-testing' },
    spec: { mode: 'one', selector: { namespaces: ['shop'] }, ...spec },
  });
  const found = (spec: Record<string, unknown>) => checkAdmission(netem(spec)).map((f) => `${f.severity} ${f.path}`);
  expect(found({ action: 'loss', loss: { loss: '101', correlation: '-1' } })).toEqual(['warning spec.loss.loss', 'warning spec.loss.correlation']);
  expect(found({ action: 'delay', delay: { latency: '1ms', correlation: '100.5', reorder: { reorder: '200', gap: 1 } } }))
    .toEqual(['warning spec.delay.correlation', 'warning spec.delay.reorder.reorder']);
  expect(found({ action: 'loss', loss: { loss: '100', correlation: '0' } })).toEqual([]);
  expect(checkAdmission(netem({ action: 'corrupt', corrupt: { corrupt: '150' } }))[0].message)
    .toBe('corrupt "150" is not a percentage from 0 to 100; the webhook accepts it, but tc netem refuses it, so the experiment fails when Chaos Mesh injects it.');
});
