import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { KubeObject } from '../../kube-object';
import { describeValue, Issue, quote } from '../_issue';
import { fieldPath, PathSegment } from '../../_field-path';
import { isRecord } from '../../_json';
import { EsmValidatorBridge, ModelError } from './_esm-bridge';

/**
 * Packages with generated models of Kubernetes kinds, laid out as `<apiVersion>/<Kind>.js`:
 * the core API (kubernetes-models, Kubernetes 1.3x OpenAPI) and ArgoCD's CRDs. Which kinds are
 * checked is whatever these packages model, not a list kept here.
 */
const MODEL_PACKAGES = ['kubernetes-models', '@kubernetes-models/argo-cd'];

const API_VERSION = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?v[0-9]+((alpha|beta)[0-9]+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

const packageDirs = new Map<string, string | null>();
const modelFiles = new Map<string, string | null>();

function packageDir(name: string): string | undefined {
  if (!packageDirs.has(name)) {
    let dir: string | null = null;
    try {
      dir = path.dirname(require.resolve(`${name}/package.json`));
    } catch {
      // not installed: its kinds are simply unknown
    }
    packageDirs.set(name, dir);
  }
  return packageDirs.get(name) ?? undefined;
}

/** The model module (a file: URL) for apiVersion/kind, or undefined when no package models it. */
export function coreModelFor(apiVersion: string, kind: string): string | undefined {
  if (!API_VERSION.test(apiVersion) || !KIND.test(kind)) return undefined;
  const key = `${apiVersion}/${kind}`;
  if (!modelFiles.has(key)) {
    let found: string | null = null;
    for (const pkg of MODEL_PACKAGES) {
      const dir = packageDir(pkg);
      if (!dir) continue;
      const file = path.join(dir, ...apiVersion.split('/'), `${kind}.js`);
      if (fs.existsSync(file)) {
        found = pathToFileURL(file).href;
        break;
      }
    }
    modelFiles.set(key, found);
  }
  return modelFiles.get(key) ?? undefined;
}

/**
 * Starts the kubernetes-models validation of a core object in the background (lint calls this
 * for every object as it is read, so validation overlaps with YAML parsing); `checkSchema` of
 * the same object later picks the result up. Objects without a model are ignored.
 */
export function prefetchCoreValidation(obj: KubeObject): void {
  if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') return;
  if (obj.apiVersion.startsWith('chaos-mesh.org/')) return;
  const file = coreModelFor(obj.apiVersion, obj.kind);
  if (file) EsmValidatorBridge.get().prefetch(file, obj.kind, obj);
}

/**
 * Validates a core Kubernetes object (or an ArgoCD Application) with its kubernetes-models
 * class and turns the ajv errors into issues with field paths.
 *
 * What kubernetes-models checks: types, required fields, enums and formats from the Kubernetes
 * OpenAPI schema. What it does not: unknown fields (its schemas allow additional properties,
 * so a misspelt `resoures:` passes), and the API server's own validation (for example label
 * selector matching). lint checks ObjectMeta itself; unknown fields of core objects are not
 * reported.
 */
export function checkCoreObject(obj: Record<string, unknown>, file: string): Issue[] | { unavailable: string } {
  const result = EsmValidatorBridge.get().validate(file, String(obj.kind), obj);
  if (!result.ok) return { unavailable: result.reason };
  return convertErrors(result.errors, obj);
}

function convertErrors(errors: readonly ModelError[], obj: unknown): Issue[] {
  const byPath = new Map<string, ModelError[]>();
  for (const e of errors) {
    const list = byPath.get(e.instancePath) ?? [];
    list.push(e);
    byPath.set(e.instancePath, list);
  }
  const out: Issue[] = [];
  for (const [pointer, list] of byPath) {
    const { path: at, value } = resolvePointer(obj, pointer);
    const alternatives = list.some((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
    const types = [...new Set(list.filter((e) => e.keyword === 'type').map((e) => String(e.params.type)))];
    if (alternatives && types.length > 0) {
      const quantity = types.includes('number') && types.includes('string');
      out.push({
        path: at,
        message: `must be ${types.map(typeName).join(' or ')}${quantity ? ' (a quantity such as 256Mi or 0.5)' : ''}, found ${describeValue(value)}.`,
        fix: quantity ? 'Write a Kubernetes quantity, e.g. "256Mi" or "500m".' : `Write ${types.map(typeName).join(' or ')} here.`,
      });
      continue;
    }
    for (const e of list) {
      if (e.keyword === 'oneOf' || e.keyword === 'anyOf') continue;
      if (e.keyword === 'format' && types.length > 0) continue;
      out.push(convertOne(e, at, value));
    }
  }
  return out;
}

function convertOne(e: ModelError, at: string, value: unknown): Issue {
  switch (e.keyword) {
    case 'required': {
      const name = String(e.params.missingProperty);
      return { path: fieldPath(at, name), message: `${quote(name)} is required${at ? ` in ${at}` : ''}.`, fix: `Add ${quote(name)}.` };
    }
    case 'type':
      return { path: at, message: `must be ${typeName(String(e.params.type))}, found ${describeValue(value)}.`, fix: `Write ${typeName(String(e.params.type))} here.` };
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map((v) => quote(v)).join(', ');
      return { path: at, message: `${quote(value)} is not an allowed value; allowed: ${allowed}.`, fix: `Use one of ${allowed}.` };
    }
    case 'additionalProperties': {
      const name = String(e.params.additionalProperty);
      return { path: fieldPath(at, name), message: `unknown field ${quote(name)}.`, fix: 'Remove the field.' };
    }
    case 'format':
      return { path: at, message: `${quote(value)} does not match the format ${quote(e.params.format)}.`, fix: `Write a value in the ${e.params.format} format.` };
    default:
      return { path: at, message: `${quote(value)} ${e.message ?? 'is not valid'} (${e.keyword}).`, fix: 'Check the field against the Kubernetes API reference.' };
  }
}

function typeName(type: string): string {
  switch (type) {
    case 'object': return 'an object';
    case 'array': return 'a list';
    case 'integer': return 'an integer';
    case 'number': return 'a number';
    case 'boolean': return 'a boolean';
    case 'string': return 'a string';
    case 'null': return 'null';
    default: return type;
  }
}

/** JSON pointer to a field path, using the object to tell list indices from map keys. */
function resolvePointer(obj: unknown, pointer: string): { path: string; value: unknown } {
  const segments: PathSegment[] = [];
  let value = obj;
  if (pointer !== '') {
    for (const raw of pointer.slice(1).split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (Array.isArray(value) && /^\d+$/.test(key)) {
        segments.push(Number(key));
        value = value[Number(key)];
      } else {
        segments.push(key);
        value = isRecord(value) ? value[key] : undefined;
      }
    }
  }
  return { path: fieldPath('', ...segments), value };
}
