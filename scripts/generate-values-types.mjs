#!/usr/bin/env node
// Generates the typed Chaos Mesh chart values from the pinned chart's values.yaml (keys, defaults
// and comments) and values.schema.json (types):
//
//   node scripts/generate-values-types.mjs              (npm run gen:values)
//   node scripts/generate-values-types.mjs --out DIR    (writes under DIR instead of the repository)
//
// Outputs, both committed and both deterministic (same bytes on every run):
// - lib/install/chart-values.generated.ts: the `ChaosMeshChartValues` interface tree (readonly,
//   all optional, values.yaml comments as doc comments, chart defaults as @default), so that an
//   unknown or misspelled key is a compile error;
// - schemas/chart-values.json: the compiled key tree (types, enums, defaults, open maps) that
//   checkChartValueKeys() walks at run time for values that did not go through the compiler
//   (lint of values files, ArgoCD `helm.values`, k3s `valuesContent`).
//
// The schema is used as is where it is precise. Where it is open (`{"type":"object"}` for
// nodeSelector, podAnnotations, resources, ...), a Kubernetes type is substituted (BY_KEY below),
// closed sets the schema leaves as plain strings become unions (ENUMS), and keys the 2.8.2
// templates read that values.yaml only shows as comments are added (EXTRA_KEYS). The generator
// stops if values.yaml has a key the schema lacks. The upstream files are read, never copied.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseDocument, isMap, isSeq } from 'yaml';
import { CHAOS_MESH_VERSION, readUpstream } from './pinned-upstream.mjs';
import { assignComments, attachNote, commentLines, paragraphs } from './_values-comments.mjs';
import { renderJson, renderTs } from './_values-render.mjs';

const COMMAND = 'node scripts/generate-values-types.mjs';
const TS_OUT = 'lib/install/chart-values.generated.ts';
const JSON_OUT = 'schemas/chart-values.json';

// ---------------------------------------------------------------------------------------------
// Knowledge the two upstream files do not carry (each entry says where it comes from).

/** Kubernetes types for the schema's open objects and arrays, by key name. */
const BY_KEY = {
  nodeSelector: { kind: 'stringMap' },
  podAnnotations: { kind: 'stringMap' },
  serviceAccountAnnotations: { kind: 'stringMap' },
  customLabels: { kind: 'stringMap' },
  annotations: { kind: 'stringMap' },
  affinity: { kind: 'json', ts: 'ChartJsonObject', note: 'A Kubernetes `Affinity` (free-form here: any key is passed to the pod spec).' },
  securityContext: { kind: 'json', ts: 'ChartJsonObject', note: 'A Kubernetes security context (free-form here).' },
  updateStrategy: { kind: 'json', ts: 'ChartJsonObject', note: 'A Kubernetes `DaemonSetUpdateStrategy` (free-form here).' },
  tolerations: { kind: 'jsonArray', note: 'Kubernetes `Toleration` objects (free-form here).' },
  extraContainers: { kind: 'jsonArray', note: 'Kubernetes `Container` objects (free-form here).' },
  extraObjects: { kind: 'jsonArray', note: 'Kubernetes objects (free-form here).' },
  imagePullSecrets: { kind: 'pullSecrets' },
  resources: { kind: 'resources' },
  env: { kind: 'env' },
  imagePullPolicy: { kind: 'enum', ts: 'ChartImagePullPolicy', values: ['Always', 'IfNotPresent', 'Never'], source: 'Kubernetes Container.imagePullPolicy' },
};

/** Closed sets for string values, by dotted path (`*` matches one key). */
const ENUMS = {
  'chaosDaemon.runtime': {
    ts: 'ChartContainerRuntime', values: ['docker', 'containerd', 'crio'],
    source: 'values.yaml: "we only supports docker, containerd and CRI-O"; its CRI-O example sets `runtime: crio`',
  },
  '*.service.type': {
    ts: 'ChartServiceType', values: ['ClusterIP', 'NodePort', 'LoadBalancer'],
    source: 'Kubernetes Service.spec.type (ExternalName is left out: the chart sets no externalName)',
  },
  'webhook.FailurePolicy': { ts: 'ChartWebhookFailurePolicy', values: ['Fail', 'Ignore'], source: 'admissionregistration.k8s.io/v1 failurePolicy' },
  'controllerManager.localHelmChart.volume.hostPath.type': {
    ts: 'ChartHostPathType', values: ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'],
    source: 'Kubernetes HostPathVolumeSource.type',
  },
};

