import * as YAML from 'yaml';
import { KubeObject } from '../kube-object';
import { fieldPath } from '../_field-path';
import { isRecord } from '../_json';
import { hasKey, keyPath } from './_paths';

/**
 * One Chaos Mesh chart values tree found in an object set, with every layer merged the way the
 * tool that installs the chart merges them (ArgoCD: `values` < `valuesObject` < `parameters`;
 * k3s HelmChart: `valuesContent` < `set`).
 */
export interface ChartValues {
  /** The object that carries the values (Application, HelmChart, or a `ChartValues` pseudo-object). */
  readonly source: KubeObject;
  /** Path of the Helm source inside `source` (`spec.source.helm`, `spec.sources[1].helm`, `spec`, `values`). */
  readonly basePath: string;
  /** The effective values (chart defaults not applied: a missing key means the chart default). */
  readonly values: Record<string, unknown>;
  /** Set when a layer could not be read (invalid YAML): rules must report, not pass silently. */
  readonly error?: { readonly path: string; readonly message: string };
  /** The field path a finding about the dotted key (`dashboard.service.type`) should point at. */
  pathOf(dotted: string): string;
}

/** One layer of values, lowest precedence first. */
interface Layer {
  readonly path: string;
  readonly values: Record<string, unknown>;
  /** `--set`-style layers hold one dotted key per entry, at their own paths. */
  readonly setPaths?: ReadonlyMap<string, string>;
}

const CHART_NAME = /(^|\/)chaos-mesh(-v?[0-9][0-9A-Za-z.+-]*\.tgz)?$/;

/** True for a chart reference naming Chaos Mesh (`chaos-mesh`, `chaos-mesh/chaos-mesh`, a `.tgz` URL). */
function isChaosMeshChart(chart: unknown): boolean {
  return typeof chart === 'string' && CHART_NAME.test(chart.trim());
}

/**
 * Every Chaos Mesh chart values tree in the set: ArgoCD `Application` sources whose chart is
 * `chaos-mesh` (`helm.values` YAML text, `helm.valuesObject`, `helm.parameters`), k3s `HelmChart`
 * (`valuesContent`, `set`), and the `ChartValues` pseudo-object that `lint --values FILE` makes.
 */
export function findChartValues(objects: readonly KubeObject[]): ChartValues[] {
  const out: ChartValues[] = [];
  for (const obj of objects) {
    if (!isRecord(obj)) continue;
    if (obj.apiVersion === 'cdk8s-chaos-mesh.io/v1' && obj.kind === 'ChartValues') {
      const values = isRecord(obj.values) ? obj.values : {};
      out.push(build(obj, 'values', [{ path: 'values', values }], undefined));
    } else if (typeof obj.apiVersion === 'string' && obj.apiVersion.startsWith('argoproj.io/')
      && obj.kind === 'Application' && isRecord(obj.spec)) {
      const sources: [unknown, string][] = [];
      if (isRecord(obj.spec.source)) sources.push([obj.spec.source, 'spec.source']);
      if (Array.isArray(obj.spec.sources)) {
        obj.spec.sources.forEach((s: unknown, i: number) => sources.push([s, fieldPath('spec', 'sources', i)]));
      }
      for (const [source, path] of sources) {
        if (!isRecord(source)) continue;
        if (!isChaosMeshChart(source.chart) && !(typeof source.path === 'string' && isChaosMeshChart(source.path))) continue;
        out.push(fromArgoHelm(obj, source.helm, fieldPath(path, 'helm')));
      }
    } else if (typeof obj.apiVersion === 'string' && obj.apiVersion.startsWith('helm.cattle.io/')
      && obj.kind === 'HelmChart' && isRecord(obj.spec) && isChaosMeshChart(obj.spec.chart)) {
      out.push(fromHelmChart(obj));
    }
  }
  return out;
}

function parseYamlLayer(text: unknown, path: string): { layer?: Layer; error?: ChartValues['error'] } {
  if (typeof text !== 'string') {
    return { error: { path, message: `${path} must be YAML text, found ${JSON.stringify(text)}` } };
  }
  const doc = YAML.parseDocument(text);
  if (doc.errors.length > 0) {
    return { error: { path, message: `${path} is not valid YAML: ${doc.errors[0].message.split('\n')[0]}` } };
  }
  let values: unknown;
  try {
    values = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    // e.g. an alias bomb: the text cannot be expanded into values.
    return { error: { path, message: `${path} cannot be read as YAML: ${(e as Error).message}` } };
  }
  if (values === null || values === undefined) return { layer: { path, values: {} } };
  if (!isRecord(values)) {
    return { error: { path, message: `${path} must be a YAML mapping of chart values, found ${JSON.stringify(values)}` } };
  }
  return { layer: { path, values } };
}

