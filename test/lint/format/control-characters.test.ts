// Object names, paths, messages and file names come from the manifests: none of the reports may
// pass a terminal control sequence (or a bidi override) through raw.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatJson } from '../../../lib/lint/format/json';
import { formatSarif } from '../../../lib/lint/format/sarif';
import { formatInputErrors, formatText } from '../../../lib/lint/format/text';
import { LintResult, lintPaths } from '../../../lib/lint/lint';

/** C0 and C1 controls, DEL, bidi controls and line separators: what a terminal must not receive raw. */
const RAW_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const EVIL = 'evil\u001b[2J\u009b31m\u202edroffe\u2028x\ty\nz';
/** EVIL as the text report shows it. */
const SHOWN = 'evil\\x1b[2J\\x9b31m\\u202edroffe\\u2028x\\ty\\nz';

function evilResult(): LintResult {
  return {
    files: [`dir/${EVIL}.yaml`],
    findings: [{
      rule: 'schema',
      severity: 'error',
      object: `ConfigMap/${EVIL}`,
      path: `data.${EVIL}`,
      message: `name "${EVIL}" is not valid`,
      fix: `Rename "${EVIL}".`,
      file: `dir/${EVIL}.yaml`,
      line: 4,
    }, {
      rule: 'CM006',
      severity: 'warning',
      acknowledged: true,
      ackReason: `reviewed ${EVIL}`,
      object: 'NetworkChaos/ns/x',
      path: '',
      message: 'm',
      fix: 'f',
      file: 'a.yaml',
      line: 1,
    }],
    inputErrors: [],
    summary: { files: 1, objects: 1, errors: 1, warnings: 0, acknowledged: 1 },
    exitCode: 1,
  };
}

describe('control characters from the input', () => {
  test('text: escaped visibly, each finding stays on one line', () => {
    const text = formatText(evilResult());
    expect(text).not.toMatch(RAW_UNSAFE);
    const lines = text.split('\n');
    expect(lines[0]).toBe(`dir/${SHOWN}.yaml`);
    expect(lines[1]).toBe(`  dir/${SHOWN}.yaml:4  error  schema  ConfigMap/${SHOWN}  data.${SHOWN}  name "${SHOWN}" is not valid (fix: Rename "${SHOWN}".)`);
    expect(lines[4].endsWith(`[acknowledged: reviewed ${SHOWN}]`)).toBe(true);
  });

  test('text with colours: only lint\'s own colour codes are raw escapes', () => {
    const text = formatText(evilResult(), { color: true });
    const withoutOwn = text.replace(/\u001b\[(?:0|1|2|31|33|36)m/g, '');
    expect(withoutOwn).not.toMatch(RAW_UNSAFE);
  });

  test('input errors: file names and messages escaped', () => {
    const text = formatInputErrors([{ file: `${EVIL}.yaml`, line: 2, column: 3, message: `invalid YAML: bad ${EVIL}` }]);
    expect(text).not.toMatch(RAW_UNSAFE);
    expect(text.split('\n')[0]).toBe(`${SHOWN}.yaml:2:3: invalid YAML: bad ${SHOWN}`);
  });

  test.each([
    ['json', formatJson, (doc: any) => doc.findings[0].object],
    ['sarif', formatSarif, (doc: any) => doc.runs[0].results[0].locations[0].logicalLocations[0].fullyQualifiedName],
  ])('%s: every unsafe character is a \\u escape, and the parsed values are unchanged', (_, format, objectOf) => {
    const out = format(evilResult());
    // JSON's own line breaks are its only raw control characters
    expect(out).not.toMatch(RAW_UNSAFE);
    expect(out).toContain('evil\\u001b[2J\\u009b31m\\u202edroffe\\u2028x\\ty\\nz');
    expect(objectOf(JSON.parse(out))).toContain(`ConfigMap/${EVIL}`);
  });

  test('end to end: an object named with an escape sequence', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-escape-'));
    try {
      fs.writeFileSync(path.join(dir, 'evil.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "evil\\u001b[2J"\n');
      const result = await lintPaths(['evil.yaml'], { cwd: dir });
      expect(result.findings.map((f) => f.object)).toContain('ConfigMap/evil\u001b[2J');
      const text = formatText(result);
      expect(text).not.toMatch(RAW_UNSAFE);
      expect(text).toContain('ConfigMap/evil\\x1b[2J');
      for (const out of [formatJson(result), formatSarif(result)]) expect(out).not.toMatch(RAW_UNSAFE);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
