import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { repoRoot } from './support/run-app';
import { CHILD_TIMEOUT_MS } from './support/child-timeout';

interface SuiteResult {
  name: string;
  message: string;
  assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
}

/** The test files that read the pinned upstream release (through test/install/_upstream.ts). */
function upstreamReaders(): string[] {
  const files = readdirSync(path.join(repoRoot, 'test'), { recursive: true }) as string[];
  return files
    .filter((f) => f.endsWith('.test.ts') && /from '(\.\.?\/)+(install\/)?_upstream'/.test(readFileSync(path.join(repoRoot, 'test', f), 'utf8')))
    .map((f) => path.join('test', f))
    .sort();
}

// A machine without ../shared must see which tests need it, by name, and still run the others:
// reading the upstream files at a suite's top level would fail the whole suite as "Test suite
// failed to run" and hide its unrelated tests. This runs those suites for real against an empty
// upstream folder, in a jest of its own.
test('a missing upstream release fails the tests that read it, by name, and the others still pass', () => {
  const readers = upstreamReaders();
  expect(readers).toEqual(expect.arrayContaining(['test/install/chaos-mesh-install.test.ts']));
  const empty = mkdtempSync(path.join(tmpdir(), 'cdk8s-chaos-mesh-no-upstream-'));
  try {
    const out = path.join(empty, 'results.json');
    try {
      execFileSync(process.execPath, [require.resolve('jest/bin/jest'), '--ci', '--runInBand', '--json', '--outputFile', out, ...readers], {
        cwd: repoRoot, env: { ...process.env, CHAOS_MESH_UPSTREAM: path.join(empty, 'chaos-mesh-v2.8.2') }, stdio: 'pipe', timeout: CHILD_TIMEOUT_MS,
      });
    } catch {
      // expected: the upstream tests fail; the results file says how
    }
    const suites: SuiteResult[] = JSON.parse(readFileSync(out, 'utf8')).testResults;
    expect(suites.map((s) => path.relative(repoRoot, s.name)).sort()).toEqual(readers);
    for (const suite of suites) {
      const failed = suite.assertionResults.filter((t) => t.status === 'failed');
      // Each suite ran its tests (no suite-level error) and at least one of them needs upstream.
      expect({ suite: suite.name, failedToRun: suite.message.includes('Test suite failed to run') }).toEqual({ suite: suite.name, failedToRun: false });
      expect({ suite: suite.name, failed: failed.length > 0 }).toEqual({ suite: suite.name, failed: true });
      for (const t of failed) {
        expect({ test: t.fullName, clear: /Upstream .* is missing|upstream CRD folder .* is missing/.test(t.failureMessages.join('\n')) })
          .toEqual({ test: t.fullName, clear: true });
      }
    }
    const install = suites.find((s) => s.name.endsWith('chaos-mesh-install.test.ts'))!;
    expect(install.assertionResults.filter((t) => t.status === 'passed').length).toBeGreaterThanOrEqual(10);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});