/** Keys the 2.8.2 templates read that values.yaml only shows commented out. */
const EXTRA_KEYS = [
  { path: 'dashboard.service.clusterIP', node: { kind: 'string' } },
  { path: 'dashboard.service.nodePort', node: { kind: 'integer' } },
  { path: 'dashboard.service.loadBalancerSourceRanges', node: { kind: 'array', items: { kind: 'string' } } },
  { path: 'dashboard.ingress.annotations', node: { kind: 'stringMap' } },
  { path: 'dashboard.ingress.hosts[].tlsHosts', node: { kind: 'array', items: { kind: 'string' } } },
  { path: 'chaosDaemon.socketDir', node: { kind: 'string' } },
];

/**
 * Keys people write that the chart does not read, with the key it does read. Most misspellings
 * are found by edit distance and by splitting camelCase keys into nested ones; these cannot be.
 */
const MOVED_KEYS = {
  'dashboard.serviceType': {
    to: 'dashboard.service.type',
    note: 'The 2.8.2 chart reads dashboard.service.type (default NodePort) and ignores dashboard.serviceType, so the dashboard stays reachable on every node.',
  },
  'dashboard.ingress.host': { to: 'dashboard.ingress.hosts[].name', note: 'The chart takes a list of hosts: dashboard.ingress.hosts: [{name: ...}].' },
  'dashboard.ingress.hostname': { to: 'dashboard.ingress.hosts[].name', note: 'The chart takes a list of hosts: dashboard.ingress.hosts: [{name: ...}].' },
  'dashboard.ingress.tls': { to: 'dashboard.ingress.hosts[].tls', note: 'TLS is set per host: dashboard.ingress.hosts: [{name: ..., tls: true, tlsSecret: ...}].' },
};

// ---------------------------------------------------------------------------------------------

function parseArgs(argv) {
  let out = resolve(import.meta.dirname, '..');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1]) out = resolve(argv[++i]);
    else throw new Error(`Unknown argument '${argv[i]}'. Usage: ${COMMAND} [--out DIR]`);
  }
  return { out };
}

// ---------------------------------------------------------------------------------------------
// Tree: { kind, props?: Map<string, Node>, items?, enum?, ts?, default?, doc: string[], notes: string[][], extra? }

function matchesPattern(pattern, path) {
  const a = pattern.split('.');
  const b = path.split('.');
  if (a.length !== b.length) {
    if (a[0] !== '*') return false;
    return matchesPattern(a.slice(1).join('.'), b.slice(b.length - (a.length - 1)).join('.'));
  }
  return a.every((seg, i) => seg === '*' || seg === b[i]);
}

function enumFor(path) {
  for (const [pattern, e] of Object.entries(ENUMS)) if (matchesPattern(pattern, path)) return e;
  return undefined;
}

function fromSchema(schema, path, key) {
  const overlay = BY_KEY[key];
  if (overlay && overlay.kind !== 'enum') return overlayNode(overlay, schema, path);
  const e = enumFor(path) ?? (overlay?.kind === 'enum' ? overlay : undefined);
  switch (schema.type) {
    case 'object': {
      if (!schema.properties) return { kind: 'json', ts: 'ChartJsonObject', doc: [], notes: [] };
      const props = new Map();
      for (const [k, child] of Object.entries(schema.properties)) props.set(k, fromSchema(child, path ? `${path}.${k}` : k, k));
      return { kind: 'object', props, doc: [], notes: [] };
    }
    case 'array':
      return { kind: 'array', items: schema.items ? fromSchema(schema.items, `${path}[]`, '') : { kind: 'any', doc: [], notes: [] }, doc: [], notes: [] };
    case 'string':
      return e ? { kind: 'string', enum: e.values, ts: e.ts, enumSource: e.source, doc: [], notes: [] } : { kind: 'string', doc: [], notes: [] };
    case 'integer': case 'number': case 'boolean':
      return { kind: schema.type, doc: [], notes: [] };
    default:
      throw new Error(`values.schema.json: unsupported type ${JSON.stringify(schema.type)} at ${path}`);
  }
}

