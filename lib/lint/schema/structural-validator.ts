import { describeValue, Issue, quote } from '../_issue';
import { fieldPath } from '../../_field-path';
import { isRecord } from '../../_json';
import { unknownFieldReporter } from './_unknown-field';

/** An openAPIV3Schema node as the CRD bundle stores it (descriptions stripped, shared subtrees as `$ref`). */
export type SchemaNode = { readonly [key: string]: any };

/**
 * Validates a value against a Kubernetes structural schema the way the API server does for a
 * custom resource under `kubectl apply --validate=strict`:
 * - unknown fields are errors, except under `x-kubernetes-preserve-unknown-fields: true` (at any
 *   level) and the apiVersion/kind/metadata of `x-kubernetes-embedded-resource` objects;
 * - `null` is accepted for `nullable: true` fields; elsewhere the API server prunes it, which
 *   lint reports as a warning (the field is silently dropped, and a required one goes missing);
 * - a required field with a `default` is never missing: the API server defaults it first;
 * - `x-kubernetes-int-or-string` accepts an integer or a string;
 * - type, enum, required, minimum/maximum (with the boolean exclusive forms the CRDs use),
 *   min/max length and items, pattern, formats int32/int64/date-time/byte, list-type set/map
 *   uniqueness, and anyOf/allOf/oneOf/not value checks.
 *
 * A walker rather than ajv: the schemas are interpreted as they are (no translation of
 * Kubernetes extensions into JSON Schema, no compile step for the 120 KB Schedule and Workflow
 * schemas), and every message names the field path in the finding format and the allowed values.
 */
export class StructuralValidator {
  constructor(private readonly defs: Readonly<Record<string, SchemaNode>>) {}

