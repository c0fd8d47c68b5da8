import { checkManifests } from '../check/check-manifests';
import { KubeObject, objectRef } from '../kube-object';
import { Finding, Severity } from '../safety/finding';
import { SafetyOptions } from '../safety/options';
import { InputError, LoadedManifests, loadManifests } from './loader';

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
 * Lints loaded manifests: `checkManifests` over every object at once (what synth and the plugin
 * run too), after the loader's input warnings. Lint only presents: it locates each finding (file
 * and the line of the field), keeps `checkManifests`' order (objects in reading order), and under
 * `strict` reports warnings as errors.
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
  const raw: Finding[] = [...loaded.warnings, ...checkManifests(objects, options.safety)];
  const byRef = new Map<string, KubeObject>();
  for (const obj of objects) if (!byRef.has(objectRef(obj))) byRef.set(objectRef(obj), obj);
  const findings = raw.map((f) => locate(options.strict ? promote(f) : f, loaded, byRef));
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

function summarize(findings: readonly LocatedFinding[], files: number, objects: number): LintSummary {
  return {
    files,
    objects,
    errors: findings.filter((f) => f.severity === 'error' && !f.acknowledged).length,
    warnings: findings.filter((f) => f.severity === 'warning' && !f.acknowledged).length,
    acknowledged: findings.filter((f) => f.acknowledged).length,
  };
}
