import * as path from 'path';
import { lintManifests, lintPaths } from '../../lib/lint/lint';
import { loadManifestText } from '../../lib/lint/loader';

const cwd = path.join(__dirname, '..', '..');
const F = 'test/fixtures/lint';
const brief = (r: ReturnType<typeof lintPaths>) => r.findings.map((f) => `${f.file}:${f.line} ${f.severity} ${f.rule} ${f.path}`);

describe('lintPaths', () => {
  test('the valid corpus lints clean: schema, admission, safety and chart values', () => {
    const r = lintPaths([`${F}/valid`], { cwd });
    expect(brief(r)).toEqual([]);
    expect(r.summary).toEqual({ files: 3, objects: 7, errors: 0, warnings: 0, acknowledged: 0 });
    expect(r.exitCode).toBe(0);
  });

  test('safety rules resolve targets across files (CM002 needs the Deployment of another file)', () => {
    const alone = lintPaths([`${F}/invalid/stress-too-big.yaml`], { cwd });
    expect(alone.findings.map((f) => f.rule).sort()).toEqual(['CM001', 'CM007']); // target unknown
    const together = lintPaths([`${F}/invalid/stress-too-big.yaml`, `${F}/valid/podinfo.yaml`], { cwd });
    expect(brief(together)).toEqual([`${F}/invalid/stress-too-big.yaml:16 error CM002 spec.stressors.memory.size`]);
    expect(together.exitCode).toBe(1);
  });

  test('schema findings on core objects point at the field line', () => {
    expect(brief(lintPaths([`${F}/invalid/deployment-types.yaml`], { cwd }))).toEqual([
      `${F}/invalid/deployment-types.yaml:7 error schema spec.replicas`,
      `${F}/invalid/deployment-types.yaml:17 error schema spec.template.spec.containers[0].name`,
    ]);
  });

  test('unknown chart keys in an Application helm.values string are located inside the string', () => {
    const r = lintPaths([`${F}/invalid/helm-values-string.yaml`], { cwd });
    expect(brief(r)).toEqual([`${F}/invalid/helm-values-string.yaml:22 error schema spec.source.helm.values.dashboard.serviceType`]);
    expect(r.findings[0].fix).toMatch(/dashboard\.service\.type/);
  });

  test('a k3s HelmChart: no unknown-kind warning, its valuesContent keys checked at their lines', () => {
    const r = lintPaths([`${F}/invalid/helmchart-values.yaml`], { cwd });
    expect(brief(r)).toEqual([
      `${F}/invalid/helmchart-values.yaml:19 error CM008 spec.valuesContent.dashboard.service.type`,
      `${F}/invalid/helmchart-values.yaml:20 error schema spec.valuesContent.dashboard.service.tpye`,
    ]);
  });

  test('acknowledged findings are reported, marked, and do not fail the run', () => {
    const r = lintPaths([`${F}/invalid/acknowledged.yaml`], { cwd });
    expect(r.findings).toEqual([expect.objectContaining({ rule: 'CM006', acknowledged: true, ackReason: 'the checkout team owns every pod in this namespace' })]);
    expect(r.summary).toMatchObject({ errors: 0, acknowledged: 1 });
    expect(r.exitCode).toBe(0);
  });

  test('unknown kinds warn; --strict makes warnings errors', () => {
    const normal = lintPaths([`${F}/invalid/unknown-kind.yaml`], { cwd });
    expect(normal.summary).toMatchObject({ errors: 0, warnings: 1 });
    expect(normal.exitCode).toBe(0);
    const strict = lintPaths([`${F}/invalid/unknown-kind.yaml`], { cwd, strict: true });
    expect(strict.findings.map((f) => f.severity)).toEqual(['error']);
    expect(strict.summary).toMatchObject({ errors: 1, warnings: 0 });
    expect(strict.exitCode).toBe(1);
  });

  test('input errors stop the run with exit code 2 and no findings', () => {
    const r = lintPaths([`${F}/valid`, `${F}/input-errors/invalid-yaml.yaml`], { cwd });
    expect(r.exitCode).toBe(2);
    expect(r.findings).toEqual([]);
    expect(r.inputErrors[0]).toMatchObject({ file: `${F}/input-errors/invalid-yaml.yaml` });
  });

  test('an admission finding on a field the schema already refuses is left out', () => {
    const loaded = loadManifestText([
      'apiVersion: chaos-mesh.org/v1alpha1',
      'kind: PodChaos',
      'metadata: {name: x, namespace: chaos-mesh}',
      'spec: {action: pod-restart, mode: one, selector: {namespaces: [podinfo], labelSelectors: {a: b}}, duration: 1m}',
    ].join('\n'), 'x.yaml');
    const r = lintManifests(loaded);
    expect(r.findings.filter((f) => f.path === 'spec.action').map((f) => f.rule)).toEqual(['schema']);
  });

  test('findings are sorted by file order, line, rule and path', () => {
    const r = lintPaths([`${F}/invalid/wrong-version.yaml`, `${F}/invalid/chaos-unknown-field.yaml`], { cwd });
    const keys = r.findings.map((f) => [f.file, f.line]);
    expect(keys).toEqual([...keys].sort((a, b) => (a[0] === b[0] ? (a[1] as number) - (b[1] as number) : 0)));
    expect(r.findings[0].file).toBe(`${F}/invalid/wrong-version.yaml`);
  });
});
