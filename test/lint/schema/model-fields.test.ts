import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { observe } from '../../../lib/lint/schema/_observe-fields';

/**
 * The unknown-field check of core objects (lib/lint/schema/_observe-fields.ts) relies on the
 * compiled kubernetes-models validators reading every field their schema defines. This checks
 * that premise against the packages' own type declarations, for every modelled type: the names
 * a validator reads on an object are exactly the fields its `.d.ts` interface declares there,
 * except `description` and `x-…`, which the generator leaves out of the validators (and which
 * lint therefore never reports). A new kubernetes-models version that breaks this fails here.
 *
 * kubernetes-models declares each nested type as a model of its own; @kubernetes-models/argo-cd
 * 2.x declares its nested types inline (`"source"?: { "repoURL": string; ... }`), so the check
 * descends into inline object types (and lists of them) with one probe object per level.
 */
const PACKAGES = ['kubernetes-models', '@kubernetes-models/argo-cd', '@kubernetes-models/apimachinery'];
/** How a CommonJS model module loads its compiled validator: `require("../../_schemas/X.js")`. */
const SCHEMA_REQUIRE = /require\("((?:\.\.?\/)+_schemas\/[A-Za-z0-9_]+\.js)"\)/;

/** The fields an inline object type declares, and the inline object types below it. */
interface Level {
  readonly declared: readonly string[];
  readonly children: ReadonlyMap<string, { readonly level: Level; readonly list: boolean }>;
}

interface ModelType {
  readonly name: string;
  readonly validator: string;
  readonly root: Level;
}

function levelOf(members: ts.NodeArray<ts.TypeElement>): Level {
  const declared: string[] = [];
  const children = new Map<string, { level: Level; list: boolean }>();
  for (const m of members) {
    if (!ts.isPropertySignature(m) || !m.name || !(ts.isStringLiteral(m.name) || ts.isIdentifier(m.name))) continue;
    const name = m.name.text;
    declared.push(name);
    let type = m.type;
    let list = false;
    if (type && ts.isArrayTypeNode(type)) {
      type = type.elementType;
      list = true;
    } else if (type && ts.isTypeReferenceNode(type) && type.typeName.getText() === 'Array' && type.typeArguments?.length === 1) {
      type = type.typeArguments[0];
      list = true;
    }
    if (type && ts.isTypeLiteralNode(type)) children.set(name, { level: levelOf(type.members), list });
  }
  return { declared, children };
}

function modelTypes(pkg: string): ModelType[] {
  const root = path.dirname(require.resolve(`${pkg}/package.json`));
  const out: ModelType[] = [];
  for (const file of fs.readdirSync(root, { recursive: true }) as string[]) {
    if (!file.endsWith('.js') || file.startsWith('_schemas') || file.includes('node_modules')) continue;
    const match = SCHEMA_REQUIRE.exec(fs.readFileSync(path.join(root, file), 'utf8'));
    const dts = path.join(root, file.replace(/\.js$/, '.d.ts'));
    if (!match || !fs.existsSync(dts)) continue;
    const source = ts.createSourceFile(dts, fs.readFileSync(dts, 'utf8'), ts.ScriptTarget.ES2022, true);
    const model = source.statements.find((s): s is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(s) && /^I\w+$/.test(s.name.text) && !!s.modifiers?.some((mod) => mod.kind === ts.SyntaxKind.ExportKeyword));
    if (!model) continue;
    out.push({ name: `${pkg}/${file}`, validator: path.resolve(root, path.dirname(file), match[1]), root: levelOf(model.members) });
  }
  return out;
}

/** A probe object per inline level: empty objects, with a one-item list where a list is declared. */
function probe(level: Level, nodes: Map<object, { at: string; level: Level }>, at: string): object {
  const node: Record<string, unknown> = {};
  nodes.set(node, { at, level });
  for (const [name, child] of level.children) {
    const sub = probe(child.level, nodes, at ? `${at}.${name}` : name);
    node[name] = child.list ? [sub] : sub;
  }
  return node;
}

const mayBeUndeclared = (name: string) => name === 'description' || name.startsWith('x-');

test.each(PACKAGES)('%s: every validator reads exactly the fields its type declares', (pkg) => {
  const types = modelTypes(pkg);
  expect(types.length).toBeGreaterThanOrEqual(pkg === 'kubernetes-models' ? 500 : pkg === '@kubernetes-models/argo-cd' ? 3 : 20);
  const mismatches: string[] = [];
  let checked = 0;
  for (const type of types) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { validate } = require(type.validator) as { validate: (data: unknown) => boolean };
    const nodes = new Map<object, { at: string; level: Level }>();
    const root = probe(type.root, nodes, '');
    const { observation } = observe(validate, root);
    for (const [node, { at, level }] of nodes) {
      if (observation.enumerated.has(node)) continue; // a map type: any key is allowed
      const read = observation.reads.get(node) ?? new Set<string>();
      const expected = level.declared.filter((f) => !mayBeUndeclared(f)).sort();
      const actual = [...read].sort();
      if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(`${type.name} ${at || '(root)'}: reads ${actual.join(',')}; declares ${expected.join(',')}`);
      checked++;
    }
  }
  expect(mismatches).toEqual([]);
  expect(checked).toBeGreaterThan(pkg === '@kubernetes-models/argo-cd' ? 1000 : types.length / 2);
});