function fromArgoHelm(app: KubeObject, helm: unknown, helmPath: string): ChartValues {
  const layers: Layer[] = [];
  let error: ChartValues['error'];
  if (isRecord(helm)) {
    if (helm.values !== undefined && helm.values !== null) {
      const path = fieldPath(helmPath, 'values');
      // ArgoCD also accepts an object under `values` (it converts it); treat it like valuesObject.
      const parsed: ReturnType<typeof parseYamlLayer> = isRecord(helm.values)
        ? { layer: { path, values: helm.values } }
        : parseYamlLayer(helm.values, path);
      if (parsed.layer) layers.push(parsed.layer);
      error ??= parsed.error;
    }
    if (isRecord(helm.valuesObject)) layers.push({ path: fieldPath(helmPath, 'valuesObject'), values: helm.valuesObject });
    if (Array.isArray(helm.parameters)) {
      const values: Record<string, unknown> = {};
      const setPaths = new Map<string, string>();
      helm.parameters.forEach((p: unknown, i: number) => {
        if (!isRecord(p) || typeof p.name !== 'string') return;
        setDotted(values, p.name, p.forceString ? String(p.value) : helmSetValue(p.value));
        setPaths.set(unescapeDots(p.name), fieldPath(helmPath, 'parameters', i, 'value'));
      });
      layers.push({ path: fieldPath(helmPath, 'parameters'), values, setPaths });
    }
  }
  return build(app, helmPath, layers, error, fieldPath(helmPath, 'valuesObject'));
}

function fromHelmChart(chart: KubeObject): ChartValues {
  const layers: Layer[] = [];
  let error: ChartValues['error'];
  if (chart.spec.valuesContent !== undefined && chart.spec.valuesContent !== null) {
    const parsed = parseYamlLayer(chart.spec.valuesContent, 'spec.valuesContent');
    if (parsed.layer) layers.push(parsed.layer);
    error ??= parsed.error;
  }
  if (isRecord(chart.spec.set)) {
    const values: Record<string, unknown> = {};
    const setPaths = new Map<string, string>();
    for (const [name, value] of Object.entries(chart.spec.set)) {
      // helm-controller passes strings with --set-string and everything else with --set.
      setDotted(values, name, value);
      setPaths.set(unescapeDots(name), fieldPath('spec', 'set', name));
    }
    layers.push({ path: 'spec.set', values, setPaths });
  }
  return build(chart, 'spec', layers, error, 'spec.valuesContent');
}

function build(source: KubeObject, basePath: string, layers: Layer[], error: ChartValues['error'], defaultLayerPath?: string): ChartValues {
  const values = layers.reduce<Record<string, unknown>>((acc, layer) => deepMerge(acc, layer.values), {});
  return {
    source,
    basePath,
    values,
    error,
    pathOf(dotted: string): string {
      for (let i = layers.length - 1; i >= 0; i--) {
        const layer = layers[i];
        if (layer.setPaths) {
          const exact = layer.setPaths.get(dotted);
          if (exact) return exact;
          continue;
        }
        if (hasKey(layer.values, dotted)) return keyPath(layer.path, dotted);
      }
      const preferred = [...layers].reverse().find((l) => !l.setPaths);
      return keyPath(preferred?.path ?? defaultLayerPath ?? basePath, dotted);
    },
  };
}

function deepMerge(base: Record<string, unknown>, overlay: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    out[key] = isRecord(value) && isRecord(out[key]) ? deepMerge(out[key] as Record<string, unknown>, value) : value;
  }
  return out;
}

/** Splits a `--set` name on unescaped dots (`a\.b.c` is `a.b` then `c`). */
function splitDotted(name: string): string[] {
  return name.split(/(?<!\\)\./).map((s) => s.replace(/\\\./g, '.'));
}

function unescapeDots(name: string): string {
  return splitDotted(name).join('.');
}

function setDotted(tree: Record<string, unknown>, name: string, value: unknown): void {
  const keys = splitDotted(name);
  let node = tree;
  keys.slice(0, -1).forEach((key) => {
    if (!isRecord(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  });
  node[keys[keys.length - 1]] = value;
}

/** `helm --set` typing: `true`/`false` become booleans and integers numbers; everything else stays text. */
function helmSetValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^-?[0-9]+$/.test(value)) return Number(value);
  return value;
}
