/** Dotted key paths into chart values trees, and the quoting of the safety rules' messages. */
import { fieldPath } from '../_field-path';
import { isRecord } from '../_json';

/** A dotted key path (`dashboard.service.type`) appended to a base path. */
export function keyPath(base: string, dotted: string): string {
  return fieldPath(base, ...dotted.split('.'));
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
