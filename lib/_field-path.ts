/**
 * Field paths as every finding names them (safety rules, lint, chart value checks):
 * `spec.templates[2].deadline`, and keys that are not plain identifiers quoted,
 * `metadata.annotations["ack.cdk8s-chaos-mesh.io/CM002"]`, so that a path can always be split
 * back into its segments (lint maps paths to file:line). Building and parsing live together here.
 */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Appends segments to a path: `fieldPath('spec', 'templates', 2)` is `spec.templates[2]`. */
export function fieldPath(base: string, ...segments: readonly PathSegment[]): string {
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
export function parseFieldPath(path: string): PathSegment[] {
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
