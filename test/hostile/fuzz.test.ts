// Mutated manifests and probe logs through `lint` and `report` (issue 16): whatever the input,
// the exit code is 0, 1 or 2, nothing looks like a stack trace, every JSON/SARIF run prints one
// valid document, Node prints no warning of its own, and each case ends within a time bound (a
// hang guard, not a performance measurement: those are in bench/).
//
// `npm test` runs a few dozen cases (a few seconds); `npm run fuzz` runs 10,000
// (FUZZ_RUNS=N for another count, FUZZ_SEED=S to replay a reported failure).
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runLint } from '../../lib/cli/lint-command';
import { runReport } from '../../lib/cli/report-command';
import { STACK_LINE } from './_lint-process';

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
/** Longest a single case may take: far above any real run (well under a second), so only a hang trips it, even on a loaded machine. */
const CASE_BOUND_MS = 60_000;

const fixtures = path.join(__dirname, '..', 'fixtures');
const read = (...p: string[]) => fs.readFileSync(path.join(fixtures, ...p), 'utf8');
const MANIFESTS = [
  read('lint', 'valid', 'experiments.yaml'),
  read('lint', 'valid', 'podinfo.yaml'),
  read('lint', 'valid', 'chaos-mesh-app.yaml'),
  read('lint', 'reference', 'exp3-memstress.yaml'),
];
const LOGS = [read('report', 'exp1-podkill.log').slice(0, 3000), read('report', 'exp2-netdelay.log').slice(0, 3000)];

/** Pieces that YAML and the log format give meaning to, and characters a terminal acts on. */
const TOKENS = ['\n', ' ', '  ', ':', ': ', '- ', '[', ']', '{', '}', ',', '? ', '&a ', '*a', '<<: ', '!!str ', '|', '>', '#', '---\n', '...\n',
  '"', "'", '\t', '\r', '\u0000', '\u001b[2J', '\u202e', '\ufeff', '999', '-1', '1e308', 'NaN', '0x1F', 'PHASE x 1.0\n', 'SUMMARY {}\n',
  'kind: ', 'apiVersion: v1\n', 'metadata:\n  name: x\n'];

type Mutation =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'repeat'; at: number; length: number; times: number }
  | { op: 'truncate'; at: number };

const position = fc.double({ min: 0, max: 1, noNaN: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: position, text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 })) }),
  fc.record({ op: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('repeat' as const), at: position, length: fc.integer({ min: 1, max: 60 }), times: fc.integer({ min: 2, max: 50 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: position }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = Math.floor(m.at * out.length);
    switch (m.op) {
      case 'insert': out = out.slice(0, at) + m.text + out.slice(at); break;
      case 'delete': out = out.slice(0, at) + out.slice(at + m.length); break;
      case 'repeat': out = out.slice(0, at) + out.slice(at, at + m.length).repeat(m.times) + out.slice(at); break;
      case 'truncate': out = out.slice(0, at); break;
    }
  }
  return out;
}

let dir: string;
let warnings: string[] = [];
const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-'));
  process.on('warning', onWarning);
});
afterAll(() => {
  process.off('warning', onWarning);
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Outcome { code: number; out: string; err: string; ms: number }

/** The properties every run must have, whatever it was given. */
function expectWellBehaved(r: Outcome, format: string): void {
  expect([0, 1, 2]).toContain(r.code);
  expect(r.out).not.toMatch(STACK_LINE);
  expect(r.err).not.toMatch(STACK_LINE);
  expect(r.err).not.toMatch(/internal error|Maximum call stack|heap out of memory/);
  if (format === 'json' || format === 'sarif') expect(() => JSON.parse(r.out)).not.toThrow();
  expect(warnings).toEqual([]);
  expect(r.ms).toBeLessThan(CASE_BOUND_MS);
}

async function timed(run: (io: { stdout: (s: string) => void; stderr: (s: string) => void; isTTY: boolean }) => Promise<number>): Promise<Outcome> {
  let out = '';
  let err = '';
  const start = Date.now();
  const code = await run({ stdout: (s) => (out += s), stderr: (s) => (err += s), isTTY: false });
  return { code, out, err, ms: Date.now() - start };
}

const params = (runs: number) => ({ numRuns: runs, ...(SEED !== undefined ? { seed: SEED } : {}), endOnFailure: true });

describe('fuzz', () => {
  test(`lint: ${RUNS} mutated manifests`, async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 0, max: MANIFESTS.length - 1 }),
      fc.array(mutation, { minLength: 1, maxLength: 6 }),
      fc.constantFrom('text', 'json', 'sarif'),
      fc.boolean(),
      fc.boolean(),
      async (seed, mutations, format, strict, asValues) => {
        warnings = [];
        const file = path.join(dir, 'case.yaml');
        fs.writeFileSync(file, mutate(MANIFESTS[seed], mutations));
        const args = ['--format', format, ...(strict ? ['--strict'] : []), ...(asValues ? ['--values', file, path.join(fixtures, 'lint', 'valid', 'podinfo.yaml')] : [file])];
        expectWellBehaved(await timed((io) => runLint(args, io)), format);
      },
    ), params(RUNS));
  }, Math.max(60_000, RUNS * CASE_BOUND_MS));

  test(`report: ${RUNS} mutated probe logs`, async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 0, max: LOGS.length - 1 }),
      fc.array(mutation, { minLength: 1, maxLength: 6 }),
      fc.constantFrom('md', 'json'),
      fc.boolean(),
      async (seed, mutations, format, skip) => {
        warnings = [];
        const file = path.join(dir, 'case.log');
        fs.writeFileSync(file, mutate(LOGS[seed], mutations));
        const r = await timed((io) => runReport([file, '--format', format, ...(skip ? ['--skip-malformed'] : [])], io));
        expectWellBehaved(r, r.code === 0 ? format : 'md');
        expect(r.err).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/); // echoed text is escaped
      },
    ), params(RUNS));
  }, Math.max(60_000, RUNS * CASE_BOUND_MS));
});
