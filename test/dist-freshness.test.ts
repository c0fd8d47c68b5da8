import { readFileSync, rmSync } from 'fs';
import * as jsYaml from 'js-yaml';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { listFiles, repoRoot, staleFiles, synthMainInto } from './support/run-app';

// dist/ is generated, never edited by hand: a fresh synth of main.ts must reproduce it byte for byte.
describe('dist/', () => {
  let fresh: string;
  beforeAll(() => { fresh = synthMainInto(); });
  afterAll(() => rmSync(fresh, { recursive: true, force: true }));

  const committed = path.join(repoRoot, 'dist');

  test('has exactly the files main.ts synthesizes', () => {
    expect(listFiles(committed)).toEqual(listFiles(fresh));
  });

  test('every file is byte-identical to a fresh synth (run `npx cdk8s synth` and commit dist/)', () => {
    expect(staleFiles(committed, fresh)).toEqual([]);
  });

  test('synthesis is deterministic', () => {
    const again = synthMainInto();
    try {
      for (const f of listFiles(fresh)) {
        expect(readFileSync(path.join(again, f), 'utf8')).toEqual(readFileSync(path.join(fresh, f), 'utf8'));
      }
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });
});

// What ArgoCD and kubectl read is YAML parsed by another implementation than the one that wrote
// it: every file must mean the same to an independent parser (js-yaml) as to `yaml`, and every
// document outside helm-values/ must be a Kubernetes object.
test('dist/ reads the same with an independent YAML parser, and every synced document has apiVersion and kind', () => {
  const committed = path.join(repoRoot, 'dist');
  for (const file of listFiles(committed)) {
    const text = readFileSync(path.join(committed, file), 'utf8');
    const byJsYaml = jsYaml.loadAll(text);
    expect(byJsYaml).toEqual(parseAllDocuments(text).map((d) => d.toJS()));
    if (!file.startsWith('helm-values/')) {
      for (const doc of byJsYaml as Array<Record<string, unknown>>) {
        expect(doc).toEqual(expect.objectContaining({ apiVersion: expect.any(String), kind: expect.any(String) }));
      }
    }
  }
});
