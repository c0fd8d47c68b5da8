import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CHART_VALUES_KIND, loadManifests, loadManifestText } from '../../lib/lint/loader';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'lint');
const cwd = path.join(__dirname, '..', '..');
const rel = (p: string) => path.relative(cwd, path.join(FIXTURES, p)).split(path.sep).join('/');

describe('loadManifests', () => {
  test('multi-document files: empty and comment-only documents are skipped, lines are 1-based', () => {
    const loaded = loadManifests([rel('loader/multi-doc.yaml')], { cwd });
    expect(loaded.errors).toEqual([]);
    expect(loaded.objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual(['Namespace/podinfo', 'ServiceAccount/prober']);
    expect(loaded.objects.map((o) => loaded.sources.locate(o)?.line)).toEqual([2, 8]);
    expect(loaded.files).toEqual([rel('loader/multi-doc.yaml')]);
  });

  test('List kinds are flattened and each item keeps its own line', () => {
    const loaded = loadManifests([rel('loader/list.yaml')], { cwd });
    expect(loaded.objects.map((o) => o.metadata?.name)).toEqual(['first', 'second']);
    expect(loaded.objects.map((o) => loaded.sources.locate(o)?.line)).toEqual([4, 11]);
  });

  test('directories are read recursively, *.yaml and *.yml only, in sorted order', () => {
    const loaded = loadManifests([rel('loader/nested')], { cwd });
    expect(loaded.files).toEqual([rel('loader/nested/b.yml'), rel('loader/nested/deeper/a.yaml')]);
    expect(loaded.objects.map((o) => o.metadata?.name)).toEqual(['b', 'a']);
  });

  test('a file given twice (directly and through its directory) is read once', () => {
    const loaded = loadManifests([rel('loader/nested/b.yml'), rel('loader/nested')], { cwd });
    expect(loaded.files).toEqual([rel('loader/nested/b.yml'), rel('loader/nested/deeper/a.yaml')]);
  });

  test('a mapping without kind is a warning that names file and line', () => {
    const loaded = loadManifests([rel('loader/no-kind.yaml')], { cwd });
    expect(loaded.objects).toEqual([]);
    expect(loaded.errors).toEqual([]);
    expect(loaded.warnings).toHaveLength(1);
    const w = loaded.warnings[0];
    expect(w).toMatchObject({ rule: 'input', severity: 'warning' });
    expect(w.message).toMatch(/without "kind"/);
    expect(w.fix).toMatch(/--values/);
    expect(loaded.sources.locate(w.source!)).toEqual({ file: rel('loader/no-kind.yaml'), line: 2 });
  });

  test('invalid YAML is an input error with file, line and the parser reason', () => {
    const loaded = loadManifests([rel('input-errors/invalid-yaml.yaml')], { cwd });
    expect(loaded.errors.length).toBeGreaterThan(0);
    expect(loaded.errors[0].file).toBe(rel('input-errors/invalid-yaml.yaml'));
    expect(loaded.errors[0].line).toBeGreaterThanOrEqual(7);
    expect(loaded.errors[0].message).toMatch(/^invalid YAML: /);
    expect(loaded.errors[0].message).not.toMatch(/at line/);
  });

  test('duplicate keys are an input error', () => {
    const loaded = loadManifests([rel('input-errors/duplicate-key.yaml')], { cwd });
    expect(loaded.errors).toEqual([expect.objectContaining({ line: 5, message: expect.stringMatching(/unique/) })]);
  });

  test('a document that is not a mapping is an input error, not skipped', () => {
    const loaded = loadManifests([rel('input-errors/non-object.yaml')], { cwd });
    expect(loaded.errors).toEqual([{ file: rel('input-errors/non-object.yaml'), line: 6, message: expect.stringMatching(/document 2 is a list, not a mapping/) }]);
  });

  test('a List item that is not an object is an input error at its line', () => {
    const loaded = loadManifests([rel('input-errors/list-item-scalar.yaml')], { cwd });
    expect(loaded.errors).toEqual([expect.objectContaining({ line: 8, message: expect.stringMatching(/items\[1\] of the List is the string "not an object"/) })]);
  });

  test('a missing path is an input error naming it', () => {
    const loaded = loadManifests(['does/not/exist.yaml'], { cwd });
    expect(loaded.errors).toEqual([{ file: 'does/not/exist.yaml', message: 'cannot read "does/not/exist.yaml": no such file or directory' }]);
  });

  test('a directory without YAML files is an input error, not a clean run', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-empty-'));
    try {
      const loaded = loadManifests([dir]);
      expect(loaded.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/contains no \*\.yaml or \*\.yml files/) })]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a missing --values file is an input error', () => {
    const loaded = loadManifests([], { cwd, valuesFiles: ['no-such-values.yaml'] });
    expect(loaded.errors).toEqual([{ file: 'no-such-values.yaml', message: 'cannot read file: no such file or directory' }]);
  });

  test('an unreadable file is an input error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-loader-'));
    try {
      const file = path.join(dir, 'secret.yaml');
      fs.writeFileSync(file, 'kind: Namespace\n');
      fs.chmodSync(file, 0o000);
      let readable = true;
      try {
        fs.readFileSync(file);
      } catch {
        readable = false;
      }
      const loaded = loadManifests([file]);
      // root can read anything; then the file simply loads
      if (readable) expect(loaded.errors).toEqual([]);
      else expect(loaded.errors).toEqual([expect.objectContaining({ message: 'cannot read file: permission denied' })]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('YAML 1.1 scalars are read as the API server reads them', () => {
    const loaded = loadManifestText('kind: ConfigMap\napiVersion: v1\nmetadata: {name: x}\ndata:\n  flag: yes\n  mode: 0755\n', 'x.yaml');
    expect(loaded.objects[0].data).toEqual({ flag: true, mode: 493 });
  });

  test('--values files become ChartValues objects checked like helm.valuesObject', () => {
    const loaded = loadManifests([], { cwd, valuesFiles: [rel('reference/chaos-mesh-values.yaml')] });
    expect(loaded.objects).toHaveLength(1);
    const obj = loaded.objects[0];
    expect(obj).toMatchObject({
      apiVersion: 'cdk8s-chaos-mesh.io/v1',
      kind: CHART_VALUES_KIND,
      metadata: { name: rel('reference/chaos-mesh-values.yaml') },
      values: { dashboard: { serviceType: 'ClusterIP' } },
    });
    expect(loaded.sources.locate(obj, 'values.dashboard.serviceType')?.line).toBe(8);
  });

  test('a --values file inside a linted directory is read as values only', () => {
    const loaded = loadManifests([rel('reference')], { cwd, valuesFiles: [rel('reference/chaos-mesh-values.yaml')] });
    expect(loaded.warnings).toEqual([]);
    expect(loaded.objects.filter((o) => o.kind === CHART_VALUES_KIND)).toHaveLength(1);
  });

  test('an empty values file still stands for the chart defaults', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-values-'));
    try {
      const file = path.join(dir, 'values.yaml');
      fs.writeFileSync(file, '# nothing set\n');
      const loaded = loadManifests([], { valuesFiles: [file] });
      expect(loaded.objects).toEqual([expect.objectContaining({ kind: CHART_VALUES_KIND, values: {} })]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
