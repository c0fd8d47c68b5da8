import { isMap, isScalar, isSeq, LineCounter, Node, parseDocument, Scalar } from 'yaml';
import { isRecord } from '../_json';
import { KubeObject } from '../kube-object';
import { parseFieldPath, PathSegment } from '../_field-path';

/** Where something is in the input: a file (as given or relative to the working directory) and a 1-based line. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

/** What the map remembers about one object: no syntax tree, only where its fields start. @hidden */
interface Entry {
  readonly file: string;
  readonly line: number;
  /** Leading path segments the recorded fields are under (`values` of a `--values` pseudo-object). */
  readonly prefix: readonly PathSegment[];
  /** Offset of the object's first field in the shared line table; -1 when nothing was recorded. */
  readonly start: number;
  /** Table offsets of strings written as literal block scalars, with the line their text starts on. */
  readonly literals?: ReadonlyMap<number, number>;
}

/** @hidden (private to this module; kept out of the API reference) */
interface ChildIndex {
  readonly offsets: Int32Array;
  readonly keys?: ReadonlyMap<string, number>;
}

/** A recorded field whose children are not recorded (an alias, a merged key): the walk stops there. */
const OPAQUE = 1;

/**
 * Maps loaded objects, and field paths inside them, back to file and line. Findings carry the
 * object they are about (`Finding.source`); this turns `spec.stressors.memory.size` on that
 * object into the line of `size:` (for SARIF annotations on the PR line), falling back to the
 * object's own line when the path leads out of the YAML (a defaulted field, an alias).
 *
 * The syntax tree is not kept (it takes several times the memory of the objects): `add` records
 * the line of every field, in the order a walk of the plain object meets them (`Object.keys`
 * order, depth first), as one number per field in a table shared by all objects. `locate` walks
 * the same object the same way to find a field's number, so the objects must not change after
 * loading (no check writes to them).
 */
export class SourceMap {
  private readonly entries = new WeakMap<object, Entry>();
  /** Per field: `line << 1`, plus OPAQUE when its children are not recorded; line 0 is unknown. */
  private table = new Int32Array(4096);
  private size = 0;
  /** Per container looked into: where its children are in the table (a recorded container occurs once). */
  private readonly children = new WeakMap<object, ChildIndex>();
  private lastEmbedded?: { text: string; doc: { node: Node | undefined; lines: LineCounter } | undefined };

  /**
   * Records an object read from YAML: `node` is the mapping it was read from (with `prefix`, the
   * mapping the value at that path was read from) and `lines` the file's line counter. Neither is
   * kept.
   */
  public add(object: KubeObject, file: string, line: number, node?: Node, lines?: LineCounter, prefix: readonly PathSegment[] = []): void {
    let value: unknown = object;
    for (const segment of prefix) value = isRecord(value) ? value[segment] : undefined;
    let start = -1;
    const literals = new Map<number, number>();
    if (node && lines && isContainer(value) && matches(value, node)) {
      start = this.size;
      this.record(value, node, lines, literals);
    }
    this.entries.set(object, { file, line, prefix, start, ...(literals.size > 0 ? { literals } : {}) });
  }

  /** True when the object came through the loader. */
  public has(object: KubeObject): boolean {
    return this.entries.has(object);
  }

  /** File and line of the object, or of the field at `path` inside it when it can be found. */
  public locate(object: KubeObject, path?: string): SourceLocation | undefined {
    const entry = this.entries.get(object);
    if (!entry) return undefined;
    const fallback = { file: entry.file, line: entry.line };
    if (!path || entry.start < 0) return fallback;
    let segments = parseFieldPath(path);
    if (entry.prefix.length > 0) {
      if (!entry.prefix.every((s, i) => segments[i] === s)) return fallback;
      segments = segments.slice(entry.prefix.length);
    }
    let value: unknown = object;
    for (const segment of entry.prefix) value = isRecord(value) ? value[segment] : undefined;
    return { file: entry.file, line: this.lineOf(value, entry, segments) ?? entry.line };
  }

