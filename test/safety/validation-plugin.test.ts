import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ValidationContext as CliValidationContext } from 'cdk8s-cli/lib/plugins/validation';
import * as YAML from 'yaml';
import { ackAnnotation, ChaosMeshSafetyValidation } from '../../lib/safety';
import { annotate, deployment, GOOD_REASON, memoryStressSpec, networkChaos, stressChaos } from '../fixtures/safety/objects';

// cdk8s-cli's own context class, through its public `./plugins` export (types from the file itself,
// since the type checker here does not read package exports).
const { ValidationContext } = require('cdk8s-cli/plugins') as { ValidationContext: typeof CliValidationContext };

describe('ChaosMeshSafetyValidation (cdk8s-cli validation plugin)', () => {
  let dir: string;
  let logSpy: jest.SpyInstance;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safety-plugin-'));
    logSpy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    logSpy.mockRestore();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A context built the way cdk8s-cli builds it, over manifests written to disk. */
  function contextFor(objectsPerFile: object[][], metadata: Record<string, { path: string }> = {}): CliValidationContext {
    const manifests = objectsPerFile.map((objects, i) => {
      const file = path.join(dir, `chart-${i}.k8s.yaml`);
      fs.writeFileSync(file, objects.map((o) => YAML.stringify(o)).join('---\n'));
      return file;
    });
    return new ValidationContext(manifests, 'cdk8s-chaos-mesh', '0.1.0', metadata, false);
  }

  test('fails with one violation per blocking finding, with construct path from cdk8s metadata', async () => {
    const context = contextFor([[deployment()], [stressChaos(memoryStressSpec('1GB'))]], {
      'podinfo-memory-stress': { path: 'experiments/memory/Resource' },
    });
    await new ChaosMeshSafetyValidation().validate(context);
    const report = context.report.toJson();
    expect(report.summary.status).toBe('failure');
    expect(report.violations).toHaveLength(1);
    expect(report.violations[0]).toMatchObject({
      ruleName: 'CM002: Memory stress is at most twice the memory limit',
      violatingConstructs: [{
        resourceName: 'podinfo-memory-stress',
        constructPath: 'experiments/memory/Resource',
        locations: ['spec.stressors.memory.size'],
        manifestPath: context.manifests[1],
      }],
    });
    expect(report.violations[0].recommendation).toMatch(/1000000000 bytes/);
  });

  test('succeeds on a safe set and logs acknowledged findings', async () => {
    const acked = annotate(stressChaos(memoryStressSpec('1GB')), { [ackAnnotation('CM002')]: GOOD_REASON });
    const context = contextFor([[deployment(), acked]]);
    await new ChaosMeshSafetyValidation().validate(context);
    expect(context.report.success).toBe(true);
    expect(logSpy.mock.calls.flat().join('\n')).toMatch(/acknowledged CM002/);
  });

  test('properties from cdk8s.yaml configure the rules', async () => {
    const context = contextFor([[networkChaos()]]); // duration 3m
    await new ChaosMeshSafetyValidation({ maxDuration: '2m' }).validate(context);
    expect(context.report.toJson().violations.map((v) => v.ruleName)).toEqual(['CM003: Chaos has a positive, bounded duration']);
  });

  test('maxRunDuration bounds a whole Workflow run, as for ChaosMeshApp', async () => {
    const run = {
      apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'Workflow', metadata: { name: 'gameday', namespace: 'chaos-mesh' },
      spec: { entry: 'run', templates: [{ name: 'run', templateType: 'Serial', deadline: '30m', children: ['wait'] }, { name: 'wait', templateType: 'Suspend', deadline: '30m' }] },
    };
    const loose = contextFor([[run]]);
    await new ChaosMeshSafetyValidation().validate(loose);
    expect(loose.report.success).toBe(true);
    const tight = contextFor([[run]]);
    await new ChaosMeshSafetyValidation({ maxRunDuration: '20m' }).validate(tight);
    expect(tight.report.toJson().violations.map((v) => [v.ruleName, v.violatingConstructs[0].locations])).toEqual([
      ['CM003: Chaos has a positive, bounded duration', ['spec.templates[0].deadline']],
    ]);
  });

  test('warnings do not fail unless strict', async () => {
    const stale = annotate(networkChaos(), { [ackAnnotation('CM002')]: GOOD_REASON });
    const relaxed = contextFor([[stale]]);
    await new ChaosMeshSafetyValidation().validate(relaxed);
    expect(relaxed.report.success).toBe(true);
    expect(relaxed.report.toJson().violations).toHaveLength(1);
    const strict = contextFor([[stale]]);
    await new ChaosMeshSafetyValidation({ strict: true }).validate(strict);
    expect(strict.report.success).toBe(false);
  });

  test('a document that is not a mapping is an input violation naming file and line, and the synth is refused', async () => {
    const file = path.join(dir, 'chart-0.k8s.yaml');
    fs.writeFileSync(file, `${YAML.stringify(deployment())}---\n42\n`);
    const context = new ValidationContext([file], 'cdk8s-chaos-mesh', '0.1.0', {}, false);
    await new ChaosMeshSafetyValidation().validate(context);
    const report = context.report.toJson();
    expect(report.summary.status).toBe('failure');
    expect(report.violations).toEqual([expect.objectContaining({
      ruleName: 'input',
      recommendation: expect.stringMatching(/^document 2 is the number 42, not a mapping/),
      violatingConstructs: [expect.objectContaining({ locations: [expect.stringMatching(/^line \d+$/)], manifestPath: file })],
    })]);
    expect(logSpy.mock.calls.flat().join('\n')).toMatch(/refused this synth: its 1 manifest file\(s\) are removed/);
  });

  test('the module exports the class by the name cdk8s.yaml gives', () => {
    // cdk8s-cli loads `require(package)[class]` and calls `new clazz(properties ?? {})`.
    const mod = require('../../lib/safety/validation-plugin');
    expect(typeof new mod.ChaosMeshSafetyValidation({}).validate).toBe('function');
  });
});
