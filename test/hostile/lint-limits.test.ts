// Rows of issue 16's table about lint's limits: huge, deep or wide documents end as exit 2
// naming the file, the line and the documented limit (or are checked in linear work), never as
// an out-of-memory abort, a stack overflow or a warning Node prints by itself.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { YAML_LIMITS } from '../../lib/lint/_yaml-documents';
import { MAX_UNKNOWN_FIELDS_PER_MAPPING } from '../../lib/lint/schema/_unknown-field';
import { lintPaths } from '../../lib/lint/lint';
import { loadManifestText } from '../../lib/lint/loader';
import { runCli, STACK_LINE } from './_lint-process';

const HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  namespace: default\n';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-limits-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  fs.writeFileSync(path.join(dir, name), text);
  return name;
}

/** A document whose `extra` field nests `depth` mappings, in block style. */
function nested(depth: number): string {
  let text = `${HEAD}extra:\n`;
  for (let i = 1; i < depth; i++) text += `${' '.repeat(i)}k:\n`;
  return `${text}${' '.repeat(depth)}k: leaf\n`;
}

describe('memory: a 16 MiB manifest holding a long flow list', () => {
  const items = (n: number) => Array.from({ length: n }, (_, i) => `item${i}`);

  test('one flow list over many lines: exit 2 naming the values limit, before any tree is built', () => {
    const text = `${HEAD}data:\n  a: b\nflows: [\n  ${items(1_400_000).join(',\n  ')}\n]\n`;
    expect(text.length).toBeGreaterThan(16 * 1024 * 1024);
    const r = runCli(['lint', '--format', 'json', write('flow.yaml', text)], dir);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/heap|FATAL/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(JSON.parse(r.stdout).findings).toEqual([expect.objectContaining({
      rule: 'input', file: 'flow.yaml', line: 1, message: `the document holds more than ${YAML_LIMITS.maxNodesPerDocument} values, lint's limit for one document`,
    })]);
  });

  test('the same list on one line: exit 2 naming the line-length limit and the line', () => {
    const loaded = loadManifestText(`${HEAD}flows: [${items(1_400_000).join(', ')}]\n`, 'flow.yaml');
    expect(loaded.errors).toEqual([expect.objectContaining({ file: 'flow.yaml', line: 6, message: `the line is longer than ${YAML_LIMITS.maxLineChars} characters, lint's limit for one line` })]);
  });
});

describe('depth: no recursion the input can exhaust', () => {
  test('a valid document nested 1,000 levels deep: exit 2 naming the depth limit, not a stack overflow', () => {
    const r = runCli(['lint', write('deep.yaml', nested(1000))], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^deep\\.yaml:${6 + YAML_LIMITS.maxDepth}:\\d+: values are nested more than ${YAML_LIMITS.maxDepth} levels deep, lint's limit$`, 'm'));
    expect(r.stderr).not.toMatch(/call stack|internal error/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  test('flow style nests the same way; the limit itself is allowed', () => {
    const flow = (d: number) => `${HEAD}extra: ${'['.repeat(d)}${']'.repeat(d)}\n`;
    expect(loadManifestText(flow(1000), 'f.yaml').errors).toEqual([expect.objectContaining({ line: 6, message: expect.stringMatching(/nested more than 128 levels/) })]);
    expect(loadManifestText(flow(YAML_LIMITS.maxDepth - 1), 'f.yaml').errors).toEqual([]);
    expect(loadManifestText(nested(YAML_LIMITS.maxDepth - 1), 'b.yaml').errors).toEqual([]);
  });
});

describe('width: work proportional to the input', () => {
  test('a ConfigMap with 40,000 data keys is checked (linear duplicate-key check)', () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `  key-${i}: value-${i}`).join('\n');
    const result = lintPaths([write('cm.yaml', `${HEAD}data:\n${keys}\n`)], { cwd: dir });
    expect(result.inputErrors).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  test('a duplicate among 40,000 keys is still found, at its line', () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `  key-${i === 39_999 ? 7 : i}: v`).join('\n');
    expect(loadManifestText(`${HEAD}data:\n${keys}\n`, 'dup.yaml').errors).toEqual([
      { file: 'dup.yaml', line: 6 + 40_000, column: 3, message: 'invalid YAML: Map keys must be unique' },
    ]);
  });

  test('a Pod with 20,000 unknown fields: the first 50 one by one at their lines, the rest counted in one finding', () => {
    const fields = Array.from({ length: 20_000 }, (_, i) => `  unknown${i}: x`).join('\n');
    const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: default\nspec:\n  containers:\n  - name: c\n    image: nginx\n${fields}\n`;
    const result = lintPaths([write('pod.yaml', pod)], { cwd: dir });
    const unknown = result.findings.filter((f) => f.rule === 'schema' && /^spec\.unknown\d+$/.test(f.path));
    expect(unknown.map((f) => f.path).sort()).toEqual(Array.from({ length: MAX_UNKNOWN_FIELDS_PER_MAPPING }, (_, i) => `spec.unknown${i}`).sort());
    expect(unknown.every((f) => f.line === 10 + Number(f.path.slice('spec.unknown'.length)))).toBe(true);
    const rest = result.findings.filter((f) => f.rule === 'schema' && f.path === 'spec');
    expect(rest).toHaveLength(1);
    expect(rest[0].message).toMatch(new RegExp(`^${20_000 - MAX_UNKNOWN_FIELDS_PER_MAPPING} more unknown fields in spec \\(unknown${MAX_UNKNOWN_FIELDS_PER_MAPPING}, `));
    expect(result.exitCode).toBe(1);
  });

  test('more keys in one mapping than the limit: exit 2 naming it', () => {
    const keys = Array.from({ length: YAML_LIMITS.maxKeysPerMapping + 1 }, (_, i) => `k${i}: v`).join('\n');
    expect(loadManifestText(`${HEAD}${keys}\n`, 'wide.yaml').errors).toEqual([expect.objectContaining({
      line: 1, message: `a mapping holds more than ${YAML_LIMITS.maxKeysPerMapping} keys, lint's limit for one mapping`,
    })]);
  });

  test('more documents in one file than the limit: exit 2 naming it', () => {
    const loaded = loadManifestText(`${HEAD}${'---\n'.repeat(YAML_LIMITS.maxDocumentsPerFile + 1)}`, 'many.yaml');
    expect(loaded.errors).toEqual([expect.objectContaining({ message: `the file holds more than ${YAML_LIMITS.maxDocumentsPerFile} documents, lint's limit for one file; split it` })]);
  });
});

describe('complex keys: reported as the API server would refuse them, nothing on stderr from Node', () => {
  test.each([
    ['a list', '  ? [a, b]\n  : c\n', 'list'],
    ['a mapping', '  ? {a: 1}\n  : c\n', 'mapping'],
    ['a flow pair in a list', 'extra: [[a]: b]\n', 'list'],
  ])('a key that is %s: exit 2 at its line', (_, body, kind) => {
    const text = body.startsWith('extra') ? `${HEAD}${body}` : `${HEAD}data:\n${body}`;
    const r = runCli(['lint', write('complex.yaml', text)], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^complex\\.yaml:\\d+:\\d+: invalid YAML: a mapping key is a ${kind} .*"invalid map key"`, 'm'));
    // Every stderr line is the tool's: the error and its summary line, no "Warning:" from Node.
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).not.toMatch(/Warning|stringified/);
  });
});
