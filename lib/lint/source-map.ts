import { isMap, isScalar, isSeq, LineCounter, Node, parseDocument, Scalar } from 'yaml';
import { KubeObject } from '../kube-object';
import { parseFieldPath, PathSegment } from '../_field-path';

/** Where something is in the input: a file (as given or relative to the working directory) and a 1-based line. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

/** What the loader remembers about one object to map field paths to lines later. */
interface Entry {
  readonly file: string;
  readonly line: number;
  readonly node: Node | undefined;
  readonly lines: LineCounter | undefined;
  /** Leading path segments the node stands for (`values` of a `--values` pseudo-object). */
  readonly prefix: readonly PathSegment[];
}

/**
 * Maps loaded objects, and field paths inside them, back to file and line. Findings carry the
 * object they are about (`Finding.source`); this turns `spec.stressors.memory.size` on that
 * object into the line of `size:` (for SARIF annotations on the PR line), falling back to the
 * object's own line when the path leads out of the YAML (a defaulted field, an alias).
 */
export class SourceMap {
  private readonly entries = new WeakMap<object, Entry>();
  private readonly embedded = new WeakMap<Scalar, { node: Node | undefined; lines: LineCounter; firstLine: number } | null>();

  /** Records an object read from YAML. */
  public add(object: KubeObject, file: string, line: number, node?: Node, lines?: LineCounter, prefix: readonly PathSegment[] = []): void {
    this.entries.set(object, { file, line, node, lines, prefix });
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
    if (!path || !entry.node || !entry.lines) return fallback;
    let segments = parseFieldPath(path);
    if (entry.prefix.length > 0) {
      if (!entry.prefix.every((s, i) => segments[i] === s)) return fallback;
      segments = segments.slice(entry.prefix.length);
    }
    const line = this.lineOf(entry.node, entry.lines, segments, 0);
    return { file: entry.file, line: line ?? entry.line };
  }

  /** Line of the deepest node on the path that exists (the key's line for a map entry). */
  private lineOf(start: Node, lines: LineCounter, segments: readonly PathSegment[], offset: number): number | undefined {
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
      } else if (isScalar(node) && typeof node.value === 'string') {
        // YAML inside a string (ArgoCD `helm.values`, k3s `valuesContent`): follow it when the
        // string is a literal block, whose lines are the file's lines.
        const inner = this.embeddedDoc(node, lines);
        if (!inner || !inner.node) break;
        const deeper = this.lineOf(inner.node, inner.lines, segments.slice(i), offset + inner.firstLine - 1);
        return deeper ?? line;
      } else {
        break;
      }
    }
    return line;
  }

  private embeddedDoc(scalar: Scalar, lines: LineCounter) {
    if (this.embedded.has(scalar)) return this.embedded.get(scalar) ?? undefined;
    let result: { node: Node | undefined; lines: LineCounter; firstLine: number } | null = null;
    if (scalar.type === Scalar.BLOCK_LITERAL && scalar.range) {
      const innerLines = new LineCounter();
      const doc = parseDocument(String(scalar.value), { lineCounter: innerLines, version: '1.1' });
      if (doc.errors.length === 0) {
        result = { node: (doc.contents ?? undefined) as Node | undefined, lines: innerLines, firstLine: lines.linePos(scalar.range[0]).line + 1 };
      }
    }
    this.embedded.set(scalar, result);
    return result ?? undefined;
  }
}
