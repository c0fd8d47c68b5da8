/**
 * Field paths as findings name them: `spec.templates[2].deadline`, and keys that are not plain
 * identifiers quoted, `spec.selector.labelSelectors["app.kubernetes.io/name"]`, so that a path
 * can always be split back into its segments (lint maps paths to file:line).
 */
export function fieldPath(base: string, ...segments: readonly (string | number)[]): string {
  let out = base;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(segment)) {
      out += out === '' ? segment : `.${segment}`;
    } else {
      out += `[${JSON.stringify(segment)}]`;
    }
  }
  return out;
}

/** A dotted key path (`dashboard.service.type`) appended to a base path. */
export function keyPath(base: string, dotted: string): string {
  return fieldPath(base, ...dotted.split('.'));
}

/** True for a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a dotted key path (`dashboard.service.type`) from a values tree. */
export function getKey(tree: unknown, dotted: string): unknown {
  let node: unknown = tree;
  for (const key of dotted.split('.')) {
    if (!isRecord(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** True when the dotted key path is present (even with a null value) in a values tree. */
export function hasKey(tree: unknown, dotted: string): boolean {
  const keys = dotted.split('.');
  let node: unknown = tree;
  for (let i = 0; i < keys.length; i++) {
    if (!isRecord(node) || !(keys[i] in node)) return false;
    node = node[keys[i]];
  }
  return true;
}

/** Quotes user text for a message the way every finding does. */
export function quote(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}
