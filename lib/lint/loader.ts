import * as fs from 'fs';
import * as path from 'path';
import { Document, isMap, isScalar, isSeq, LineCounter, Node, YAMLMap } from 'yaml';
import { isRecord } from '../_json';
import { KubeObject } from '../kube-object';
import { Finding } from '../safety/finding';
import { describeValue } from './_issue';
import { notRegular, readTextFile } from './_read-text';
import { headerAnnotations, isMarkedChartValues } from './_values-header';
import { yamlDocuments } from './_yaml-documents';
import { SourceMap } from './source-map';

/** apiVersion and kind of the object `lint --values FILE` makes of a plain chart values file. */
export const CHART_VALUES_API_VERSION = 'cdk8s-chaos-mesh.io/v1';
export const CHART_VALUES_KIND = 'ChartValues';

/** Input that cannot be checked at all: `lint` exits 2 and names the file and line. */
export interface InputError {
  readonly file: string;
  /** 1-based; absent when the whole file is unusable (unreadable, missing). */
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

/** Options of `loadManifests`. */
export interface LoadOptions {
  /**
   * Plain chart values files (`lint --values FILE`): each becomes a `ChartValues` object that
   * the chart-values checks read like an Application's `helm.valuesObject`.
   * @default []
   */
  readonly valuesFiles?: readonly string[];

  /**
   * Directory that file names in findings are relative to.
   * @default process.cwd()
   */
  readonly cwd?: string;

  /**
   * Called with every object as soon as it is read (lint starts validating core objects on the
   * other CPU core while the rest is still being parsed).
   * @default - nothing
   */
  readonly onObject?: (obj: KubeObject) => void;
}

/** Everything read from the inputs, in a stable order: files as given, directories sorted. */
export interface LoadedManifests {
  /** Every Kubernetes object, `List` items flattened, `ChartValues` pseudo-objects last. */
  readonly objects: readonly KubeObject[];
  /** Every file read (display names), in reading order. */
  readonly files: readonly string[];
  /** Unusable input: when not empty, nothing else is trustworthy and lint exits 2. */
  readonly errors: readonly InputError[];
  /** Mappings without `kind` and other input that is skipped, reported as warnings (rule `input`). */
  readonly warnings: readonly Finding[];
  /** File and line of every object (and of field paths inside it). */
  readonly sources: SourceMap;
}

/**
 * Reads manifests from files and directories (recursively `*.yaml` / `*.yml`, sorted by name;
 * `node_modules` and dot-directories are not entered; a directory reached again through a
 * symbolic link is not walked twice). Multi-document files, `List` kinds and empty documents
 * are handled; every problem (including files over `MAX_INPUT_BYTES`, text that is not UTF-8,
 * YAML alias bombs) is reported with file and line, never skipped.
 */
export function loadManifests(paths: readonly string[], options: LoadOptions = {}): LoadedManifests {
  const cwd = options.cwd ?? process.cwd();
  const state = new LoadState(cwd, options.onObject);
  // A file named by --values is a values file even when a PATH directory also contains it.
  const valuesFiles = new Set((options.valuesFiles ?? []).map((v) => safeRealpath(path.resolve(cwd, v))));
  for (const input of paths) {
    for (const file of state.expand(input)) {
      if (!valuesFiles.has(safeRealpath(file))) state.readManifestFile(file);
    }
  }
  for (const input of options.valuesFiles ?? []) state.readValuesFile(input);
  return state.result();
}

/** Parses YAML text as `loadManifests` parses a file (for tests and in-memory use). */
export function loadManifestText(text: string, file: string): LoadedManifests {
  const state = new LoadState(process.cwd());
  state.parseManifests(text, file);
  return state.result();
}

/**
 * Alias uses a document may expand to. A few nested anchors expand exponentially ("billion
 * laughs"); the API server's YAML reader refuses such documents too.
 */
const MAX_ALIAS_COUNT = 1000;

type YamlDocument = Document.Parsed;

class LoadState {
  private readonly objects: KubeObject[] = [];
  private readonly valuesObjects: KubeObject[] = [];
  private readonly files: string[] = [];
  private readonly fileSet = new Set<string>();
  private readonly seen = new Set<string>();
  private readonly errors: InputError[] = [];
  private readonly warnings: Finding[] = [];
  private readonly sources = new SourceMap();

  constructor(private readonly cwd: string, private readonly onObject?: (obj: KubeObject) => void) {}

  public result(): LoadedManifests {
    return {
      objects: [...this.objects, ...this.valuesObjects],
      files: this.files,
      errors: this.errors,
      warnings: this.warnings,
      sources: this.sources,
    };
  }

