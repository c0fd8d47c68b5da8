import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { listFiles, repoRoot, staleFiles } from './support/run-app';

/**
 * docs/api/ is generated (`npm run gen:api`: TypeDoc with typedoc-plugin-markdown, typedoc.json),
 * never edited by hand: a fresh run over lib/index.ts and lib/internal.ts must reproduce it byte
 * for byte. TypeDoc takes 30 to 45 s on this 2-core machine, so it runs once for all the checks.
 */
describe('docs/api/ (the API reference)', () => {
  const committed = path.join(repoRoot, 'docs', 'api');
  let fresh: string;
  beforeAll(() => {
    fresh = mkdtempSync(path.join(tmpdir(), 'cdk8s-chaos-mesh-api-'));
    try {
      execFileSync(path.join(repoRoot, 'node_modules', '.bin', 'typedoc'), ['--out', fresh], {
        cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8',
      });
    } catch (e) {
      const { stdout, stderr, message } = e as { stdout?: string | null; stderr?: string | null; message: string };
      throw new Error(`TypeDoc failed (its warnings are errors, typedoc.json): fix what it says, then run \`npm run gen:api\`.\n${stdout ?? ''}${stderr ?? ''}${stdout || stderr ? '' : message}`);
    }
  }, 300_000);
  afterAll(() => fresh && rmSync(fresh, { recursive: true, force: true }));

  test('has exactly the files TypeDoc generates (run `npm run gen:api` and commit docs/api/)', () => {
    expect(listFiles(committed)).toEqual(listFiles(fresh));
  });

  test('every file is byte-identical to a fresh run (run `npm run gen:api` and commit docs/api/)', () => {
    expect(staleFiles(committed, fresh)).toEqual([]);
  });

  test('holds nothing that changes per machine or commit (absolute paths, source links, dates)', () => {
    const text = listFiles(fresh).map((f) => readFileSync(path.join(fresh, f), 'utf8')).join('\n');
    expect(text).not.toContain(repoRoot);
    expect(text).not.toMatch(/\/blob\/[0-9a-f]{7,40}\/|Defined in:/);
    expect(text).not.toMatch(/\b20\d\d-\d\d-\d\dT\d\d:/);
    expect(text).toContain('no stability promise'); // the internal subpath says it is unstable
  });
});
