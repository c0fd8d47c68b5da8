import { Yaml } from 'cdk8s';
import { Document } from 'yaml';

/**
 * The bytes of cdk8s's `Yaml.stringify(...docs)` (the `yaml` package in YAML 1.1 mode, no line
 * folding), written several times faster: that writer builds a node tree for every document before
 * printing it, which was over a third of the time of a large synth. Rendered manifests are plain
 * JSON, mostly short names, numbers and booleans whose YAML form is certain: a string is written
 * plain only when it passes exactly the tests the `yaml` package applies to a one-line printable
 * ASCII string (indicator characters, `: `, ` #`, and every implicit type of the 1.1 schema such
 * as `yes`, `0777`, `1:20` or dates). Any other scalar is printed by cdk8s's own writer at the
 * same indentation (cached), and a document with anything but plain JSON (a shared object, which
 * the writer prints as an alias, `undefined`, a key that needs quotes) is printed by it whole.
 * test/manifest-yaml.test.ts compares both writers on dist/, the fixtures and generated values.
 */
export function manifestYaml(docs: readonly unknown[]): string {
  return docs.map((doc) => (doc === undefined ? '\n' : documentYaml(doc))).join('---\n');
}

/** Thrown inside the fast path for a document it leaves to the library. */
const NOT_PLAIN = Symbol('not plain JSON');

function documentYaml(doc: unknown): string {
  try {
    if (!isCollection(doc)) throw NOT_PLAIN;
    return `${collection(doc, '', new Set())}\n`;
  } catch (e) {
    if (e !== NOT_PLAIN) throw e;
    return Yaml.stringify(doc);
  }
}

/** A block map or sequence whose items sit at `indent` (the library's `ctx.indent`). */
function collection(value: object, indent: string, seen: Set<object>): string {
  if (seen.has(value)) throw NOT_PLAIN; // the library would write an anchor and an alias
  seen.add(value);
  const inner = `${indent}  `;
  const lines: string[] = [];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw NOT_PLAIN;
      lines.push(`- ${node(value[i], inner, seen)}`);
    }
  } else {
    for (const key of Object.keys(value)) {
      // a key longer than 1,024 characters is written as an explicit `? key`
      if (key.length > 1024 || !isPlain(key)) throw NOT_PLAIN;
      const item = (value as Record<string, unknown>)[key];
      const text = node(item, inner, seen);
      const ws = isCollection(item) && !isEmpty(item) ? `\n${inner}` : text === '' || text[0] === '\n' ? '' : ' ';
      lines.push(`${key}:${ws}${text}`);
    }
  }
  if (lines.length === 0) return Array.isArray(value) ? '[]' : '{}';
  return lines.join(`\n${indent}`);
}

/** A value whose continuation lines sit at `indent`: a map value's or a sequence item's. */
function node(value: unknown, indent: string, seen: Set<object>): string {
  if (isCollection(value)) return collection(value, indent, seen);
  if (typeof value === 'string') return isPlain(value) ? value : scalar(value, indent);
  if (typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : scalar(value, indent);
  throw NOT_PLAIN;
}

function isCollection(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN; // a Date, a Map, a class instance
  return true;
}

function isEmpty(value: object): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

/** The tests of the YAML 1.1 schema's implicit types (`null`, booleans, numbers, dates, `<<`). */
const implicitTypes: RegExp[] = new Document(null, { version: '1.1' }).schema.tags
  .filter((t) => t.default && t.tag !== 'tag:yaml.org,2002:str' && t.test)
  .map((t) => t.test!);

/**
 * The library's plain-string conditions (`plainString` in yaml/dist/stringify/stringifyString.js)
 * for a one-line string of printable ASCII: no indicator first, no `: `, ` #`, no space or `:` at
 * the end, no document marker, and no implicit type that would read it back as something else.
 */
function isPlain(s: string): boolean {
  let plain = plainStrings.get(s);
  if (plain === undefined) {
    plain = /^[\x20-\x7e]+$/.test(s)
      && !/^[ ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-] |: | #|[ :]$|^(?:---|\.\.\.)/.test(s)
      && !implicitTypes.some((test) => test.test(s));
    // names, keys and values repeat across a synth's objects
    if (s.length <= 256) remember(plainStrings, s, plain);
  }
  return plain;
}

const plainStrings = new Map<string, boolean>();

/** Caches stay bounded in a long-lived process that synthesizes again and again. */
function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  if (cache.size >= 100_000) cache.clear();
  cache.set(key, value);
}

/** Scalars the library prints (quoted, block or other numbers), by indentation. */
const printed = new Map<string, string>();

/** `value` as cdk8s's writer prints it as a map value at `indent`: in a document of maps nested that deep. */
function scalar(value: string | number, indent: string): string {
  const key = `${indent.length}\0${typeof value}\0${value}`;
  let text = printed.get(key);
  if (text === undefined) {
    const depth = indent.length / 2;
    let doc: unknown = value;
    for (let i = 0; i < depth; i++) doc = { k: doc };
    const prefix = Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}k:`).join('\n');
    const out = Yaml.stringify(doc);
    if (!out.startsWith(prefix) || !out.endsWith('\n')) throw new Error(`unexpected YAML for a scalar: ${JSON.stringify(out)}`);
    text = out.slice(prefix.length, -1).replace(/^ /, '');
    remember(printed, key, text);
  }
  return text;
}
