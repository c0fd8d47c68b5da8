import { checkChartValueKeys } from '../install/chart-values-check';
import { KubeObject, objectRef } from '../kube-object';
import { checkSafety } from '../safety/engine';
import { findChartValues } from '../safety/chart-values';
import { Finding, Severity } from '../safety/finding';
import { SafetyOptions } from '../safety/options';
import { toFindings } from './_issue';
import { fieldPath, parseFieldPath } from '../_field-path';
import { admissionIssues } from './admission/check-admission';
import { InputError, LoadedManifests, loadManifests } from './loader';
import { schemaIssues } from './schema/check-schema';

/** Options of `lintPaths` and `lintManifests`. */
export interface LintOptions {
  /**
   * Plain chart values files, checked like an Application's `helm.valuesObject`.
   * @default []
   */
  readonly valuesFiles?: readonly string[];
  /**
   * Warnings count as errors (and are reported with severity `error`).
   * @default false
   */
  readonly strict?: boolean;
  /**
   * Options of the safety rules (maximum duration, protected namespaces, Chaos Mesh namespace).
   * @default - the SafetyOptions defaults
   */
  readonly safety?: SafetyOptions;
  /**
   * Directory that file names are relative to.
   * @default process.cwd()
   */
  readonly cwd?: string;
}

/** A finding with the place it points at. */
export interface LocatedFinding extends Finding {
  /** File the finding's object was read from ("" when it is about no single object). */
  readonly file: string;
  /** 1-based line of the field (or of the object when the field is not in the file); 0 when unknown. */
  readonly line: number;
}

/** Counts of a lint run, as the JSON report's `summary` gives them. */
export interface LintSummary {
  readonly files: number;
  readonly objects: number;
  /** Errors that are not acknowledged (warnings included under `strict`). */
  readonly errors: number;
  /** Warnings that are not acknowledged. */
  readonly warnings: number;
  readonly acknowledged: number;
}

/** Everything one lint run found. */
export interface LintResult {
  /** Files read, in reading order. */
  readonly files: readonly string[];
  readonly findings: readonly LocatedFinding[];
  /** Unusable input: when present, nothing was checked and the exit code is 2. */
  readonly inputErrors: readonly InputError[];
  readonly summary: LintSummary;
  /** 0: no errors; 1: errors; 2: unusable input. */
  readonly exitCode: 0 | 1 | 2;
}

/**
 * Loads the paths and lints everything in them (see `lintManifests`).
 * @throws SchemaLoadError when the Kubernetes schemas cannot be loaded (nothing was checked)
 */
export function lintPaths(paths: readonly string[], options: LintOptions = {}): LintResult {
  const loaded = loadManifests(paths, { valuesFiles: options.valuesFiles, cwd: options.cwd });
  return lintManifests(loaded, options);
}

/**
 * Lints loaded manifests in one pass: schema findings and admission findings per object, the
 * safety rules over the whole set at once (a chaos object in one file resolves its target in
 * another), unknown chart values keys, and input warnings. Findings are located (file and the
 * line of the field) and sorted by file, line, rule and path.
 *
 * Input with no object at all (files holding only comments or `---`) is unusable input, exit
 * code 2: an empty synth output must not pass as clean.
 * @throws SchemaLoadError when the Kubernetes schemas cannot be loaded (nothing was checked)
 */
export function lintManifests(loaded: LoadedManifests, options: LintOptions = {}): LintResult {
  const objects = loaded.objects;
  const inputErrors = loaded.errors.length > 0 ? loaded.errors : objects.length === 0 ? nothingToCheck(loaded) : [];
  if (inputErrors.length > 0) {
    return {
      files: loaded.files,
      findings: [],
      inputErrors,
      summary: { files: loaded.files.length, objects: objects.length, errors: 0, warnings: 0, acknowledged: 0 },
      exitCode: 2,
    };
  }
  const raw: Finding[] = [...loaded.warnings];
  for (const obj of objects) raw.push(...objectFindings(obj));
  raw.push(...checkSafety(objects, options.safety));
  raw.push(...chartValueFindings(objects));

  const byRef = new Map<string, KubeObject>();
  for (const obj of objects) if (!byRef.has(objectRef(obj))) byRef.set(objectRef(obj), obj);
  const fileOrder = new Map(loaded.files.map((f, i) => [f, i]));
  const findings = raw
    .map((f) => locate(options.strict ? promote(f) : f, loaded, byRef))
    .sort((a, b) => order(a, b, fileOrder));
  const summary = summarize(findings, loaded.files.length, objects.length);
  return { files: loaded.files, findings, inputErrors: [], summary, exitCode: summary.errors > 0 ? 1 : 0 };
}

