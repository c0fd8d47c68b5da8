import { Composer, CST, Document, isAlias, isCollection, isMap, isPair, isScalar, Lexer, LineCounter, Node, Parser, YAMLParseError } from 'yaml';

/**
 * What lint reads of one YAML file, at most. Each bound is far above any manifest the API server
 * takes (it refuses requests over 3 MiB) and keeps parsing within a known memory and stack: the
 * YAML library builds a syntax tree of about 1 KB per node and composes nested collections by
 * recursion. Breaking one is an input error (exit 2) at the line where it is broken, found
 * before that document is composed.
 */
export const YAML_LIMITS = {
  /** Collections inside collections (a real manifest nests about 15 deep). */
  maxDepth: 128,
  /** Keys of one mapping. */
  maxKeysPerMapping: 100_000,
  /**
   * Values (scalars, flow collections, list items) of one document: about 250 MB of syntax tree
   * at most, and several times what a 3 MiB API request holds in practice.
   */
  maxNodesPerDocument: 250_000,
  /** Documents of one file (`---` separated). */
  maxDocumentsPerFile: 200_000,
  /** Characters of one line (a line longer than a whole API request is not a manifest). */
  maxLineChars: 4 * 1024 * 1024,
} as const;

/**
 * Kubernetes reads YAML with sigs.k8s.io/yaml (go-yaml v2, YAML 1.1): `yes`/`no`/`on`/`off` are
 * booleans and `0755` is octal there, so lint reads them the same way the API server will.
 * Duplicate keys are checked below, in linear time (the library's check is quadratic); the
 * library never writes warnings to stderr itself.
 */
const COMPOSE_OPTIONS = { version: '1.1' as const, uniqueKeys: false, logLevel: 'error' as const };

/**
 * The documents of a file, one at a time (the caller holds one document's tree, not the file's).
 * A cheap scan of the lexer's tokens first refuses a document with more values than
 * YAML_LIMITS allow before any tree is built; then each document's concrete syntax tree is
 * checked against the other limits before it is composed, and each composed document is checked
 * for duplicate keys and for keys that are lists or mappings (errors of that document). A broken
 * limit goes to `onLimit` (with `linePos`, 1-based) and its document is left out or empty.
 */
export function* yamlDocuments(text: string, lines: LineCounter, onLimit: (err: YAMLParseError) => void): Generator<Document.Parsed> {
  const scanned = scanLimits(text);
  if (scanned) {
    scanned.err.linePos = [{ line: scanned.line, col: 1 }];
    onLimit(scanned.err);
    return;
  }
  const composer = new Composer(COMPOSE_OPTIONS);
  const limit = (err: YAMLParseError): void => {
    err.linePos = [lines.linePos(err.pos[0])];
    onLimit(err);
  };
  for (const doc of composer.compose(checkedTokens(new Parser(lines.addNewLine).parse(text), limit))) {
    checkKeys(doc);
    for (const err of [...doc.errors, ...doc.warnings]) err.linePos ??= [lines.linePos(err.pos[0])];
    yield doc;
  }
}

/**
 * Lines and values per document, counted over the lexer's tokens (no tree): the limits that
 * bound memory are found before the parser builds anything. Values are the scalars and the
 * flow collections and list items, an estimate the parser's exact checks do not depend on.
 */
function scanLimits(text: string): { err: YAMLParseError; line: number } | undefined {
  const long = firstLongLine(text);
  if (long) return { err: limitError(long.offset, `the line is longer than ${YAML_LIMITS.maxLineChars} characters, lint's limit for one line`), line: long.line };
  let offset = 0;
  let docStart = 0;
  let values = 0;
  let afterDocMarker = false;
  for (const token of new Lexer().lex(text)) {
    if (token === DOCUMENT_MARK || (token === '---' && !afterDocMarker)) {
      values = 0;
      docStart = offset;
    }
    afterDocMarker = token === DOCUMENT_MARK;
    if (token === SCALAR_MARK || token === '[' || token === '{' || token === '-' || token[0] === '"' || token[0] === "'") {
      if (++values > YAML_LIMITS.maxNodesPerDocument) {
        return { err: limitError(docStart, `the document holds more than ${YAML_LIMITS.maxNodesPerDocument} values, lint's limit for one document`), line: lineAt(text, docStart) };
      }
    }
    if (token.length !== 1 || !MARKS.has(token)) offset += token.length;
  }
  return undefined;
}

