import { readdirSync, readFileSync } from 'fs';
import { join, posix } from 'path';
import { parseAllDocuments } from 'yaml';

/**
 * `abort` deletes a running Workflow; ArgoCD must not put it back. In the generated dist/, every
 * Application that can read an experiment's file syncs only when pressed: no `automated` block,
 * hence neither self-heal nor automated prune re-creates what abort deleted.
 */
const root = join(__dirname, '..', '..');
const applications = parseAllDocuments(readFileSync(join(root, 'dist', 'argocd', 'applications.yaml'), 'utf8'))
  .map((d) => d.toJS())
  .filter((o) => o?.kind === 'Application');

/** Whether an Application's directory source includes the file `dist/<dir>/<file>`. */
function reads(app: any, dir: string, file: string): boolean {
  const source = app.spec.source;
  const path = posix.normalize(source.path);
  const recurse = source.directory?.recurse === true;
  if (!(path === dir || (recurse && dir.startsWith(`${path}/`)))) return false;
  const include: string | undefined = source.directory?.include;
  // An include glob other than a plain file name is treated as matching: the test must not pass by not understanding it.
  return include === undefined || !/^[\w.-]+$/.test(include) || include === file;
}

describe('ArgoCD does not re-create an aborted run', () => {
  const experimentFiles = readdirSync(join(root, 'dist', 'experiments')).filter((f) => f.endsWith('.yaml'));

  test('the generated layout has experiments and Applications to check', () => {
    expect(experimentFiles.length).toBeGreaterThan(0);
    expect(applications.some((a) => a.spec.syncPolicy?.automated)).toBe(true);
  });

  test.each(experimentFiles)('every Application reading dist/experiments/%s syncs only when pressed', (file) => {
    const readers = applications.filter((a) => reads(a, 'dist/experiments', file));
    expect(readers.map((a) => a.metadata.name)).toEqual([`chaos-mesh-experiment-${file.replace(/\.yaml$/, '')}`]);
    for (const app of readers) {
      expect(app.spec.syncPolicy?.automated).toBeUndefined();
    }
  });

  test('the check notices an automated Application over the experiments', () => {
    const automated = { spec: { source: { path: 'dist', directory: { recurse: true } }, syncPolicy: { automated: { prune: true, selfHeal: true } } } };
    expect(reads(automated, 'dist/experiments', experimentFiles[0])).toBe(true);
    expect(reads({ spec: { source: { path: 'dist/platform', directory: { recurse: false } } } }, 'dist/experiments', experimentFiles[0])).toBe(false);
  });
});
