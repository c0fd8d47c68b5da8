import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import * as yaml from 'yaml';
import { Workflow } from '../../imports/chaos-mesh.org';
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

  // The pinned CRD is read where it lives (never copied into the repository).
  const crdFile = path.resolve(process.env.CHAOS_MESH_UPSTREAM ?? path.join(__dirname, '..', '..', '..', 'shared', 'chaos-mesh-v2.8.2'), 'crds', 'chaos-mesh.org_workflows.yaml');
  (existsSync(crdFile) ? test : test.skip)('matches the Workflow CRD schema of Chaos Mesh 2.8.2: types, enums, required fields, no unknown field', () => {
    const crd = yaml.parse(readFileSync(crdFile, 'utf8'));
    const schema = crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.templates.items;
    expect(schemaErrors(template, schema, 'templates[0]')).toEqual([]);
    const full = statusCheckTemplate({
      name: 'all', url: 'http://x/', deadline: GoDuration.minutes(1), method: StatusCheckMethod.POST, headers: { A: ['b'] }, body: 'x',
      statusCode: '200', duration: GoDuration.seconds(30), recordsHistoryLimit: 10, mode: StatusCheckMode.SYNCHRONOUS,
    });
    expect(schemaErrors(full, schema, 'templates[0]')).toEqual([]);
    // The checker itself catches what the API server would refuse.
    expect(schemaErrors({ ...template, statusCheck: { ...template.statusCheck, intervalSecond: 1 } }, schema, 't')).toEqual(['t.statusCheck.intervalSecond: unknown field']);
    expect(schemaErrors({ ...template, statusCheck: { ...template.statusCheck, mode: 'Sometimes' } }, schema, 't')).toEqual(['t.statusCheck.mode: "Sometimes" is not one of Synchronous, Continuous']);
  });
});

/** A small structural-schema checker: types, enums, minimum/maximum, required, and unknown fields. */
function schemaErrors(value: any, schema: any, at: string): string[] {
  const errors: string[] = [];
  const type = schema.type;
  if (type === 'object') {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${at}: not an object`];
    for (const req of schema.required ?? []) if (!(req in value)) errors.push(`${at}.${req}: required`);
    for (const [k, v] of Object.entries(value)) {
      if (schema.properties?.[k]) errors.push(...schemaErrors(v, schema.properties[k], `${at}.${k}`));
      else if (schema.additionalProperties) errors.push(...schemaErrors(v, schema.additionalProperties, `${at}.${k}`));
      else if (!schema['x-kubernetes-preserve-unknown-fields']) errors.push(`${at}.${k}: unknown field`);
    }
  } else if (type === 'array') {
    if (!Array.isArray(value)) return [`${at}: not an array`];
    value.forEach((v, i) => errors.push(...schemaErrors(v, schema.items, `${at}[${i}]`)));
  } else if (type === 'string') {
    if (typeof value !== 'string') errors.push(`${at}: not a string`);
    else if (schema.enum && !schema.enum.includes(value)) errors.push(`${at}: "${value}" is not one of ${schema.enum.join(', ')}`);
  } else if (type === 'integer') {
    if (!Number.isInteger(value)) errors.push(`${at}: not an integer`);
    else if ((schema.minimum !== undefined && value < schema.minimum) || (schema.maximum !== undefined && value > schema.maximum)) errors.push(`${at}: ${value} out of range`);
  } else if (type === 'boolean') {
    if (typeof value !== 'boolean') errors.push(`${at}: not a boolean`);
  }
  return errors;
}
