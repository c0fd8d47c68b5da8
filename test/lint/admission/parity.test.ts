import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { KubeObject } from '../../../lib/kube-object';
import { TEMPLATE_TYPES } from '../../../lib/lint/admission/workflow';
import { lintPaths } from '../../../lib/lint/lint';
import { EMBEDDED_CHAOS_FIELDS } from '../../../lib/safety';

/**
 * The admission parity corpus (test/fixtures/lint/parity/<kind>/<case>.yaml): each case derives
 * from a named function or struct tag of the Chaos Mesh 2.8.2 Go source (`# go:`) and says how
 * Chaos Mesh judges it (`# expect: accept` or `# expect: refuse <path>[, <path>]`). Every case is
 * linted as the CLI lints it, schema and admission together (accepted = no schema or admission
 * error; refused = errors at exactly the listed paths). Each chaos case is also judged embedded:
 * inside a Schedule, as a Workflow chaos template, and inside a Workflow's Schedule template; each
 * StatusCheck case also as a Workflow StatusCheck template. The Go webhook validates the same spec
 * the same way in every one of those places.
 */
const CORPUS = path.join(__dirname, '..', '..', 'fixtures', 'lint', 'parity');
const KINDS = [...Object.keys(EMBEDDED_CHAOS_FIELDS), 'Schedule', 'Workflow', 'StatusCheck'].sort();

interface Case {
  readonly file: string;
  readonly go: string;
  readonly object: KubeObject;
  /** Sorted field paths of the expected errors; empty means accepted. */
  readonly refused: readonly string[];
  readonly derived: boolean;
}

function readCase(file: string): Case {
  const text = fs.readFileSync(file, 'utf8');
  const go = /^# go: (.+)$/m.exec(text)?.[1];
  const expect = /^# expect: (accept|refuse (.+))$/m.exec(text);
  if (!go || !expect) throw new Error(`${file}: needs "# go: <file> <function>: ..." and "# expect: accept|refuse <path>" lines`);
  const refused = expect[2] ? expect[2].split(',').map((p) => p.trim()).sort() : [];
  return { file, go, object: YAML.parse(text) as KubeObject, refused, derived: false };
}

const standalone = fs.readdirSync(CORPUS).sort().flatMap((dir) =>
  fs.readdirSync(path.join(CORPUS, dir)).filter((f) => f.endsWith('.yaml')).sort().map((f) => readCase(path.join(CORPUS, dir, f))));

const BASE_SCHEDULE = { schedule: '@every 1m', concurrencyPolicy: 'Forbid', historyLimit: 1 };

/** The same spec in the places the webhook also validates it, with the paths moved along. */
interface Embedding { readonly where: string; readonly spec: Record<string, unknown>; readonly kind: string; readonly at: string }

function embeddings(c: Case): Embedding[] {
  const kind = String(c.object.kind);
  const spec = c.object.spec as Record<string, unknown>;
  const field = EMBEDDED_CHAOS_FIELDS[kind];
  if (kind === 'StatusCheck') {
    return [{ where: 'workflow-statuscheck', kind: 'Workflow', at: 'spec.templates[0].statusCheck', spec: { entry: 'check', templates: [{ name: 'check', templateType: 'StatusCheck', deadline: '1m', statusCheck: spec }] } }];
  }
  if (!field) return [];
  const { duration, ...withoutDuration } = spec;
  const out: Embedding[] = [
    { where: 'schedule', kind: 'Schedule', at: `spec.${field}`, spec: { ...BASE_SCHEDULE, type: kind, [field]: spec } },
    { where: 'workflow-schedule', kind: 'Workflow', at: `spec.templates[0].schedule.${field}`, spec: { entry: 'every', templates: [{ name: 'every', templateType: 'Schedule', deadline: '5m', schedule: { ...BASE_SCHEDULE, type: kind, [field]: spec } }] } },
  ];
  // A Workflow chaos template bounds the chaos with its deadline and refuses a duration in the spec.
  if (!c.refused.includes('spec.duration')) {
    out.push({ where: 'workflow', kind: 'Workflow', at: `spec.templates[0].${field}`, spec: { entry: 'fault', templates: [{ name: 'fault', templateType: kind, deadline: '1m', [field]: withoutDuration }] } });
  }
  void duration;
  return out;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'parity-'));
const derived: Case[] = standalone.flatMap((c) => embeddings(c).map((e) => {
  const name = `${e.where}-${path.basename(c.file, '.yaml')}`.slice(0, 63).replace(/-+$/, '');
  const object = { apiVersion: 'chaos-mesh.org/v1alpha1', kind: e.kind, metadata: { name, namespace: 'chaos-testing' }, spec: e.spec } as KubeObject;
  const file = path.join(work, `${path.basename(path.dirname(c.file))}-${name}.yaml`);
  fs.writeFileSync(file, YAML.stringify(object));
  const refused = c.refused.map((p) => (p === 'spec' ? e.at : `${e.at}${p.slice('spec'.length)}`)).sort();
  return { file, go: c.go, object, refused, derived: true };
}));

const all = [...standalone, ...derived];
const result = lintPaths([CORPUS, work]);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Error paths of the schema and admission findings of one file, as `lint` reports them. */
function refusedPaths(file: string): string[] {
  const paths = result.findings
    .filter((f) => f.file === path.relative(process.cwd(), file) || f.file === file)
    .filter((f) => (f.rule === 'schema' || f.rule === 'admission') && f.severity === 'error')
    .map((f) => f.path);
  return [...new Set(paths)].sort();
}

test('the corpus loads without input errors', () => {
  expect(result.inputErrors).toEqual([]);
  expect(result.files.length).toBe(all.length);
});

test('every case names the Go source it derives from', () => {
  for (const c of standalone) expect(c.go).toMatch(/^api\/v1alpha1\/[a-z_]+\.go \S/);
});

test.each(all.map((c) => [path.relative(CORPUS, c.file).startsWith('..') ? `${path.basename(c.file)} (embedded)` : path.relative(CORPUS, c.file), c] as const))('%s', (_name, c) => {
  expect(refusedPaths(c.file)).toEqual(c.refused);
});

test('every kind has refused and accepted cases, standalone and embedded', () => {
  const seen = (refused: boolean, isDerived: boolean) => new Set(all.filter((c) => c.derived === isDerived && (c.refused.length > 0) === refused)
    .map((c) => (isDerived ? path.basename(c.file).split('-')[0] : String(c.object.kind))));
  const dirs = (names: Set<string>) => [...names].map((n) => n.toLowerCase()).sort();
  expect(dirs(seen(true, false))).toEqual(KINDS.map((k) => k.toLowerCase()));
  expect(dirs(seen(false, false))).toEqual(KINDS.map((k) => k.toLowerCase()));
  const embeddedKinds = [...Object.keys(EMBEDDED_CHAOS_FIELDS), 'StatusCheck'].map((k) => k.toLowerCase()).sort();
  expect(dirs(seen(true, true))).toEqual(embeddedKinds);
  expect(dirs(seen(false, true))).toEqual(embeddedKinds);
});

test('the Workflow cases use every template type', () => {
  const types = new Set(all.filter((c) => c.object.kind === 'Workflow')
    .flatMap((c) => ((c.object.spec as { templates?: { templateType?: string }[] }).templates ?? []).map((t) => t.templateType)));
  expect([...TEMPLATE_TYPES].filter((t) => !types.has(t))).toEqual([]);
});
