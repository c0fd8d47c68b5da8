import { existsSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { repoRoot } from './support/run-app';

/**
 * Every name the package root exports is a promise to users: the list, runtime values and types
 * alike, is read from the compiled declarations (what a consumer's compiler sees) and must equal
 * the committed, sorted test/public-api.txt. Adding, removing or changing the kind of a name is a
 * reviewed change of that file.
 */
const LIST = path.join(__dirname, 'public-api.txt');
const ROOT_DTS = path.join(repoRoot, 'build', 'lib', 'index.d.ts');
const UPDATE = 'UPDATE_PUBLIC_API=1 npx jest test/public-api.test.ts';

/** The most specific kind of an exported symbol, as a reviewer reads it. */
function kindOf(symbol: ts.Symbol): string {
  const f = symbol.flags;
  if (f & ts.SymbolFlags.Class) return 'class';
  if (f & ts.SymbolFlags.Enum) return 'enum';
  if (f & ts.SymbolFlags.Function) return 'function';
  if (f & ts.SymbolFlags.Variable) return 'const';
  if (f & ts.SymbolFlags.Interface) return 'interface';
  if (f & ts.SymbolFlags.TypeAlias) return 'type';
  if (f & ts.SymbolFlags.Module) return 'namespace';
  return 'other';
}

/** `<name> <kind>` for every export of the compiled package root, sorted by name. */
export function rootExports(dts = ROOT_DTS): string[] {
  const program = ts.createProgram([dts], { skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(dts)!)!;
  return checker.getExportsOfModule(module)
    .map((s) => `${s.name} ${kindOf(s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s)}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

describe('the public API (package root)', () => {
  let actual: string[];
  beforeAll(() => {
    if (!existsSync(ROOT_DTS)) throw new Error('build/lib/index.d.ts is missing: run `npm run build` first (npm test does).');
    actual = rootExports();
    if (process.env.UPDATE_PUBLIC_API) writeFileSync(LIST, `${actual.join('\n')}\n`);
  });

  test('exports exactly the names in test/public-api.txt', () => {
    const listed = readFileSync(LIST, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const added = actual.filter((n) => !listed.includes(n));
    const removed = listed.filter((n) => !actual.includes(n));
    if (added.length > 0 || removed.length > 0) {
      throw new Error(
        `The package root's exports changed (lib/index.ts).\n` +
          (added.length ? `  not in test/public-api.txt: ${added.join(', ')}\n` : '') +
          (removed.length ? `  listed but not exported: ${removed.join(', ')}\n` : '') +
          `If the change is intended, run \`npm run build && ${UPDATE}\` and \`npm run gen:api\`, and commit ` +
          'test/public-api.txt and docs/api/ with the change: every root name is a promise to users.',
      );
    }
    expect(listed).toEqual(actual); // same names, also in the same (sorted) order
  });

  test('stays a surface a user can read: about 120 names at most (README, "The API")', () => {
    expect(actual.length).toBeLessThanOrEqual(120);
  });

  test('the shipped declarations type-check on their own (nothing public refers to a stripped @internal member)', () => {
    const program = ts.createProgram([ROOT_DTS], { noEmit: true, strict: true, skipLibCheck: false, types: ['node'] });
    const ours = program.getSourceFiles().filter((f) => f.fileName.startsWith(path.join(repoRoot, 'build')));
    const problems = ours.flatMap((f) => program.getSemanticDiagnostics(f).concat(program.getSyntacticDiagnostics(f)))
      .map((d) => `${path.relative(repoRoot, d.file?.fileName ?? '')}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(ours.length).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });
});
