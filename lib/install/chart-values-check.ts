import { fieldPath } from '../_field-path';
import { isRecord } from '../_json';
import { CHART_SCHEMA, CHART_VERSION, ChartSchemaNode, MOVED_CHART_KEYS, childNode } from './_chart-schema';
import { editDistance, nearest } from './_edit-distance';

/** One problem in a Chaos Mesh chart values tree. */
export interface ChartValueProblem {
  /** Field path of the offending key: `basePath` joined with the key path (`spec.source.helm.valuesObject.dashboard.serviceType`). */
  readonly path: string;
  /** What is wrong, quoting the key or value. */
  readonly message: string;
  /** How to fix it (the nearest valid key for an unknown one). */
  readonly fix: string;
}

const CHART = `the chaos-mesh ${CHART_VERSION} chart`;

/**
 * Checks a chart values tree against the keys and types of the chaos-mesh 2.8.2 chart
 * (values.yaml + values.schema.json, compiled into schemas/chart-values.json).
 *
 * Helm ignores a key the chart does not read, without a word: the reference install's
 * `dashboard.serviceType: ClusterIP` did nothing and left the dashboard on a NodePort. So every
 * unknown key is reported, with the nearest valid key: a known moved key
 * (`dashboard.serviceType` -> `dashboard.service.type`), a camelCase key that is a nested key
 * written flat, a sibling within a small edit distance, or the same key elsewhere in the tree.
 * Values of the wrong type (values.schema.json) and values outside a closed set
 * (`chaosDaemon.runtime`: docker, containerd, crio) are reported too. Free-form maps
 * (nodeSelector, podAnnotations, affinity, env, resources) accept any key. A `null` value is
 * accepted: Helm reads it as "remove the chart default".
 *
 * @param values the values tree (parsed YAML or a `valuesObject`)
 * @param basePath where the tree sits in its object (`spec.source.helm.valuesObject`, `values`, or `''`)
 */
export function checkChartValueKeys(values: unknown, basePath: string): ChartValueProblem[] {
  const out: ChartValueProblem[] = [];
  if (values === undefined || values === null) return out;
  if (!isRecord(values)) {
    out.push({
      path: basePath,
      message: `Chart values must be a mapping of keys, found ${describe(values)}.`,
      fix: 'Write the values as a YAML mapping, for example `dashboard: {securityMode: true}`.',
    });
    return out;
  }
  walk(values, CHART_SCHEMA, { field: basePath, key: '', generic: '' }, out);
  return out;
}

interface Where {
  /** Field path including the base path. */
  readonly field: string;
  /** Chart key path with indices (`dashboard.ingress.hosts[0].name`). */
  readonly key: string;
  /** Chart key path with `[]` for array items (`dashboard.ingress.hosts[].name`). */
  readonly generic: string;
}

function child(where: Where, segment: string | number): Where {
  if (typeof segment === 'number') {
    return { field: fieldPath(where.field, segment), key: fieldPath(where.key, segment), generic: `${where.generic}[]` };
  }
  return {
    field: fieldPath(where.field, segment),
    key: fieldPath(where.key, segment),
    generic: where.generic === '' ? segment : `${where.generic}.${segment}`,
  };
}