  /** Appends the fields of `value` (read from `node`) to the table, depth first. */
  private record(value: unknown[] | Record<string, unknown>, node: Node, lines: LineCounter, literals: Map<number, number>): void {
    if (Array.isArray(value)) {
      const items = isSeq(node) ? node.items : [];
      value.forEach((child, i) => {
        const item = items[i] as Node | undefined;
        this.field(child, item, item?.range ? lines.linePos(item.range[0]).line : 0, lines, literals);
      });
      return;
    }
    const pairs = new Map<string, { key: Scalar; value: Node | undefined }>();
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key)) pairs.set(String(pair.key.value), { key: pair.key, value: (pair.value ?? undefined) as Node | undefined });
      }
    }
    for (const key of Object.keys(value)) {
      const pair = pairs.get(key);
      this.field(value[key], pair?.value, pair?.key.range ? lines.linePos(pair.key.range[0]).line : 0, lines, literals);
    }
  }

  private field(value: unknown, node: Node | undefined, line: number, lines: LineCounter, literals: Map<number, number>): void {
    const at = this.size;
    const nested = isContainer(value) && node !== undefined && matches(value, node);
    this.push((line << 1) | (isContainer(value) && !nested ? OPAQUE : 0));
    if (nested) {
      this.record(value, node, lines, literals);
    } else if (typeof value === 'string' && isScalar(node) && node.type === Scalar.BLOCK_LITERAL && node.range) {
      literals.set(at, lines.linePos(node.range[0]).line + 1);
    }
  }

  private push(mark: number): void {
    if (this.size === this.table.length) {
      const grown = new Int32Array(this.table.length * 2);
      grown.set(this.table);
      this.table = grown;
    }
    this.table[this.size++] = mark;
  }

  /** Line of the deepest field on the path that exists (the key's line for a map entry). */
  private lineOf(root: unknown, entry: Entry, segments: readonly PathSegment[]): number | undefined {
    let value = root;
    let at = entry.start; // table offset of value's first child
    let line: number | undefined;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      let position: number;
      let child: unknown;
      if (Array.isArray(value)) {
        if (typeof segment !== 'number' || segment >= value.length) break;
        position = segment;
        child = value[segment];
      } else if (isRecord(value)) {
        position = this.childIndex(value, at).keys?.get(String(segment)) ?? -1;
        if (position < 0) break;
        child = value[String(segment)];
      } else {
        break;
      }
      at = this.childIndex(value, at).offsets[position];
      const mark = this.table[at];
      if (mark >> 1 > 0) line = mark >> 1;
      if (mark & OPAQUE) break;
      if (typeof child === 'string' && i + 1 < segments.length) {
        // YAML inside a string (ArgoCD `helm.values`, k3s `valuesContent`): followed when the
        // string is a literal block, whose lines are the file's lines.
        const firstLine = entry.literals?.get(at);
        if (firstLine === undefined) break;
        const inner = this.embeddedDoc(child);
        if (!inner?.node) break;
        return embeddedLine(inner.node, inner.lines, segments.slice(i + 1), firstLine - 1) ?? line;
      }
      value = child;
      at += 1;
    }
    return line;
  }

  /**
   * Table offsets of a container's children (its first child at `first`) and, for a mapping, each
   * key's position: worked out once per container, so a lookup costs the path's depth, not the
   * siblings before it (50,000 unknown fields of one mapping are 50,000 lookups).
   */
  private childIndex(value: unknown[] | Record<string, unknown>, first: number): ChildIndex {
    let index = this.children.get(value);
    if (!index) {
      const list = Array.isArray(value) ? value : Object.values(value);
      const offsets = new Int32Array(list.length);
      let at = first;
      list.forEach((child, j) => {
        offsets[j] = at;
        at = this.skip(child, at);
      });
      index = { offsets, keys: Array.isArray(value) ? undefined : new Map(Object.keys(value).map((k, j) => [k, j])) };
      this.children.set(value, index);
    }
    return index;
  }

  /** The table offset after the field at `at` (holding `value`) and all its recorded children. */
  private skip(value: unknown, at: number): number {
    const mark = this.table[at++];
    if (mark & OPAQUE || !isContainer(value)) return at;
    for (const child of Array.isArray(value) ? value : Object.values(value)) at = this.skip(child, at);
    return at;
  }

  /** The parsed YAML of a literal block string (the last one is kept: findings come object by object). */
  private embeddedDoc(text: string) {
    if (this.lastEmbedded?.text !== text) this.lastEmbedded = { text, doc: parseEmbedded(text) };
    return this.lastEmbedded.doc;
  }
}

function isContainer(value: unknown): value is unknown[] | Record<string, unknown> {
  return Array.isArray(value) || isRecord(value);
}

/** True when the syntax node is the collection the plain value was made from (not an alias, not a merge). */
function matches(value: unknown[] | Record<string, unknown>, node: Node): boolean {
  return Array.isArray(value) ? isSeq(node) : isMap(node);
}

/** Line of the deepest node on the path inside YAML embedded in a string, shifted by `offset` lines. */
function embeddedLine(start: Node, lines: LineCounter, segments: readonly PathSegment[], offset: number): number | undefined {
  let node: Node | undefined = start;
  let line: number | undefined;
  for (let i = 0; i < segments.length && node; i++) {
    const segment = segments[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      const keyNode = pair.key as Scalar;
      if (keyNode.range) line = lines.linePos(keyNode.range[0]).line + offset;
      node = (pair.value ?? undefined) as Node | undefined;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      if (item.range) line = lines.linePos(item.range[0]).line + offset;
      node = item;
    } else if (isScalar(node) && typeof node.value === 'string' && node.type === Scalar.BLOCK_LITERAL && node.range) {
      const inner = parseEmbedded(node.value);
      if (!inner?.node) break;
      return embeddedLine(inner.node, inner.lines, segments.slice(i), offset + lines.linePos(node.range[0]).line) ?? line;
    } else {
      break;
    }
  }
  return line;
}

function parseEmbedded(text: string): { node: Node | undefined; lines: LineCounter } | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, version: '1.1' });
  return doc.errors.length === 0 ? { node: (doc.contents ?? undefined) as Node | undefined, lines } : undefined;
}