  /** Appends the problems of `value` at `path` to `out`. */
  public validate(value: unknown, schema: SchemaNode, path: string, out: Issue[]): void {
    const s = this.resolve(schema);
    if (value === null || value === undefined) {
      if (value === null && !s.nullable) {
        const replaced = s.default !== undefined ? ` and set to its default ${quote(s.default)}` : '';
        out.push({
          path,
          severity: 'warning',
          message: `is null; the API server drops null values of fields that are not nullable, so this field is removed${replaced}.`,
          fix: 'Remove the field, or give it a value.',
        });
      }
      return;
    }
    if (s['x-kubernetes-int-or-string']) {
      if (!(typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)))) {
        out.push({ path, message: `must be an integer or a string, found ${describeValue(value)}.`, fix: 'Write an integer (80) or a string ("http").' });
        return;
      }
    } else if (typeof s.type === 'string' && !hasType(value, s.type)) {
      out.push({ path, message: `must be ${TYPE_NAMES[s.type] ?? s.type}, found ${describeValue(value)}.`, fix: typeFix(s.type, value) });
      return;
    }
    this.checkValue(value, s, path, out);
    if (Array.isArray(value)) this.checkArray(value, s, path, out);
    else if (isRecord(value)) this.checkObject(value, s, path, out);
  }

  private resolve(schema: SchemaNode): SchemaNode {
    let s = schema;
    for (let guard = 0; typeof s.$ref === 'string' && guard < 16; guard++) {
      const next = this.defs[s.$ref];
      if (!next) throw new Error(`CRD schema bundle: unknown $ref "${s.$ref}"`);
      s = next;
    }
    return s;
  }

  private checkValue(value: unknown, s: SchemaNode, path: string, out: Issue[]): void {
    if (Array.isArray(s.enum) && !s.enum.some((e: unknown) => e === value)) {
      const allowed = s.enum.map((e: unknown) => quote(e)).join(', ');
      out.push({ path, message: `${quote(value)} is not an allowed value; allowed: ${allowed}.`, fix: `Use one of ${allowed}.` });
    }
    if (typeof value === 'number') this.checkNumber(value, s, path, out);
    if (typeof value === 'string') this.checkString(value, s, path, out);
    if (!s['x-kubernetes-int-or-string']) {
      if (Array.isArray(s.anyOf) && !s.anyOf.some((b: SchemaNode) => this.passes(value, b, path))) {
        out.push({ path, message: `${quote(value)} matches none of the alternatives the schema allows (anyOf).`, fix: 'Check the field against the CRD.' });
      }
      if (Array.isArray(s.oneOf) && s.oneOf.filter((b: SchemaNode) => this.passes(value, b, path)).length !== 1) {
        out.push({ path, message: `${quote(value)} must match exactly one of the alternatives the schema allows (oneOf).`, fix: 'Check the field against the CRD.' });
      }
    }
    if (Array.isArray(s.allOf)) for (const b of s.allOf) this.validate(value, b, path, out);
    if (isRecord(s.not) && this.passes(value, s.not, path)) {
      out.push({ path, message: `${quote(value)} is a value the schema forbids (not).`, fix: 'Check the field against the CRD.' });
    }
  }

  private passes(value: unknown, schema: SchemaNode, path: string): boolean {
    const probe: Issue[] = [];
    this.validate(value, schema, path, probe);
    return !probe.some((i) => i.severity !== 'warning');
  }

  private checkNumber(value: number, s: SchemaNode, path: string, out: Issue[]): void {
    if (typeof s.minimum === 'number') {
      const bad = s.exclusiveMinimum === true ? value <= s.minimum : value < s.minimum;
      if (bad) {
        const bound = s.exclusiveMinimum === true ? `greater than ${s.minimum}` : `at least ${s.minimum}`;
        out.push({ path, message: `${value} is too small: it must be ${bound}.`, fix: `Use a value ${bound}.` });
      }
    }
    if (typeof s.maximum === 'number') {
      const bad = s.exclusiveMaximum === true ? value >= s.maximum : value > s.maximum;
      if (bad) {
        const bound = s.exclusiveMaximum === true ? `less than ${s.maximum}` : `at most ${s.maximum}`;
        out.push({ path, message: `${value} is too large: it must be ${bound}.`, fix: `Use a value ${bound}.` });
      }
    }
    const range = INT_FORMATS[s.format as string];
    if (range && Number.isInteger(value) && (value < range[0] || value > range[1])) {
      out.push({ path, message: `${value} does not fit the ${s.format} format (${range[0]} to ${range[1]}).`, fix: `Use a value within ${s.format}.` });
    }
  }

  private checkString(value: string, s: SchemaNode, path: string, out: Issue[]): void {
    const length = [...value].length;
    if (typeof s.minLength === 'number' && length < s.minLength) {
      out.push({ path, message: `${quote(value)} is too short: at least ${s.minLength} characters.`, fix: `Use at least ${s.minLength} characters.` });
    }
    if (typeof s.maxLength === 'number' && length > s.maxLength) {
      out.push({ path, message: `${quote(value)} is too long: at most ${s.maxLength} characters.`, fix: `Use at most ${s.maxLength} characters.` });
    }
    if (typeof s.pattern === 'string' && !patternFor(s.pattern).test(value)) {
      out.push({ path, message: `${quote(value)} does not match the pattern ${s.pattern}.`, fix: `Write a value matching ${s.pattern}.` });
    }
    if (s.format === 'date-time' && !RFC3339.test(value)) {
      out.push({ path, message: `${quote(value)} is not an RFC 3339 date-time.`, fix: 'Write a date-time like "2025-01-31T12:00:00Z".' });
    }
    if (s.format === 'byte' && !BASE64.test(value)) {
      out.push({ path, message: `${quote(value)} is not base64-encoded data.`, fix: 'Encode the value as standard base64.' });
    }
  }

  private checkArray(value: readonly unknown[], s: SchemaNode, path: string, out: Issue[]): void {
    if (typeof s.minItems === 'number' && value.length < s.minItems) {
      out.push({ path, message: `has ${value.length} items, fewer than the minimum ${s.minItems}.`, fix: `Give at least ${s.minItems} items.` });
    }
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) {
      out.push({ path, message: `has ${value.length} items, more than the maximum ${s.maxItems}.`, fix: `Give at most ${s.maxItems} items.` });
    }
    if (isRecord(s.items)) value.forEach((item, i) => this.validate(item, s.items, fieldPath(path, i), out));
    if (s['x-kubernetes-list-type'] === 'set') {
      const seen = new Set<string>();
      value.forEach((item, i) => {
        const key = JSON.stringify(item);
        if (seen.has(key)) out.push({ path: fieldPath(path, i), message: `duplicates an earlier item ${quote(item)}; this list is a set.`, fix: 'Remove the duplicate.' });
        seen.add(key);
      });
    }
    if (s['x-kubernetes-list-type'] === 'map' && Array.isArray(s['x-kubernetes-list-map-keys'])) {
      const keys: string[] = s['x-kubernetes-list-map-keys'];
      const seen = new Set<string>();
      value.forEach((item, i) => {
        if (!isRecord(item)) return;
        const key = JSON.stringify(keys.map((k) => item[k]));
        if (seen.has(key)) {
          out.push({ path: fieldPath(path, i), message: `has the same ${keys.join('/')} as an earlier item; items of this list must be unique by ${keys.join(', ')}.`, fix: 'Merge or rename the duplicate items.' });
        }
        seen.add(key);
      });
    }
  }

  private checkObject(value: Readonly<Record<string, unknown>>, s: SchemaNode, path: string, out: Issue[]): void {
    const props = isRecord(s.properties) ? (s.properties as Record<string, SchemaNode>) : undefined;
    if (Array.isArray(s.required)) {
      for (const name of s.required as string[]) {
        const v = value[name];
        const child = props?.[name] ? this.resolve(props[name]) : undefined;
        // The API server applies structural defaults (also in place of a pruned null) before it
        // checks `required`, so a required field with a default is never missing.
        if (child?.default !== undefined) continue;
        if (v === undefined || (v === null && !child?.nullable)) {
          out.push({ path: fieldPath(path, name), message: `${quote(name)} is required${path ? ` in ${path}` : ''}.`, fix: `Add ${quote(name)}.` });
        }
      }
    }
    const additional = s.additionalProperties;
    const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
    const embedded = s['x-kubernetes-embedded-resource'] === true;
    const unknown = unknownFieldReporter(path, props ? Object.keys(props) : [], 'the CRD schema');
    for (const [name, v] of Object.entries(value)) {
      const child = props?.[name];
      if (child) {
        if (name === 'metadata' && isOpaqueMetadata(this.resolve(child))) continue; // ObjectMeta: checked separately
        this.validate(v, child, fieldPath(path, name), out);
      } else if (isRecord(additional)) {
        this.validate(v, additional, fieldPath(path, name), out);
      } else if (additional === true || preserve || (embedded && EMBEDDED_FIELDS.has(name))) {
        continue;
      } else if (props || s.type === 'object') {
        const issue = unknown.add(name);
        if (issue) out.push(issue);
      }
    }
    out.push(...unknown.rest());
  }
}