const DOCUMENT_MARK = '\u0002';
const SCALAR_MARK = '\u001f';
/** Tokens the lexer inserts that are not in the text (document, scalar and flow-end marks). */
const MARKS = new Set([DOCUMENT_MARK, SCALAR_MARK, '\u0018']);

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) line++;
  return line;
}

/** The parser's tokens, each document measured first; one that breaks a limit is passed on empty. */
function* checkedTokens(tokens: Generator<CST.Token>, onLimit: (err: YAMLParseError) => void): Generator<CST.Token> {
  let documents = 0;
  for (const token of tokens) {
    if (token.type !== 'document') {
      yield token;
      continue;
    }
    if (++documents > YAML_LIMITS.maxDocumentsPerFile) {
      onLimit(limitError(token.offset, `the file holds more than ${YAML_LIMITS.maxDocumentsPerFile} documents, lint's limit for one file; split it`));
      return;
    }
    const broken = measure(token);
    if (broken === undefined) {
      yield token;
    } else {
      onLimit(broken);
      yield { ...token, value: undefined };
    }
  }
}

/** The first nesting or mapping-size limit a document's syntax tree breaks, walked without recursion. */
function measure(doc: CST.Document): YAMLParseError | undefined {
  const stack: Array<[CST.Token, number]> = doc.value ? [[doc.value, 0]] : [];
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (!CST.isCollection(token)) continue;
    if (depth + 1 > YAML_LIMITS.maxDepth) {
      return limitError(token.offset, `values are nested more than ${YAML_LIMITS.maxDepth} levels deep, lint's limit`);
    }
    const isMapping = token.type === 'block-map' || (token.type === 'flow-collection' && token.start.source === '{');
    if (isMapping && token.items.length > YAML_LIMITS.maxKeysPerMapping) {
      return limitError(token.offset, `a mapping holds more than ${YAML_LIMITS.maxKeysPerMapping} keys, lint's limit for one mapping`);
    }
    for (const item of token.items) {
      if (item.key) stack.push([item.key, depth + 1]);
      if (item.value) stack.push([item.value, depth + 1]);
    }
  }
  return undefined;
}

function limitError(offset: number, message: string): YAMLParseError {
  return new YAMLParseError([offset, offset + 1], 'RESOURCE_EXHAUSTION', message);
}

/** Offset and 1-based number of the first line longer than the limit, if any. */
function firstLongLine(text: string): { offset: number; line: number } | undefined {
  if (text.length <= YAML_LIMITS.maxLineChars) return undefined;
  for (let start = 0, line = 1; start < text.length; line++) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (end - start > YAML_LIMITS.maxLineChars) return { offset: start, line };
    start = end + 1;
  }
  return undefined;
}

/**
 * Duplicate keys (one set per mapping, so linear in the keys) and keys that are lists or
 * mappings: the API server's YAML reader (go-yaml v2) refuses those with "invalid map key", and
 * a JavaScript object could only hold them as strings.
 */
function checkKeys(doc: Document.Parsed): void {
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.key, node.value);
    } else if (isCollection(node)) {
      const seen = isMap(node) ? new Set<string>() : undefined;
      for (const item of node.items) {
        stack.push(item);
        if (!isPair(item)) continue;
        const key = item.key as Node | null;
        if (isCollection(key)) {
          doc.errors.push(new YAMLParseError(rangeOf(key), 'BAD_INDENT',
            `a mapping key is a ${isMap(key) ? 'mapping' : 'list'} ("? [a, b]: ..."); the API server refuses such keys ("invalid map key"): write the key as a string`));
        } else if (seen && key) {
          const identity = isScalar(key) ? `${typeof key.value}:${String(key.value)}` : isAlias(key) ? `*${key.source}` : undefined;
          if (identity === undefined || identity === 'string:<<') continue;
          if (seen.has(identity)) doc.errors.push(new YAMLParseError(rangeOf(key), 'DUPLICATE_KEY', 'Map keys must be unique'));
          seen.add(identity);
        }
      }
    }
  }
}

function rangeOf(node: Node): [number, number] {
  return node.range ? [node.range[0], node.range[1]] : [0, 0];
}