function walk(value: unknown, node: ChartSchemaNode, where: Where, out: ChartValueProblem[]): void {
  if (value === null || node.type === 'any') return;
  switch (node.type) {
    case 'object':
      if (!isRecord(value)) return typeProblem(value, 'a mapping', where, out);
      for (const [key, v] of Object.entries(value)) {
        const next = childNode(node, key);
        if (next) walk(v, next, child(where, key), out);
        else out.push(unknownKey(node, where, key));
      }
      return;
    case 'array':
      if (!Array.isArray(value)) return typeProblem(value, 'a list', where, out);
      if (node.items) value.forEach((item, i) => walk(item, node.items!, child(where, i), out));
      return;
    case 'string':
      if (typeof value !== 'string') return typeProblem(value, 'a string', where, out);
      if (node.enum && !node.enum.includes(value)) out.push(enumProblem(value, node.enum, where));
      return;
    case 'integer':
      if (!Number.isInteger(value)) typeProblem(value, 'an integer', where, out);
      return;
    case 'number':
      if (typeof value !== 'number') typeProblem(value, 'a number', where, out);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') typeProblem(value, 'true or false', where, out);
      return;
    case 'scalar':
      if (!['string', 'number', 'boolean'].includes(typeof value)) typeProblem(value, 'a string, number or boolean', where, out);
      return;
    case 'quantity':
      if (typeof value !== 'string' && typeof value !== 'number') typeProblem(value, 'a resource quantity such as "500m" or "256Mi"', where, out);
      return;
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `a list ${JSON.stringify(value)}`;
  if (isRecord(value)) return `a mapping ${JSON.stringify(value)}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return String(JSON.stringify(value) ?? value);
}

function typeProblem(value: unknown, expected: string, where: Where, out: ChartValueProblem[]): void {
  let fix = `Write ${expected} for ${where.key}.`;
  if (typeof value === 'string' && (value === 'true' || value === 'false') && expected === 'true or false') {
    fix = `Write ${value} without quotes.`;
  } else if (typeof value === 'string' && /^-?\d+$/.test(value) && expected === 'an integer') {
    fix = `Write ${value} without quotes.`;
  } else if ((typeof value === 'number' || typeof value === 'boolean') && expected === 'a string') {
    fix = `Quote it: "${value}".`;
  }
  out.push({
    path: where.field,
    message: `Chart value '${where.key}' must be ${expected} (${CHART} values.schema.json), found ${describe(value)}.`,
    fix,
  });
}

function enumProblem(value: string, allowed: readonly string[], where: Where): ChartValueProblem {
  const near = nearest(value, allowed.filter((a) => a !== ''), 1);
  const list = allowed.map((a) => JSON.stringify(a)).join(', ');
  return {
    path: where.field,
    message: `Chart value '${where.key}' is ${JSON.stringify(value)}, which ${CHART} does not accept; allowed: ${list}.`,
    fix: near.length > 0 ? `Did you mean ${JSON.stringify(near[0])}?` : `Use one of ${list}.`,
  };
}

function unknownKey(node: ChartSchemaNode, where: Where, key: string): ChartValueProblem {
  const at = child(where, key);
  const message = `Unknown chart value '${at.key}': ${CHART} does not read it, so Helm would silently ignore it.`;
  const moved = MOVED_CHART_KEYS[at.generic];
  if (moved) {
    return { path: at.field, message: `${message} ${moved.note}`, fix: `Did you mean '${moved.to}'? Write it as ${nestedExample(moved.to)}.` };
  }
  const suggestions = suggest(node, where, key);
  if (suggestions.length > 0) {
    const quoted = suggestions.map((s) => `'${s}'`);
    const fix = quoted.length === 1 ? `Did you mean ${quoted[0]}?` : `Did you mean one of ${quoted.join(', ')}?`;
    return { path: at.field, message, fix };
  }
  const valid = Object.keys(node.properties ?? {});
  const shown = valid.slice(0, 12).join(', ') + (valid.length > 12 ? ` and ${valid.length - 12} more` : '');
  const scope = where.key === '' ? 'at the top level' : `under '${where.key}'`;
  return { path: at.field, message, fix: `Remove it. Keys the chart reads ${scope}: ${shown}.` };
}

/** `dashboard.service.type` -> `dashboard: {service: {type: ...}}`; `hosts[].name` -> `hosts: [{name: ...}]`. */
function nestedExample(dotted: string): string {
  const parts = dotted.split('.');
  let text = `${parts[parts.length - 1]}: ...`;
  for (let i = parts.length - 2; i >= 0; i--) {
    text = parts[i].endsWith('[]') ? `${parts[i].slice(0, -2)}: [{${text}}]` : `${parts[i]}: {${text}}`;
  }
  return text;
}

/** Nearest valid keys for an unknown `key` under `node` (full chart key paths). */
function suggest(node: ChartSchemaNode, where: Where, key: string): string[] {
  const props = node.properties ?? {};
  const prefix = (k: string): string => (where.key === '' ? k : `${where.key}.${k}`);
  // A nested key written flat in camelCase: `serviceType` for `service.type`.
  const flat: [string, number][] = [];
  for (const [name, sub] of Object.entries(props)) {
    for (const inner of Object.keys(sub.properties ?? {})) {
      const d = editDistance(name + inner, key);
      if (d <= 1) flat.push([`${name}.${inner}`, d]);
    }
  }
  flat.sort((a, b) => a[1] - b[1]);
  if (flat.length > 0 && flat[0][1] === 0) return [prefix(flat[0][0])];
  const siblings = nearest(key, Object.keys(props));
  if (siblings.length > 0) return siblings.map(prefix);
  if (flat.length > 0) return [prefix(flat[0][0])];
  // The same key elsewhere in the tree (`socketPath` at the top level for `chaosDaemon.socketPath`).
  return findKey(CHART_SCHEMA, key, '').slice(0, 3);
}

function findKey(node: ChartSchemaNode, key: string, path: string): string[] {
  const out: string[] = [];
  for (const [name, sub] of Object.entries(node.properties ?? {})) {
    const p = path === '' ? name : `${path}.${name}`;
    if (name.toLowerCase() === key.toLowerCase()) out.push(p);
    out.push(...findKey(sub, key, p));
    if (sub.items) out.push(...findKey(sub.items, key, `${p}[]`));
  }
  return out;
}
