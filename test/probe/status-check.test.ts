import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { Workflow } from '../../imports/chaos-mesh.org';
import { KubeObject } from '../../lib/kube-object';
import { checkSchema } from '../../lib/lint';
import { StatusCheck, statusCheckTemplate, StatusCheckMethod, StatusCheckMode } from '../../lib/probe';
import { GoDuration } from '../../lib/units';

describe('StatusCheck', () => {
  test('an HTTP StatusCheck with every field', () => {
    const chart = Testing.chart();
    new StatusCheck(chart, 'Check', {
      name: 'podinfo-up',
      namespace: 'chaos-mesh',
      url: 'http://podinfo.podinfo.svc:9898/readyz',
      method: StatusCheckMethod.POST,
      headers: { 'Content-Type': ['application/json'] },
      body: '{}',
      statusCode: '200',
      interval: GoDuration.seconds(2),
      timeout: GoDuration.seconds(1),
      failureThreshold: 5,
      successThreshold: 2,
      mode: StatusCheckMode.SYNCHRONOUS,
      duration: GoDuration.minutes(1),
      recordsHistoryLimit: 50,
    });
    expect(Testing.synth(chart)).toMatchInlineSnapshot(`
[
  {
    "apiVersion": "chaos-mesh.org/v1alpha1",
    "kind": "StatusCheck",
    "metadata": {
      "name": "podinfo-up",
      "namespace": "chaos-mesh",
    },
    "spec": {
      "duration": "1m",
      "failureThreshold": 5,
      "http": {
        "body": "{}",
        "criteria": {
          "statusCode": "200",
        },
        "headers": {
          "Content-Type": [
            "application/json",
          ],
        },
        "method": "POST",
        "url": "http://podinfo.podinfo.svc:9898/readyz",
      },
      "intervalSeconds": 2,
      "mode": "Synchronous",
      "recordsHistoryLimit": 50,
      "successThreshold": 2,
      "timeoutSeconds": 1,
      "type": "HTTP",
    },
  },
]
`);
  });

  test('defaults: GET, 200-399, every 1 s, 2 s timeout, 3 failures, Continuous', () => {
    const chart = Testing.chart();
    new StatusCheck(chart, 'Check', { url: 'http://podinfo.podinfo:9898/', duration: GoDuration.minutes(5) });
    const [obj] = Testing.synth(chart);
    expect(obj.spec).toEqual({
      type: 'HTTP',
      mode: 'Continuous',
      duration: '5m',
      intervalSeconds: 1,
      timeoutSeconds: 2,
      failureThreshold: 3,
      successThreshold: 1,
      http: { url: 'http://podinfo.podinfo:9898/', method: 'GET', criteria: { statusCode: '200-399' } },
    });
  });

  test('the generated object is node.defaultChild: ApiObject.of(check).addJsonPatch reaches it', () => {
    const chart = Testing.chart();
    const check = new StatusCheck(chart, 'Check', { url: 'http://x.example/', duration: GoDuration.minutes(1) });
    expect(check.node.defaultChild).toBe(check.resource);
    ApiObject.of(check).addJsonPatch(JsonPatch.add('/spec/http/headers', { 'X-Probe': ['chaos'] }));
    expect(Testing.synth(chart)[0].spec.http.headers).toEqual({ 'X-Probe': ['chaos'] });
  });

  test.each([
    [{ url: 'not a url', duration: GoDuration.minutes(1) }, /url "not a url" is not an absolute URL/],
    [{ url: 'http://x/', duration: GoDuration.minutes(1), statusCode: '200,204' }, /statusCode "200,204" must be one code \(200\) or one inclusive range/],
    [{ url: 'http://x/', duration: GoDuration.minutes(1), statusCode: '400-200' }, /statusCode "400-200"/],
    [{ url: 'http://x/', duration: GoDuration.minutes(1), interval: GoDuration.millis(1500) }, /interval must be whole seconds of at least 1s .* got "1500ms"/],
    [{ url: 'http://x/', duration: GoDuration.minutes(1), timeout: GoDuration.millis(500) }, /timeout must be whole seconds/],
    [{ url: 'http://x/', duration: GoDuration.minutes(1), failureThreshold: 0 }, /failureThreshold must be an integer from 1, got 0/],
    [{ url: 'http://x/', duration: GoDuration.minutes(1), recordsHistoryLimit: 5000 }, /recordsHistoryLimit must be an integer from 1 to 1000/],
    [{ url: 'http://x/' }, /a Continuous StatusCheck object needs a duration/],
  ])('refuses %j', (props, message) => {
    expect(() => new StatusCheck(Testing.chart(), 'Check', props as any)).toThrow(message);
  });
});