const EMBEDDED_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/** `metadata: {type: object}`: Kubernetes validates it as ObjectMeta, not by the CRD schema. */
function isOpaqueMetadata(s: SchemaNode): boolean {
  return s.type === 'object' && !s.properties && !s.additionalProperties;
}

const TYPE_NAMES: Record<string, string> = {
  object: 'an object (a mapping of fields)',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean (true or false)',
};

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object': return isRecord(value);
    case 'array': return Array.isArray(value);
    case 'string': return typeof value === 'string';
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'boolean': return typeof value === 'boolean';
    default: return true;
  }
}

function typeFix(type: string, value: unknown): string {
  if (type === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return `Quote the value: "${String(value)}".`;
  }
  if ((type === 'integer' || type === 'number') && typeof value === 'string') {
    return `Write the number without quotes${/^-?\d+$/.test(value) ? `: ${value}` : ''}.`;
  }
  return `Write ${TYPE_NAMES[type] ?? type} here.`;
}

const INT_FORMATS: Record<string, readonly [number, number]> = {
  int32: [-2147483648, 2147483647],
  int64: [-9223372036854775808, 9223372036854775807],
};

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const patterns = new Map<string, RegExp>();
function patternFor(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) {
    try {
      re = new RegExp(source, 'u');
    } catch {
      re = /[\s\S]*/; // a pattern JavaScript cannot read is not held against the manifest
    }
    patterns.set(source, re);
  }
  return re;
}
