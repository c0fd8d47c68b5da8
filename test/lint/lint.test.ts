import * as path from 'path';
import { LintResult, lintManifests, lintPaths } from '../../lib/lint/lint';
import { loadManifestText } from '../../lib/lint/loader';

const cwd = path.join(__dirname, '..', '..');
const F = 'test/fixtures/lint';
const brief = (r: LintResult) => r.findings.map((f) => `${f.file}:${f.line} ${f.severity} ${f.rule} ${f.path}`);

describe('lintPaths', () => {
  test('the valid corpus lints clean: schema, admission, safety and chart values', async () => {
    const r = await lintPaths([`${F}/valid`], { cwd });
    expect(brief(r)).toEqual([]);
    expect(r.summary).toEqual({ files: 3, objects: 7, errors: 0, warnings: 0, acknowledged: 0 });
    expect(r.exitCode).toBe(0);
  });

  test('safety rules resolve targets across files (CM002 needs the Deployment of another file)', async () => {
    const alone = await lintPaths([`${F}/invalid/stress-too-big.yaml`], { cwd });
    expect(alone.findings.map((f) => f.rule).sort()).toEqual(['CM001', 'CM007']); // target unknown
    const together = await lintPaths([`${F}/invalid/stress-too-big.yaml`, `${F}/valid/podinfo.yaml`], { cwd });
    expect(brief(together)).toEqual([`${F}/invalid/stress-too-big.yaml:16 error CM002 spec.stressors.memory.size`]);
    expect(together.exitCode).toBe(1);
  });

  test('schema findings on core objects point at the field line', async () => {
    expect(brief(await lintPaths([`${F}/invalid/deployment-types.yaml`], { cwd }))).toEqual([
      `${F}/invalid/deployment-types.yaml:7 error schema spec.replicas`,
      `${F}/invalid/deployment-types.yaml:17 error schema spec.template.spec.containers[0].name`,
    ]);
  });

  test('unknown chart keys in an Application helm.values string are located inside the string', async () => {
    const r = await lintPaths([`${F}/invalid/helm-values-string.yaml`], { cwd });
    expect(brief(r)).toEqual([`${F}/invalid/helm-values-string.yaml:22 error schema spec.source.helm.values.dashboard.serviceType`]);
    expect(r.findings[0].fix).toMatch(/dashboard\.service\.type/);
  });

  test('a k3s HelmChart: no unknown-kind warning, its valuesContent keys checked at their lines', async () => {
    const r = await lintPaths([`${F}/invalid/helmchart-values.yaml`], { cwd });
    expect(brief(r)).toEqual([
      `${F}/invalid/helmchart-values.yaml:19 error CM008 spec.valuesContent.dashboard.service.type`,
      `${F}/invalid/helmchart-values.yaml:20 error schema spec.valuesContent.dashboard.service.tpye`,
    ]);
  });

  test('acknowledged findings are reported, marked, and do not fail the run', async () => {
    const r = await lintPaths([`${F}/invalid/acknowledged.yaml`], { cwd });
    expect(r.findings).toEqual([expect.objectContaining({ rule: 'CM006', acknowledged: true, ackReason: 'the checkout team owns every pod in this namespace' })]);
    expect(r.summary).toMatchObject({ errors: 0, acknowledged: 1 });
    expect(r.exitCode).toBe(0);
  });

  test('unknown kinds warn; --strict makes warnings errors', async () => {
    const normal = await lintPaths([`${F}/invalid/unknown-kind.yaml`], { cwd });
    expect(normal.summary).toMatchObject({ errors: 0, warnings: 1 });
    expect(normal.exitCode).toBe(0);
    const strict = await lintPaths([`${F}/invalid/unknown-kind.yaml`], { cwd, strict: true });
    expect(strict.findings.map((f) => f.severity)).toEqual(['error']);
    expect(strict.summary).toMatchObject({ errors: 1, warnings: 0 });
    expect(strict.exitCode).toBe(1);
  });

  test('input errors stop the run with exit code 2 and no findings', async () => {
    const r = await lintPaths([`${F}/valid`, `${F}/input-errors/invalid-yaml.yaml`], { cwd });
    expect(r.exitCode).toBe(2);
    expect(r.findings).toEqual([]);
    expect(r.inputErrors[0]).toMatchObject({ file: `${F}/input-errors/invalid-yaml.yaml` });
  });

  test('an admission finding on a field the schema already refuses is left out', async () => {
    const loaded = loadManifestText([
      'apiVersion: chaos-mesh.org/v1alpha1',
      'kind: PodChaos',
      'metadata: {name: x, namespace: chaos-mesh}',
      'spec: {action: pod-restart, mode: one, selector: {namespaces: [podinfo], labelSelectors: {a: b}}, duration: 1m}',
    ].join('\n'), 'x.yaml');
    const r = await lintManifests(loaded);
    expect(r.findings.filter((f) => f.path === 'spec.action').map((f) => f.rule)).toEqual(['schema']);
  });

  test('findings keep checkManifests\' order: files in reading order, then per object by rule and path', async () => {
    const files = [`${F}/invalid/wrong-version.yaml`, `${F}/invalid/chaos-unknown-field.yaml`];
    const r = await lintPaths(files, { cwd });
    const fileIndex = r.findings.map((f) => files.indexOf(f.file));
    expect(fileIndex).toEqual([...fileIndex].sort((a, b) => a - b));
    expect(r.findings[0].file).toBe(files[0]);
    for (const where of new Set(r.findings.map((f) => `${f.file} ${f.object}`))) {
      const keys = r.findings.filter((f) => `${f.file} ${f.object}` === where).map((f) => `${f.rule} ${f.path}`);
      expect(keys).toEqual([...keys].sort());
    }
  });

  test('a required field with a CRD default is not missing (StatusCheck type defaults to HTTP)', async () => {
    const r = await lintPaths([`${F}/defaults/statuscheck-without-type.yaml`], { cwd });
    expect(r.summary.objects).toBe(3);
    expect(brief(r).filter((f) => / (schema|admission) /.test(f))).toEqual([]);
    // a required field without a default is still refused
    const missing = await lintPaths([`${F}/defaults/statuscheck-without-http.yaml`], { cwd });
    expect(brief(missing).filter((f) => / schema /.test(f))).toEqual([`${F}/defaults/statuscheck-without-http.yaml:10 error schema spec.http.url`]);
  });

  test('unknown fields of core objects are schema errors at their line, with a did-you-mean', async () => {
    const loaded = loadManifestText([
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: podinfo, namespace: podinfo}',
      'spec:',
      '  selector: {matchLabels: {app: podinfo}}',
      '  template:',
      '    metadata: {labels: {app: podinfo}}',
      '    spec:',
      '      containers:',
      '      - name: podinfo',
      '        image: podinfo',
      '        resoures: {limits: {memory: 256Mi}}',
    ].join('\n'), 'deploy.yaml');
    const r = await lintManifests(loaded);
    expect(brief(r)).toEqual(['deploy.yaml:12 error schema spec.template.spec.containers[0].resoures']);
    expect(r.findings[0].fix).toBe('Did you mean "resources"? Rename or remove the field.');
    expect(r.exitCode).toBe(1);
  });

  describe('input without any object exits 2 (an empty synth output must not pass)', () => {
    test.each([
      ['only comments', '# nothing here\n', /only comments or empty documents/],
      ['only document separators', '---\n---\n', /only comments or empty documents/],
      ['an empty file', '', /only comments or empty documents/],
      ['only a mapping without kind', 'replicas: 3\n', /only a mapping without "kind" \(a Helm values file is passed with --values FILE\)/],
    ])('%s', async (_, text, reason) => {
      const r = await lintManifests(loadManifestText(text, 'empty.yaml'));
      expect(r.exitCode).toBe(2);
      expect(r.findings).toEqual([]);
      expect(r.inputErrors).toEqual([{ file: 'empty.yaml', message: expect.stringMatching(reason) }]);
    });

    test('a file without kind whose header marks it as chart values is checked as --values would check it', async () => {
      const marked = [
        '# cdk8s-chaos-mesh.io/chart-values: chaos-mesh 2.8.2',
        '# ack.cdk8s-chaos-mesh.io/CM008: "lab cluster, the dashboard node port is firewalled"',
        'chaosDaemon: {runtime: containerd, socketPath: /run/k3s/containerd/containerd.sock}',
        'dashboard: {serviceTpe: ClusterIP}',
      ].join('\n');
      const r = await lintManifests(loadManifestText(marked, 'x.values.yaml'));
      expect(r.inputErrors).toEqual([]);
      expect(r.findings.map((f) => `${f.line} ${f.rule} ${f.path} ${f.acknowledged === true}`)).toEqual([
        '4 CM008 values.dashboard.service.type true',
        '4 schema values.dashboard.serviceTpe false',
      ]);
      // The same text without the marker is not chart values: nothing to check.
      const unmarked = await lintManifests(loadManifestText(marked.split('\n').slice(1).join('\n'), 'x.values.yaml'));
      expect(unmarked.exitCode).toBe(2);
    });

    test('a plain values file alone is something to check', async () => {
      const r = await lintPaths([], { cwd, valuesFiles: [`${F}/reference/chaos-mesh-values.yaml`] });
      expect(r.exitCode).toBe(1); // its dashboard.serviceType finding
      expect(r.inputErrors).toEqual([]);
    });

    test('an empty file next to real objects is fine', async () => {
      const loaded = loadManifestText('---\napiVersion: v1\nkind: Namespace\nmetadata: {name: podinfo}\n---\n', 'ns.yaml');
      expect((await lintManifests(loaded)).exitCode).toBe(0);
    });
  });

  test('when the Kubernetes schemas cannot be loaded, lint fails instead of passing', () => {
    const validator = path.join(path.dirname(require.resolve('kubernetes-models/package.json')), '_schemas', 'IoK8sApiAppsV1Deployment.js');
    jest.isolateModules(() => {
      jest.doMock(validator, () => { throw new Error('the module is broken'); });
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { lintPaths: brokenLint } = require('../../lib/lint/lint') as typeof import('../../lib/lint/lint');
      const { SchemaLoadError } = require('../../lib/lint/schema/core-schema') as typeof import('../../lib/lint/schema/core-schema');
      /* eslint-enable @typescript-eslint/no-require-imports */
      const run = () => brokenLint([`${F}/valid`], { cwd });
      expect(run).toThrow(SchemaLoadError);
      expect(run).toThrow(/^cannot load the Kubernetes schema of apps\/v1 Deployment \(.*[\\/]IoK8sApiAppsV1Deployment\.js\): the module is broken$/);
    });
  });
});
