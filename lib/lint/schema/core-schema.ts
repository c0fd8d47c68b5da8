import * as fs from 'fs';
import * as path from 'path';
import { KubeObject } from '../../kube-object';
import { describeValue, Issue, quote } from '../_issue';
import { fieldPath, PathSegment } from '../../_field-path';
import { isRecord } from '../../_json';
import { observe, unknownFields } from './_observe-fields';

/**
 * Packages with generated models of Kubernetes kinds, laid out as `<apiVersion>/<Kind>.js`:
 * the core API (kubernetes-models, Kubernetes 1.3x OpenAPI) and ArgoCD's CRDs. Which kinds are
 * checked is whatever these packages model, not a list kept here.
 */
const MODEL_PACKAGES = ['kubernetes-models', '@kubernetes-models/argo-cd'];

const API_VERSION = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?v[0-9]+((alpha|beta)[0-9]+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;
/** How a model module loads its compiled validator: `require("../../_schemas/X.js")`. */
const SCHEMA_REQUIRE = /require\("((?:\.\.?\/)+_schemas\/[A-Za-z0-9_]+\.js)"\)/;

/** One ajv error as the compiled kubernetes-models validators report it. */
interface ModelError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Record<string, any>;
  readonly message?: string;
}

/** An ajv standalone validator: returns true, or false with `errors` set. */
interface CompiledValidator {
  (data: unknown): boolean;
  errors?: readonly ModelError[] | null;
}

/**
 * The Kubernetes schemas could not be loaded (a broken or incomplete installation). lint exits 2
 * with this message: a tool that cannot check must never read as "checked, clean".
 */
export class SchemaLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaLoadError';
  }
}

let packageDirs: readonly string[] | undefined;
const modelFiles = new Map<string, string | null>();
const validators = new Map<string, CompiledValidator>();

/**
 * The model packages' directories. A missing package is a SchemaLoadError, not "no schema known":
 * otherwise every core object of a broken installation would pass with a mere warning.
 */
function modelPackageDirs(): readonly string[] {
  if (!packageDirs) {
    const dirs: string[] = [];
    const missing: string[] = [];
    for (const pkg of MODEL_PACKAGES) {
      try {
        dirs.push(path.dirname(require.resolve(`${pkg}/package.json`)));
      } catch {
        missing.push(pkg);
      }
    }
    if (missing.length > 0) {
      throw new SchemaLoadError(`cannot find the package${missing.length > 1 ? 's' : ''} ${missing.map((p) => `"${p}"`).join(' and ')}, which ${missing.length > 1 ? 'hold' : 'holds'} the Kubernetes schemas of core kinds; reinstall the dependencies (npm ci)`);
    }
    packageDirs = dirs;
  }
  return packageDirs;
}

/**
 * The model module (an absolute file path) for apiVersion/kind, or undefined when no package
 * models it.
 * @throws SchemaLoadError when a model package is missing
 */
export function coreModelFor(apiVersion: string, kind: string): string | undefined {
  if (!API_VERSION.test(apiVersion) || !KIND.test(kind)) return undefined;
  const key = `${apiVersion}/${kind}`;
  if (!modelFiles.has(key)) {
    let found: string | null = null;
    for (const dir of modelPackageDirs()) {
      const file = path.join(dir, ...apiVersion.split('/'), `${kind}.js`);
      if (fs.existsSync(file)) {
        found = file;
        break;
      }
    }
    modelFiles.set(key, found);
  }
  return modelFiles.get(key) ?? undefined;
}

/**
 * Checks a core Kubernetes object (or an ArgoCD Application) with the compiled kubernetes-models
 * schema of its kind and turns the ajv errors into issues with field paths: types, required
 * fields, enums, formats, and fields the schema does not define (which kubernetes-models itself
 * lets pass). Returns undefined when no model package knows the kind. The API server's own
 * validation (for example label selector matching) is not covered; ObjectMeta is checked by
 * `checkObjectMeta`. Validators are loaded on first use and kept for the life of the process.
 * @throws SchemaLoadError when a model package is missing or the kind's validator cannot be loaded
 */
export function coreSchemaIssues(obj: KubeObject): Issue[] | undefined {
  if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') return undefined;
  const model = coreModelFor(obj.apiVersion, obj.kind);
  if (!model) return undefined;
  const validate = validatorOf(model, `${obj.apiVersion} ${obj.kind}`);
  const { result: valid, observation } = observe(validate, obj);
  const errors = valid ? [] : [...(validate.errors ?? [])];
  return [...convertErrors(errors, obj), ...unknownFields(obj, observation, `the ${obj.apiVersion} ${obj.kind} schema`)];
}

/**
 * The compiled validator that the model module `model` uses. Not the model class itself: its
 * `validate()` checks a copy of the data, which would hide the reads `observe` relies on.
 */
function validatorOf(model: string, kindName: string): CompiledValidator {
  let validate = validators.get(model);
  if (!validate) {
    let file = model;
    try {
      const match = SCHEMA_REQUIRE.exec(fs.readFileSync(model, 'utf8'));
      if (!match) throw new Error('its model module does not load a compiled validator');
      file = path.resolve(path.dirname(model), match[1]);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(file) as { validate?: unknown };
      if (typeof mod.validate !== 'function') throw new Error(`${file} has no "validate" export`);
      validate = mod.validate as CompiledValidator;
    } catch (err) {
      // The first line only: Node appends the whole "Require stack:" to a module it cannot find.
      const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0];
      throw new SchemaLoadError(`cannot load the Kubernetes schema of ${kindName} (${file}): ${reason}`);
    }
    validators.set(model, validate);
  }
  return validate;
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
    case 'pattern':
      return { path: at, message: `${quote(value)} does not match the pattern ${e.params.pattern}.`, fix: `Write a value matching ${e.params.pattern}.` };
    case 'minLength':
      return { path: at, message: `${quote(value)} is too short: at least ${e.params.limit} characters.`, fix: `Use at least ${e.params.limit} characters.` };
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
