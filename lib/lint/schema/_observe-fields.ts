import { fieldPath, PathSegment } from '../../_field-path';
import { isRecord } from '../../_json';
import { Issue } from '../_issue';
import { unknownFieldReporter } from './_unknown-field';

/**
 * Field names a compiled validator cannot know about. kubernetes-models' generator leaves out
 * properties named `description` and `x-…` (JSONSchemaProps `x-kubernetes-preserve-unknown-fields`,
 * AppProject `spec.description`, ...), so a field with such a name is never reported as unknown.
 * test/lint/schema/model-fields.test.ts checks that every other declared field is read.
 */
function mayBeUndeclared(name: string): boolean {
  return name === 'description' || name.startsWith('x-');
}

/** What a validator run saw of each object node: the names it read, and whether it listed the keys. */
export interface Observation {
  readonly reads: WeakMap<object, Set<string>>;
  readonly enumerated: WeakSet<object>;
}

/**
 * Runs `validate` on a view of `value` that records which property names the validator reads on
 * each object node.
 *
 * Why: kubernetes-models ships ajv-compiled validators, not JSON schema objects, and its schemas
 * accept additional properties, so it never reports a misspelt `resoures:`. A compiled validator
 * still reads every property its schema defines on every object it checks (`data.minReadySeconds
 * !== undefined && ...`), and lists the keys (`for (k in data)`) only where the schema is a map
 * (`additionalProperties`). So the names read on a node are that node's fields; a key never read
 * on a node whose fields were read is unknown to the schema. A node whose keys are listed is a
 * map (labels, data, resources.limits), and a node on which nothing is read is free-form
 * (`x-kubernetes-preserve-unknown-fields`, RawExtension, an Application's `helm.valuesObject`),
 * or was not reached under a type error: neither reports unknown fields.
 */
export function observe<T>(validate: (data: unknown) => T, value: unknown): { result: T; observation: Observation } {
  const reads = new WeakMap<object, Set<string>>();
  const enumerated = new WeakSet<object>();
  const proxies = new WeakMap<object, object>();
  const wrap = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object') return node;
    let proxy = proxies.get(node);
    if (!proxy) {
      const seen = new Set<string>();
      reads.set(node, seen);
      // A frozen or sealed object cannot stand behind a proxy that hands out other values (the
      // proxy invariants); a shallow copy can.
      const target = Object.isExtensible(node) ? node : Array.isArray(node) ? [...node] : { ...node };
      proxy = new Proxy(target, {
        get: (t, key) => {
          if (typeof key === 'string') seen.add(key);
          return wrap(Reflect.get(t, key));
        },
        has: (t, key) => {
          if (typeof key === 'string') seen.add(key);
          return Reflect.has(t, key);
        },
        ownKeys: (t) => {
          enumerated.add(node);
          return Reflect.ownKeys(t);
        },
      });
      proxies.set(node, proxy);
    }
    return proxy;
  };
  const result = validate(wrap(value));
  return { result, observation: { reads, enumerated } };
}

/** Unknown fields of `value` as an observed validator run saw them (see `observe`). */
export function unknownFields(value: unknown, observation: Observation, schema: string): Issue[] {
  const out: Issue[] = [];
  walk(value, [], observation, schema, out);
  return out;
}

function walk(value: unknown, at: readonly PathSegment[], observation: Observation, schema: string, out: Issue[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, [...at, i], observation, schema, out));
    return;
  }
  if (!isRecord(value)) return;
  const seen = observation.reads.get(value);
  if (!seen) return; // not reached by the validator
  const isMap = observation.enumerated.has(value);
  if (!isMap && seen.size === 0) return; // free-form
  const unknown = unknownFieldReporter(fieldPath('', ...at), [...seen], schema);
  for (const [name, child] of Object.entries(value)) {
    if (isMap || seen.has(name) || mayBeUndeclared(name)) {
      walk(child, [...at, name], observation, schema, out);
    } else {
      const issue = unknown.add(name);
      if (issue) out.push(issue);
    }
  }
  out.push(...unknown.rest());
}
