import * as YAML from 'yaml';
import { isRecord } from '../_json';
import { CHART_SCHEMA, ChartSchemaNode, childNode } from './_chart-schema';
import { ChaosMeshChartValues } from './chart-values.generated';

/**
 * Merges chart values the way Helm merges a values file over the chart's values: mappings merge
 * key by key, lists and scalars replace, `undefined` is ignored and `null` removes the key.
 * Neither input is modified.
 */
export function mergeChartValues(base: ChaosMeshChartValues, override: ChaosMeshChartValues | undefined): ChaosMeshChartValues {
  return merge(base, override) as ChaosMeshChartValues;
}

function merge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isRecord(override)) return override;
  // Over a non-mapping, the override still loses its nulls (nothing to remove).
  const out: Record<string, unknown> = isRecord(base) ? { ...base } : {};
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    if (value === null) delete out[key];
    else out[key] = merge(out[key], value);
  }
  return out;
}

/** The chart's own defaults (values.yaml of chaos-mesh 2.8.2), as a values tree. */
export function chartDefaults(): ChaosMeshChartValues {
  return defaultsOf(CHART_SCHEMA) as ChaosMeshChartValues;
}

function defaultsOf(node: ChartSchemaNode): unknown {
  if (node.default !== undefined) return structuredClone(node.default);
  if (node.type !== 'object' || !node.properties) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(node.properties)) {
    const value = defaultsOf(sub);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * What the chart will actually use: its defaults with `values` merged over them. Rules that ask
 * "is the dashboard a ClusterIP service?" must read this, not the values alone: a missing
 * `dashboard.service.type` means NodePort in 2.8.2.
 */
export function effectiveChartValues(values: ChaosMeshChartValues): ChaosMeshChartValues {
  return mergeChartValues(chartDefaults(), values);
}

/**
 * The same tree with keys in a stable order: chart keys in values.yaml order, other keys (map
 * entries such as node selector labels) sorted, so that the emitted YAML only changes when a
 * value does.
 */
export function orderChartValues<T>(values: T): T {
  return order(values, CHART_SCHEMA) as T;
}

function order(value: unknown, node: ChartSchemaNode | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => order(item, node?.items));
  if (!isRecord(value)) return value;
  const known = node?.properties ? Object.keys(node.properties) : [];
  const keys = [
    ...known.filter((k) => k in value),
    ...Object.keys(value).filter((k) => !known.includes(k)).sort(),
  ];
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (value[key] === undefined) continue;
    out[key] = order(value[key], node && childNode(node, key));
  }
  return out;
}

/** Chart values as YAML text in the stable key order (what `helm install -f` and k3s `valuesContent` read). */
export function chartValuesToYaml(values: ChaosMeshChartValues): string {
  return YAML.stringify(orderChartValues(values), { lineWidth: 0 });
}
