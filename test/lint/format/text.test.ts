import * as path from 'path';
import { formatInputErrors, formatText } from '../../../lib/lint/format/text';
import { LintResult, lintPaths } from '../../../lib/lint/lint';

const cwd = path.join(__dirname, '..', '..', '..');
const F = 'test/fixtures/lint';

describe('lint text output', () => {
  let result: LintResult;
  beforeAll(async () => {
    result = await lintPaths([`${F}/invalid/acknowledged.yaml`, `${F}/invalid/deployment-types.yaml`], { cwd });
  });

  test('groups findings by file, one line each, and ends with the summary', () => {
    const lines = formatText(result).trimEnd().split('\n');
    expect(lines[0]).toBe(`${F}/invalid/acknowledged.yaml`);
    expect(lines[1]).toMatch(new RegExp(`^  ${F}/invalid/acknowledged.yaml:12  error \\(acknowledged\\)  CM006  NetworkChaos/chaos-mesh/checkout-latency  spec.selector  .+ \\(fix: .+\\) \\[acknowledged: the checkout team owns every pod in this namespace\\]$`));
    expect(lines[2]).toBe('');
    expect(lines[3]).toBe(`${F}/invalid/deployment-types.yaml`);
    expect(lines[4]).toBe(`  ${F}/invalid/deployment-types.yaml:7  error  schema  Deployment/podinfo/podinfo  spec.replicas  must be an integer, found the string "2". (fix: Write an integer here.)`);
    expect(lines[lines.length - 1]).toBe('2 files, 2 objects: 2 errors, 0 warnings, 1 acknowledged');
  });

  test('colours only when asked', () => {
    expect(formatText(result)).not.toMatch(/\u001b\[/);
    expect(formatText(result, { color: true })).toMatch(/\u001b\[31merror\u001b\[0m/);
  });

  test('a clean run prints only the summary', async () => {
    expect(formatText(await lintPaths([`${F}/valid`], { cwd }))).toBe('3 files, 7 objects: 0 errors, 0 warnings, 0 acknowledged\n');
  });

  test('input errors name file, line and column', () => {
    expect(formatInputErrors([{ file: 'a.yaml', line: 3, column: 5, message: 'invalid YAML: bad' }, { file: 'b.yaml', message: 'cannot read file: permission denied' }]))
      .toBe('a.yaml:3:5: invalid YAML: bad\nb.yaml: cannot read file: permission denied\nlint: 2 input errors; nothing was checked. Fix the input and run lint again.\n');
  });
});