/** One input error per file read when none of them holds an object (or when nothing was read). */
function nothingToCheck(loaded: LoadedManifests): InputError[] {
  if (loaded.files.length === 0) {
    return [{ file: '(no input)', message: 'no PATH or --values file was given, so nothing was checked' }];
  }
  const kindless = new Map<string, number>();
  for (const w of loaded.warnings) {
    const file = w.source ? loaded.sources.locate(w.source)?.file : undefined;
    if (file !== undefined) kindless.set(file, (kindless.get(file) ?? 0) + 1);
  }
  return loaded.files.map((file) => {
    const n = kindless.get(file) ?? 0;
    const holds = n > 0
      ? `only ${n === 1 ? 'a mapping' : `${n} mappings`} without "kind" (a Helm values file is passed with --values FILE)`
      : 'only comments or empty documents';
    return { file, message: `no Kubernetes object in this file (${holds}); lint needs at least one object, so an empty output cannot pass as clean` };
  });
}

/**
 * Schema and admission findings of one object. The API server checks the schema before the
 * webhook sees the object, so an admission finding on a field that already has a schema
 * finding (an action outside the enum, a negative gracePeriod) is left out.
 */
function objectFindings(obj: KubeObject): Finding[] {
  const schema = schemaIssues(obj);
  const schemaPaths = new Set(schema.filter((i) => i.severity !== 'warning').map((i) => i.path));
  const admission = admissionIssues(obj).filter((i) => !schemaPaths.has(i.path));
  return [...toFindings(schema, 'schema', obj), ...toFindings(admission, 'admission', obj)];
}

/** Unknown or mistyped chart values keys (rule `schema`): Helm ignores them without a word. */
function chartValueFindings(objects: readonly KubeObject[]): Finding[] {
  const out: Finding[] = [];
  for (const cv of findChartValues(objects)) {
    const object = objectRef(cv.source);
    if (cv.error) {
      out.push({ rule: 'schema', severity: 'error', object, path: cv.error.path, message: cv.error.message, fix: 'Write the values as a YAML mapping of chart keys.', source: cv.source });
    }
    for (const problem of checkChartValueKeys(cv.values, '')) {
      out.push({ rule: 'schema', severity: 'error', object, path: layerPath(cv, problem.path), message: problem.message, fix: problem.fix, source: cv.source });
    }
  }
  return out;
}

/** Maps a key path of the merged values to the field path in the layer that set it. */
function layerPath(cv: ReturnType<typeof findChartValues>[number], keyPath: string): string {
  const segments = parseFieldPath(keyPath);
  const firstIndex = segments.findIndex((s) => typeof s === 'number');
  const keys = (firstIndex < 0 ? segments : segments.slice(0, firstIndex)) as string[];
  if (keys.length === 0) return cv.basePath;
  const base = cv.pathOf(keys.join('.'));
  return firstIndex < 0 ? base : fieldPath(base, ...segments.slice(firstIndex));
}

function promote(f: Finding): Finding {
  return f.severity === 'warning' && !f.acknowledged ? { ...f, severity: 'error' as Severity } : f;
}

function locate(f: Finding, loaded: LoadedManifests, byRef: ReadonlyMap<string, KubeObject>): LocatedFinding {
  let source = f.source;
  if (source && !loaded.sources.has(source)) source = byRef.get(objectRef(source));
  if (!source && f.object) source = byRef.get(f.object);
  const where = source ? loaded.sources.locate(source, f.path) : undefined;
  return { ...f, source, file: where?.file ?? '', line: where?.line ?? 0 };
}

function order(a: LocatedFinding, b: LocatedFinding, files: ReadonlyMap<string, number>): number {
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const fa = files.get(a.file) ?? Number.MAX_SAFE_INTEGER;
  const fb = files.get(b.file) ?? Number.MAX_SAFE_INTEGER;
  return fa - fb || a.line - b.line || cmp(a.rule, b.rule) || cmp(a.path, b.path) || cmp(a.message, b.message);
}

function summarize(findings: readonly LocatedFinding[], files: number, objects: number): LintSummary {
  return {
    files,
    objects,
    errors: findings.filter((f) => f.severity === 'error' && !f.acknowledged).length,
    warnings: findings.filter((f) => f.severity === 'warning' && !f.acknowledged).length,
    acknowledged: findings.filter((f) => f.acknowledged).length,
  };
}
