#!/usr/bin/env node
// Compiles the pinned Chaos Mesh CRDs into schemas/chaos-mesh-crds.json, the bundle that
// `cdk8s-chaos-mesh lint` validates chaos-mesh.org objects against (lib/lint/schema/).
//
//   node scripts/compile-schemas.mjs          (npm run gen:schemas)
//   node scripts/compile-schemas.mjs --check  (exit 1 when the committed bundle is stale)
//
// Per kind: the served version's openAPIV3Schema, with descriptions stripped and keys sorted so
// that the committed output only changes when the upstream schema does. `default` is kept: the
// API server applies structural defaults before it checks `required` (a StatusCheck without
// `type` is accepted because `type` defaults to HTTP), so lint needs them to judge the same way. Schedule, Workflow and
// WorkflowNode embed every chaos spec (and a full container spec), so identical subtrees are
// stored once under `defs` and referenced as {"$ref": "<name>"}; the name is the dotted path
// where the subtree first appears (kinds in alphabetical order), e.g. "PodChaos.spec".
// The upstream files are read, never copied into the repository.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { CHAOS_MESH_VERSION, listUpstream, readUpstream } from './pinned-upstream.mjs';

const root = resolve(import.meta.dirname, '..');
const OUT = join(root, 'schemas', 'chaos-mesh-crds.json');

/** Keys that do not change what validates: documentation and apply-merge hints. */
const DROPPED_KEYS = new Set(['description', 'x-kubernetes-map-type', 'example']);
/** Keys whose values are data, not schemas: copied verbatim, never cleaned or shared. */
const DATA_KEYS = new Set(['default', 'enum']);
/** Subtrees smaller than this (serialized) are cheaper inline than behind a $ref. */
const MIN_SHARED_SIZE = 300;

function clean(node) {
  if (Array.isArray(node)) return node.map(clean);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const key of Object.keys(node).sort()) {
    if (DROPPED_KEYS.has(key)) continue;
    // `properties` holds field names, not schema keywords: keep every name (even "description").
    if (key === 'properties') out[key] = cleanProperties(node[key]);
    else out[key] = DATA_KEYS.has(key) ? node[key] : clean(node[key]);
  }
  return out;
}

function cleanProperties(props) {
  const out = {};
  for (const name of Object.keys(props).sort()) out[name] = clean(props[name]);
  return out;
}

function loadKinds() {
  const kinds = {};
  for (const file of listUpstream('crds').filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const crd = parse(readUpstream(join('crds', file)));
    if (crd?.kind !== 'CustomResourceDefinition') continue;
    const served = crd.spec.versions.filter((v) => v.served);
    const version = served.find((v) => v.storage) ?? served[0];
    if (!version) throw new Error(`${file}: no served version`);
    kinds[crd.spec.names.kind] = {
      group: crd.spec.group,
      version: version.name,
      scope: crd.spec.scope,
      schema: clean(version.schema.openAPIV3Schema),
    };
  }
  return kinds;
}

/** Replaces subtrees that occur more than once (by canonical JSON) with references into defs. */
function share(kinds) {
  const counts = new Map();
  const count = (node) => {
    if (node === null || typeof node !== 'object') return;
    if (!Array.isArray(node)) {
      const text = JSON.stringify(node);
      if (text.length >= MIN_SHARED_SIZE) counts.set(text, (counts.get(text) ?? 0) + 1);
    }
    for (const [key, value] of Object.entries(node)) if (Array.isArray(node) || !DATA_KEYS.has(key)) count(value);
  };
  for (const kind of Object.values(kinds)) count(kind.schema);

  const defs = {};
  const names = new Map();
  const rewrite = (node, path) => {
    if (node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map((item, i) => rewrite(item, `${path}[${i}]`));
    const text = JSON.stringify(node);
    if ((counts.get(text) ?? 0) > 1 && path.includes('.')) {
      let name = names.get(text);
      if (!name) {
        name = path;
        names.set(text, name);
        defs[name] = rewriteChildren(node, path);
      }
      return { $ref: name };
    }
    return rewriteChildren(node, path);
  };
  // Only schema nodes are shared: a `properties` map is walked through, never replaced.
  const rewriteChildren = (node, path) => {
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (DATA_KEYS.has(key)) {
        out[key] = value;
      } else if (key === 'properties') {
        out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, rewrite(s, `${path}.${name}`)]));
      } else if (key === 'items') {
        out[key] = rewrite(value, `${path}[]`);
      } else if (key === 'additionalProperties') {
        out[key] = rewrite(value, `${path}{}`);
      } else {
        out[key] = rewrite(value, `${path}.${key}`);
      }
    }
    return out;
  };

  const out = {};
  for (const name of Object.keys(kinds).sort()) {
    out[name] = { ...kinds[name], schema: rewrite(kinds[name].schema, name) };
  }
  return { kinds: out, defs: inlineSingleUse(out, defs) };
}

/** A def referenced once (its parent was shared instead) is put back where it is used. */
function inlineSingleUse(kinds, defs) {
  for (;;) {
    const uses = new Map();
    const scan = (node) => {
      if (node === null || typeof node !== 'object') return;
      if (typeof node.$ref === 'string') uses.set(node.$ref, (uses.get(node.$ref) ?? 0) + 1);
      for (const value of Object.values(node)) scan(value);
    };
    for (const kind of Object.values(kinds)) scan(kind.schema);
    for (const def of Object.values(defs)) scan(def);
    const single = Object.keys(defs).filter((name) => (uses.get(name) ?? 0) <= 1);
    if (single.length === 0) return Object.fromEntries(Object.keys(defs).sort().map((k) => [k, defs[k]]));
    const replace = (node) => {
      if (node === null || typeof node !== 'object') return node;
      if (Array.isArray(node)) return node.map(replace);
      if (typeof node.$ref === 'string' && single.includes(node.$ref)) return replace(defs[node.$ref]);
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, replace(v)]));
    };
    for (const kind of Object.values(kinds)) kind.schema = replace(kind.schema);
    const kept = Object.keys(defs).filter((name) => !single.includes(name));
    const replaced = Object.fromEntries(kept.map((name) => [name, replace(defs[name])]));
    for (const name of Object.keys(defs)) delete defs[name];
    Object.assign(defs, replaced);
  }
}

const { kinds, defs } = share(loadKinds());
const bundle = {
  comment: `Generated by scripts/compile-schemas.mjs from the Chaos Mesh v${CHAOS_MESH_VERSION} CRDs. Do not edit.`,
  chaosMeshVersion: CHAOS_MESH_VERSION,
  kinds,
  defs,
};
const text = `${JSON.stringify(bundle)}\n`;
if (process.argv.includes('--check')) {
  if (!existsSync(OUT) || readFileSync(OUT, 'utf8') !== text) {
    console.error(`${OUT} is stale: run 'node scripts/compile-schemas.mjs' and commit the result.`);
    process.exit(1);
  }
  console.log(`${OUT} is up to date`);
  process.exit(0);
}
mkdirSync(join(root, 'schemas'), { recursive: true });
writeFileSync(OUT, text);
console.log(`wrote ${OUT}: ${Object.keys(kinds).length} kinds, ${Object.keys(defs).length} shared subtrees, ${(text.length / 1024).toFixed(0)} KiB`);