describe('statusCheckTemplate', () => {
  const template = statusCheckTemplate({ name: 'podinfo-up', url: 'http://podinfo.podinfo:9898/readyz', deadline: GoDuration.minutes(3) });

  test('a StatusCheck node that aborts the Workflow, bounded by its deadline', () => {
    expect(template).toEqual({
      name: 'podinfo-up',
      templateType: 'StatusCheck',
      deadline: '3m',
      abortWithStatusCheck: true,
      statusCheck: {
        type: 'HTTP',
        mode: 'Continuous',
        intervalSeconds: 1,
        timeoutSeconds: 2,
        failureThreshold: 3,
        successThreshold: 1,
        http: { url: 'http://podinfo.podinfo:9898/readyz', method: 'GET', criteria: { statusCode: '200-399' } },
      },
    });
    expect(JSON.stringify(template)).not.toMatch(/undefined|null/);
  });

  test('abortWithStatusCheck can be turned off; names and deadlines are checked', () => {
    expect(statusCheckTemplate({ name: 'gate', url: 'http://x/', deadline: GoDuration.seconds(30), abortWithStatusCheck: false, mode: StatusCheckMode.SYNCHRONOUS }))
      .toMatchObject({ abortWithStatusCheck: false, statusCheck: { mode: 'Synchronous' } });
    expect(() => statusCheckTemplate({ name: 'Podinfo_Up', url: 'http://x/', deadline: GoDuration.minutes(1) })).toThrow(/the name must be lowercase/);
    expect(() => statusCheckTemplate({ name: 'up', url: 'http://x/', deadline: GoDuration.seconds(0) })).toThrow(/deadline must be positive, got "0s"/);
  });

  test('fits the generated Workflow class (a guard next to the experiment in a Parallel node)', () => {
    const chart = Testing.chart();
    new Workflow(chart, 'Wf', {
      metadata: { name: 'podinfo-latency' },
      spec: {
        entry: 'main',
        templates: [
          { name: 'main', templateType: 'Parallel', deadline: '3m', children: ['podinfo-up'] },
          template,
        ],
      },
    });
    const [wf] = Testing.synth(chart);
    expect(wf.spec.templates[1]).toEqual(template);
  });

  // lint's structural-schema check over the committed CRD bundle (schemas/chaos-mesh-crds.json,
  // kept equal to the pinned upstream CRDs by test/lint/schema/crd-schemas.test.ts).
  test('matches the Workflow CRD schema of Chaos Mesh 2.8.2: types, enums, required fields, no unknown field', async () => {
    expect(await checkSchema(workflowOf(template))).toEqual([]);
    const full = statusCheckTemplate({
      name: 'all', url: 'http://x/', deadline: GoDuration.minutes(1), method: StatusCheckMethod.POST, headers: { A: ['b'] }, body: 'x',
      statusCode: '200', duration: GoDuration.seconds(30), recordsHistoryLimit: 10, mode: StatusCheckMode.SYNCHRONOUS,
    });
    expect(await checkSchema(workflowOf(full))).toEqual([]);
    // The check itself catches what the API server would refuse.
    const refused = async (t: object) => (await checkSchema(workflowOf(t))).map((f) => `${f.rule} ${f.severity} ${f.path}: ${f.message}`);
    expect(await refused({ ...template, statusCheck: { ...template.statusCheck, intervalSecond: 1 } }))
      .toEqual([expect.stringMatching(/^schema error spec\.templates\[0\]\.statusCheck\.intervalSecond: unknown field "intervalSecond"/)]);
    expect(await refused({ ...template, statusCheck: { ...template.statusCheck, mode: 'Sometimes' } }))
      .toEqual(['schema error spec.templates[0].statusCheck.mode: "Sometimes" is not an allowed value; allowed: "Synchronous", "Continuous".']);
    expect(await refused({ ...template, statusCheck: { ...template.statusCheck, failureThreshold: '3' } }))
      .toEqual([expect.stringMatching(/^schema error spec\.templates\[0\]\.statusCheck\.failureThreshold: must be an integer/)]);
    const { templateType: _omitted, ...untyped } = template;
    expect(await refused(untyped)).toEqual([expect.stringMatching(/^schema error spec\.templates\[0\]\.templateType: /)]);
  });

  test('StatusCheck objects match the StatusCheck CRD schema of Chaos Mesh 2.8.2', async () => {
    const chart = Testing.chart();
    new StatusCheck(chart, 'Defaults', { url: 'http://podinfo.podinfo:9898/', duration: GoDuration.minutes(5) });
    new StatusCheck(chart, 'Full', {
      name: 'podinfo-up', namespace: 'chaos-mesh', url: 'http://podinfo.podinfo.svc:9898/readyz', method: StatusCheckMethod.POST,
      headers: { 'Content-Type': ['application/json'] }, body: '{}', statusCode: '200', interval: GoDuration.seconds(2),
      timeout: GoDuration.seconds(1), failureThreshold: 5, successThreshold: 2, mode: StatusCheckMode.SYNCHRONOUS,
      duration: GoDuration.minutes(1), recordsHistoryLimit: 50,
    });
    const objects: KubeObject[] = Testing.synth(chart);
    expect(objects).toHaveLength(2);
    for (const obj of objects) expect(await checkSchema(obj)).toEqual([]);
    const bad = { ...objects[0], spec: { ...objects[0].spec, http: { ...objects[0].spec.http, method: 'PATCH' } } };
    expect((await checkSchema(bad)).map((f) => `${f.rule} ${f.path}`)).toEqual(['schema spec.http.method']);
  });
});

/** A Workflow whose only template (its entry) is `template`, as the API server receives it. */
function workflowOf(template: object): KubeObject {
  const name = (template as { name?: unknown }).name;
  return {
    apiVersion: 'chaos-mesh.org/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'podinfo-latency', namespace: 'chaos-mesh' },
    spec: { entry: typeof name === 'string' ? name : 'main', templates: [template] },
  };
}
