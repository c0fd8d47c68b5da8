/**
 * shellcheck over every shell script of the repository: the ones the package ships (lib/, run
 * in the probe, guard and containment pods), CI's own (.ci/) and the tests' stubs. An intended
 * exception is marked in the script itself (`# shellcheck disable=SCxxxx # reason`).
 * .ci/run installs shellcheck and fails without it; elsewhere the check is skipped, and says so.
 */
import { spawnSync } from 'child_process';
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { repoRoot } from './support/run-app';

/** Files under lib/, scripts/, .ci/ and test/ that are shell: `*.sh`, or a `#!` line naming sh or bash. */
function shellScripts(): string[] {
  const found: string[] = [];
  for (const top of ['lib', 'scripts', '.ci', 'test']) {
    const dir = path.join(repoRoot, top);
    for (const rel of readdirSync(dir, { recursive: true }) as string[]) {
      const file = path.join(dir, rel);
      if (!statSync(file).isFile()) continue;
      const firstLine = readFileSync(file, 'utf8').slice(0, 200).split('\n')[0];
      if (rel.endsWith('.sh') || /^#!.*\b(sh|bash|dash)\b/.test(firstLine)) found.push(path.join(top, rel));
    }
  }
  return found.sort();
}

const scripts = shellScripts();

test('the shipped and CI shell scripts are all found', () => {
  expect(scripts).toEqual(expect.arrayContaining(['.ci/run', 'lib/guard/containment-check.sh', 'lib/guard/presync-guard.sh', 'lib/probe/probe.sh']));
});

const shellcheck = (spawnSync('sh', ['-c', 'command -v shellcheck'], { encoding: 'utf8' }).stdout ?? '').trim();
if (!shellcheck) console.warn('SKIPPED: "shellcheck": shellcheck is not on PATH (apt-get install shellcheck; .ci/run installs it).');
(shellcheck ? describe : describe.skip)('shellcheck', () => {
  test.each(scripts)('%s has no findings', (script) => {
    const run = spawnSync(shellcheck, ['--format=gcc', script], { cwd: repoRoot, encoding: 'utf8' });
    expect({ script, findings: run.stdout.split('\n').filter(Boolean), stderr: run.stderr }).toEqual({ script, findings: [], stderr: '' });
    expect(run.status).toBe(0);
  });
});