  /** The YAML files an argument stands for; an unusable argument is an input error. */
  public expand(input: string): string[] {
    const abs = path.resolve(this.cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (err) {
      this.errors.push({ file: this.display(abs, input), message: `cannot read "${input}": ${reason(err)}` });
      return [];
    }
    if (stat.isFile()) return [abs];
    if (!stat.isDirectory()) {
      this.errors.push({ file: this.display(abs, input), message: notRegular(stat) });
      return [];
    }
    const out: string[] = [];
    this.walk(abs, input, out, new Set());
    if (out.length === 0) {
      // An empty or mistyped directory must not pass as "no findings".
      this.errors.push({ file: this.display(abs, input), message: `directory "${input}" contains no *.yaml or *.yml files` });
    }
    return out;
  }

  /** `visited`: real paths of the directories walked, so that symbolic link loops end. */
  private walk(dir: string, input: string, out: string[], visited: Set<string>): void {
    const real = safeRealpath(dir);
    if (visited.has(real)) return;
    visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      this.errors.push({ file: this.display(dir, input), message: `cannot read directory: ${reason(err)}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const isYaml = /\.ya?ml$/i.test(entry.name);
      let stat: fs.Stats | fs.Dirent = entry;
      if (entry.isSymbolicLink() || (isYaml && !entry.isFile())) {
        try {
          stat = fs.statSync(full);
        } catch (err) {
          if (isYaml) this.errors.push({ file: this.display(full), message: `cannot read: ${reason(err)}` });
          continue;
        }
      }
      if (stat.isDirectory()) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        this.walk(full, input, out, visited);
      } else if (isYaml && stat.isFile()) {
        out.push(full);
      } else if (isYaml) {
        // A FIFO or device named like a manifest: never read (it may block), never skipped silently.
        this.errors.push({ file: this.display(full), message: notRegular(stat as fs.Stats) });
      }
    }
  }

  public readManifestFile(abs: string): void {
    const text = this.readFile(abs);
    if (text !== undefined) this.parseManifests(text, this.display(abs));
  }

  private readFile(abs: string, given?: string): string | undefined {
    const key = safeRealpath(abs);
    if (this.seen.has(key)) return undefined;
    this.seen.add(key);
    const file = this.display(abs, given);
    try {
      const read = readTextFile(abs);
      if (read.problem !== undefined) {
        this.errors.push({ file, line: read.line, column: read.column, message: read.problem });
        return undefined;
      }
      this.addFile(file);
      return read.text;
    } catch (err) {
      this.errors.push({ file, message: `cannot read file: ${reason(err)}` });
      return undefined;
    }
  }

  private addFile(file: string): void {
    if (this.fileSet.has(file)) return;
    this.fileSet.add(file);
    this.files.push(file);
  }

  public parseManifests(text: string, file: string): void {
    this.addFile(file);
    const lines = new LineCounter();
    // One document at a time: its syntax tree is dropped before the next one is built.
    let index = -1;
    const markedValues: Array<{ value: Record<string, unknown>; line: number; root: YAMLMap; index: number; header: ReturnType<typeof headerAnnotations> }> = [];
    for (const doc of this.parse(text, file, lines)) {
      index++;
      if (doc.errors.length > 0) {
        for (const err of doc.errors) this.errors.push(yamlError(file, err));
        continue;
      }
      const root = doc.contents as Node | null;
      if (root === null || (isScalar(root) && root.value === null)) continue; // empty document
      const docLine = root.range ? lines.linePos(root.range[0]).line : 1;
      if (!isMap(root)) {
        this.errors.push({
          file,
          line: docLine,
          message: `document ${index + 1} is ${describeNode(root)}, not a mapping: a Kubernetes manifest document must be an object with apiVersion and kind`,
        });
        continue;
      }
      const value = this.toJS(doc, file, docLine, `document ${index + 1}`);
      if (value === undefined) continue;
      const header = headerAnnotations(doc);
      if ((value.kind === undefined || value.kind === null) && isMarkedChartValues(header)) {
        // A generated values file says what it is: checked as `--values FILE` would check it
        // (named once the number of documents is known).
        markedValues.push({ value, line: docLine, root, index, header });
        continue;
      }
      this.addObject(value, root, file, docLine, lines, `document ${index + 1}`);
    }
    for (const v of markedValues) this.addValues(v.value, file, v.line, v.root, lines, index > 0 ? `${file}#${v.index + 1}` : file, v.header);
  }

  private addObject(value: Record<string, unknown>, node: YAMLMap, file: string, line: number, lines: LineCounter, where: string): void {
    const kind = value.kind;
    if (kind === undefined || kind === null) {
      const obj = value as KubeObject;
      this.sources.add(obj, file, line, node, lines);
      this.warnings.push({
        rule: 'input',
        severity: 'warning',
        object: `(${where} of ${file})`,
        path: '',
        message: `${where} is a mapping without "kind", so it is not a Kubernetes object and is not checked`,
        fix: 'Add apiVersion and kind; if this is a Helm values file for the Chaos Mesh chart, pass it with --values FILE, '
          + 'or start it with the comment line "# cdk8s-chaos-mesh.io/chart-values: chaos-mesh" (as generated values files do).',
        source: obj,
      });
      return;
    }
    if (typeof kind !== 'string' || kind === '') {
      this.errors.push({ file, line, message: `${where}: "kind" must be a non-empty string, found ${JSON.stringify(kind)}` });
      return;
    }
    const items = value.items;
    if (kind.endsWith('List') && Array.isArray(items)) {
      const itemsNode = node.get('items', true);
      items.forEach((item, i) => {
        const itemNode = isSeq(itemsNode) ? (itemsNode.items[i] as Node | undefined) : undefined;
        const itemLine = itemNode?.range ? lines.linePos(itemNode.range[0]).line : line;
        if (!isRecord(item) || !isMap(itemNode)) {
          this.errors.push({ file, line: itemLine, message: `${where}: items[${i}] of the ${kind} is ${describeValue(item)}, not an object` });
          return;
        }
        this.addObject(item, itemNode, file, itemLine, lines, `${where}, items[${i}] of the ${kind}`);
      });
      return;
    }
    const obj = value as KubeObject;
    this.sources.add(obj, file, line, node, lines);
    this.objects.push(obj);
    this.onObject?.(obj);
  }

  public readValuesFile(input: string): void {
    const abs = path.resolve(this.cwd, input);
    const text = this.readFile(abs, input);
    if (text === undefined) return;
    const file = this.display(abs, input);
    const lines = new LineCounter();
    const list = [...this.parse(text, file, lines)].filter((d) => d.errors.length > 0 || !isEmpty(d.contents as Node | null));
    if (list.length === 0) {
      // An empty values file still means "chart defaults", which the chart-values checks judge.
      this.addValues({}, file, 1, undefined, lines, file);
      return;
    }
    list.forEach((doc, index) => {
      if (doc.errors.length > 0) {
        for (const err of doc.errors) this.errors.push(yamlError(file, err));
        return;
      }
      const root = doc.contents as Node;
      const line = root.range ? lines.linePos(root.range[0]).line : 1;
      if (!isMap(root)) {
        this.errors.push({ file, line, message: `values document ${index + 1} is ${describeNode(root)}, not a mapping of chart values` });
        return;
      }
      const name = list.length > 1 ? `${file}#${index + 1}` : file;
      const values = this.toJS(doc, file, line, `values document ${index + 1}`);
      if (values !== undefined) this.addValues(values, file, line, root, lines, name, headerAnnotations(doc));
    });
  }

  /**
   * The file's YAML documents (within YAML_LIMITS, keys checked); a broken limit or a parser
   * failure is an input error naming the file, not a crash.
   */
  private *parse(text: string, file: string, lines: LineCounter): Generator<YamlDocument> {
    try {
      // Valid YAML past a documented limit: the message says which, not "invalid YAML".
      yield* yamlDocuments(text, lines, (err) => this.errors.push({ ...yamlError(file, err), message: err.message }));
    } catch (err) {
      this.errors.push({ file, message: `invalid YAML: the parser failed: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  /**
   * The plain value of a mapping document. Alias expansion happens here, after parsing, so an
   * alias bomb is found here: an input error at the document's line.
   */
  private toJS(doc: YamlDocument, file: string, line: number, where: string): Record<string, unknown> | undefined {
    try {
      return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      const message = /alias count/i.test(text)
        ? `invalid YAML: ${where} uses aliases (*name) that expand to more than ${MAX_ALIAS_COUNT} copies of their anchors `
          + '(a "billion laughs" YAML bomb); write the repeated values out or use fewer aliases'
        : `invalid YAML: ${where} cannot be read: ${text}`;
      this.errors.push({ file, line, message });
      return undefined;
    }
  }

  private addValues(
    values: Record<string, unknown>, file: string, line: number, node: Node | undefined, lines: LineCounter, name: string,
    annotations: Record<string, string> = {},
  ): void {
    const metadata = Object.keys(annotations).length > 0 ? { name, annotations } : { name };
    const obj: KubeObject = { apiVersion: CHART_VALUES_API_VERSION, kind: CHART_VALUES_KIND, metadata, values };
    this.sources.add(obj, file, line, node, lines, ['values']);
    this.valuesObjects.push(obj);
  }

  /** Relative to the working directory when inside it, as given otherwise. */
  private display(abs: string, given?: string): string {
    const rel = path.relative(this.cwd, abs);
    if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
    return given ?? abs;
  }
}

function isEmpty(node: Node | null): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

function safeRealpath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

function yamlError(file: string, err: { message: string; linePos?: [{ line: number; col: number }, ...unknown[]] }): InputError {
  // The parser's own message, without its "at line X, column Y:" suffix and source excerpt.
  const first = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const pos = err.linePos?.[0];
  return { file, line: pos?.line, column: pos?.col, message: `invalid YAML: ${first}` };
}

function describeNode(node: Node): string {
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return describeValue(node.value);
  return 'not an object';
}

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': return 'permission denied';
    case 'EISDIR': return 'it is a directory';
    case 'ENOTDIR': return 'a parent is not a directory';
    default: return e?.message ?? String(err);
  }
}