function overlayNode(overlay, schema, path) {
  const base = { doc: [], notes: overlay.note ? [[overlay.note]] : [] };
  switch (overlay.kind) {
    case 'env': {
      // An env map: the chart turns every key into a container env var; the schema's properties
      // are the documented ones (typed), anything else is allowed.
      const props = new Map();
      for (const [k, child] of Object.entries(schema.properties ?? {})) props.set(k, fromSchema(child, `${path}.${k}`, k));
      return { ...base, kind: 'env', props };
    }
    case 'resources':
      return { ...base, kind: 'resources', ts: 'ChartResourceRequirements' };
    case 'pullSecrets':
      return { ...base, kind: 'array', ts: 'readonly ChartLocalObjectReference[]', items: { kind: 'object', props: new Map([['name', { kind: 'string', doc: [], notes: [] }]]), doc: [], notes: [] } };
    case 'stringMap':
      return { ...base, kind: 'stringMap', ts: 'ChartStringMap' };
    case 'jsonArray':
      return { ...base, kind: 'array', ts: 'readonly ChartJsonObject[]', items: { kind: 'json', doc: [], notes: [] } };
    default:
      return { ...base, kind: overlay.kind, ts: overlay.ts };
  }
}

function fromExtra(spec) {
  const n = spec.kind === 'stringMap' ? { kind: 'stringMap', ts: 'ChartStringMap' } : { ...spec };
  if (n.items) n.items = fromExtra(n.items);
  return { ...n, doc: [], notes: [], extra: true };
}

function addExtraKeys(root) {
  for (const { path, node } of EXTRA_KEYS) {
    const segs = path.split('.');
    let cur = root;
    for (const seg of segs.slice(0, -1)) {
      const isItem = seg.endsWith('[]');
      cur = cur.props?.get(isItem ? seg.slice(0, -2) : seg);
      if (cur && isItem) cur = cur.items;
      if (!cur || !cur.props) throw new Error(`EXTRA_KEYS: ${path} has no object parent in values.schema.json`);
    }
    const name = segs[segs.length - 1];
    if (cur.props.has(name)) throw new Error(`EXTRA_KEYS: ${path} is already in values.schema.json; remove it from EXTRA_KEYS`);
    cur.props.set(name, fromExtra(node));
  }
}

/** Walks values.yaml alongside the tree: key order, defaults and comments. */
function annotate(node, yamlNode, path) {
  if (!isMap(yamlNode)) return;
  if (!node.props) return;
  const ordered = new Map();
  const pairs = yamlNode.items;
  // Text before each key: the parent map's leading comment (first key), the previous value's
  // trailing comment and the key's own comment.
  let carried = commentLines(yamlNode.commentBefore);
  let prev;
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i];
    const key = String(pair.key.value);
    const child = node.props.get(key);
    if (!child) throw new Error(`values.yaml key ${path ? `${path}.` : ''}${key} is not in values.schema.json`);
    // The first key of the file carries the licence header, not documentation.
    const own = path === '' && i === 0 ? [] : commentLines(pair.key.commentBefore);
    const lines = [...carried, ...(carried.length && own.length ? [null] : []), ...own];
    assignComments(lines, child, prev, node);
    ordered.set(key, child);
    const value = pair.value;
    child.default = value === null ? null : value.toJSON();
    const childPath = path ? `${path}.${key}` : key;
    if (child.kind === 'object' || child.kind === 'env') annotate(child, value, childPath);
    else if (isMap(value) && value.commentBefore) child.notes.push(...paragraphs(commentLines(value.commentBefore)));
    if (child.kind === 'array' && isSeq(value) && child.items?.props) {
      for (const item of value.items) annotate(child.items, item, `${childPath}[]`);
    }
    carried = commentLines(value?.comment);
    prev = child;
  }
  if (carried.length > 0 && prev) for (const p of paragraphs(carried)) attachNote(p, prev, node);
  // Keys from the schema that values.yaml lacks (none in 2.8.2) and EXTRA_KEYS keep their place after.
  for (const [k, v] of node.props) if (!ordered.has(k)) ordered.set(k, v);
  node.props = ordered;
}

// ---------------------------------------------------------------------------------------------

function main() {
  const { out } = parseArgs(process.argv.slice(2));
  const valuesText = readUpstream('values.yaml');
  const schema = JSON.parse(readUpstream('values.schema.json'));
  const doc = parseDocument(valuesText);
  if (doc.errors.length > 0) throw new Error(`values.yaml: ${doc.errors[0].message}`);
  const root = fromSchema(schema, '', '');
  addExtraKeys(root);
  annotate(root, doc.contents, '');
  const meta = { command: COMMAND, version: CHAOS_MESH_VERSION, movedKeys: MOVED_KEYS };
  for (const [file, text] of [[TS_OUT, renderTs(root, meta)], [JSON_OUT, renderJson(root, meta)]]) {
    const target = join(out, file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
}

main();
