// `report` run in-process against log files written to a temporary folder of each test.
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { runReport } from '../../lib/cli/report-command';

/** Registers a fresh temporary folder per test (removed after it) and returns `run` and `file`. */
export function reportHarness(prefix: string) {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), prefix));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs `report` with `argv`, collecting what it prints. */
  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runReport(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
    return { code, out, err };
  }

  /** Writes `text` to `name` in this test's folder and returns its path. */
  function file(name: string, text: string): string {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  }

  return { run, file, dir: () => dir };
}
