/**
 * Field paths as every finding names them (same format as the safety rules):
 * `spec.templates[2].deadline`, and keys that are not plain identifiers quoted,
 * `metadata.labels["app.kubernetes.io/name"]`. lint splits them back into segments to find
 * the line of a field, so building and parsing live together here.
 */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Appends segments to a path: `joinPath('spec', 'templates', 2)` is `spec.templates[2]`. */
export function joinPath(base: string, ...segments: readonly PathSegment[]): string {
  let out = base;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else if (IDENTIFIER.test(segment)) {
      out += out === '' ? segment : `.${segment}`;
    } else {
      out += `[${JSON.stringify(segment)}]`;
    }
  }
  return out;
}

/**
 * Splits a path back into segments. Unparseable tails (a path some other module wrote in
 * another style) stop the split: the caller then locates the longest prefix it understood.
 */
export function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  let i = 0;
  while (i < path.length) {
    const ch = path[i];
    if (ch === '.') {
      i++;
      continue;
    }
    if (ch === '[') {
      const close = findClose(path, i);
      if (close < 0) break;
      const inner = path.slice(i + 1, close);
      if (/^\d+$/.test(inner)) {
        out.push(Number(inner));
      } else if (inner.startsWith('"')) {
        try {
          out.push(String(JSON.parse(inner)));
        } catch {
          break;
        }
      } else {
        out.push(inner);
      }
      i = close + 1;
      continue;
    }
    let end = i;
    while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
    out.push(path.slice(i, end));
    i = end;
  }
  return out;
}

function findClose(path: string, open: number): number {
  if (path[open + 1] !== '"') return path.indexOf(']', open);
  // a quoted key may itself contain `]` or escaped quotes
  for (let i = open + 2; i < path.length; i++) {
    if (path[i] === '\\') {
      i++;
    } else if (path[i] === '"') {
      return path[i + 1] === ']' ? i + 1 : -1;
    }
  }
  return -1;
}

/** True for a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Quotes user text in a message: strings in double quotes, anything else as JSON. */
export function quote(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  return JSON.stringify(value) ?? String(value);
}
