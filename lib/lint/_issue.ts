import { KubeObject, objectRef } from '../kube-object';
import { Finding, Severity } from '../safety/finding';

/** A problem at a field path, before it is attached to an object and a rule. */
export interface Issue {
  readonly path: string;
  readonly message: string;
  readonly fix: string;
  /** @default 'error' */
  readonly severity?: Severity;
}

/** Turns issues about `obj` into findings of `rule`. */
export function toFindings(issues: readonly Issue[], rule: string, obj: KubeObject): Finding[] {
  const object = objectRef(obj);
  return issues.map((i) => ({
    rule,
    severity: i.severity ?? 'error',
    object,
    path: i.path,
    message: i.message,
    fix: i.fix,
    source: obj,
  }));
}

/** How a value reads in a message: `the string "x"`, `the number 3`, `a list`, `an object`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string': return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
    case 'number': return `the number ${value}`;
    case 'boolean': return `the boolean ${value}`;
    case 'object': return 'an object';
    default: return String(value);
  }
}

/** Quotes user text in a message: strings in double quotes, anything else as JSON. */
export function quote(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  return JSON.stringify(value) ?? String(value);
}
