import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { importEsm } from '../../../lib/lint/schema/_import-esm';
import { observe } from '../../../lib/lint/schema/_observe-fields';

/**
 * The unknown-field check of core objects (lib/lint/schema/_observe-fields.ts) relies on the
 * compiled kubernetes-models validators reading every field their schema defines. This checks
 * that premise against the packages' own type declarations, for every modelled type: the names
 * a validator reads on an empty object are exactly the fields its `.d.ts` interface declares,
 * except `description` and `x-…`, which the generator leaves out of the validators (and which
 * lint therefore never reports). A new kubernetes-models version that breaks this fails here.
 */
const PACKAGES = ['kubernetes-models', '@kubernetes-models/argo-cd', '@kubernetes-models/apimachinery'];
const SCHEMA_IMPORT = /import\s*\{\s*validate\s*\}\s*from\s*"((?:\.\.?\/)+_schemas\/[A-Za-z0-9_]+\.js)"/;

interface ModelType {
  readonly name: string;
  readonly validator: string;
  readonly declared: readonly string[];
}

function modelTypes(pkg: string): ModelType[] {
  const root = path.dirname(require.resolve(`${pkg}/package.json`));
  const out: ModelType[] = [];
  for (const file of fs.readdirSync(root, { recursive: true }) as string[]) {
    if (!file.endsWith('.js') || file.startsWith('_schemas') || file.includes('node_modules')) continue;
    const match = SCHEMA_IMPORT.exec(fs.readFileSync(path.join(root, file), 'utf8'));
    const dts = path.join(root, file.replace(/\.js$/, '.d.ts'));
    if (!match || !fs.existsSync(dts)) continue;
    const body = /export interface I\w+ \{([\s\S]*?)\n\}/.exec(fs.readFileSync(dts, 'utf8'));
    if (!body) continue;
    out.push({
      name: `${pkg}/${file}`,
      validator: new URL(match[1], pathToFileURL(path.join(root, file))).href,
      declared: [...body[1].matchAll(/^ {4}"([^"]+)"\??:/gm)].map((m) => m[1]),
    });
  }
  return out;
}

const mayBeUndeclared = (name: string) => name === 'description' || name.startsWith('x-');

test.each(PACKAGES)('%s: every validator reads exactly the fields its type declares', async (pkg) => {
  const types = modelTypes(pkg);
  expect(types.length).toBeGreaterThan(pkg === 'kubernetes-models' ? 500 : 20);
  const mismatches: string[] = [];
  let checked = 0;
  for (const type of types) {
    const { validate } = await importEsm(type.validator) as { validate: (data: unknown) => boolean };
    const root = {};
    const { observation } = observe(validate, root);
    if (observation.enumerated.has(root)) continue; // a map type: any key is allowed
    const read = observation.reads.get(root) ?? new Set<string>();
    const expected = type.declared.filter((f) => !mayBeUndeclared(f)).sort();
    const actual = [...read].sort();
    if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(`${type.name}: reads ${actual.join(',')}; declares ${expected.join(',')}`);
    checked++;
  }
  expect(mismatches).toEqual([]);
  expect(checked).toBeGreaterThan(types.length / 2);
});
