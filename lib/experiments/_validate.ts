/**
 * Checks shared by targets and experiments. Each throws a sentence that names the owner, the
 * property, the bad value (quoted) and what is allowed, so a synth error is actionable without
 * reading this code.
 */
import { isDnsLabel, isDnsSubdomain, isLabelKey, isLabelValue } from '../_k8s-names';

/** Throws `<owner>: <message>`. */
export function fail(owner: string, message: string): never {
  throw new Error(`${owner}: ${message}`);
}

/** Kubernetes DNS-1123 label (namespace names, our readable experiment names). */
export function checkDnsLabel(owner: string, prop: string, value: string, maxLength = 63): void {
  if (!isDnsLabel(value, maxLength)) {
    fail(owner, `${prop} "${value}" is not a valid name: use at most ${maxLength} lower-case letters, digits `
      + `and '-', starting and ending with a letter or digit (DNS-1123 label).`);
  }
}

/** Kubernetes DNS-1123 subdomain (Workflow template names, as the 2.8.2 webhook checks them). */
export function checkDnsSubdomain(owner: string, prop: string, value: string): void {
  if (!isDnsSubdomain(value)) {
    fail(owner, `${prop} "${value}" is not a valid name: use lower-case letters, digits, '-' and '.', `
      + 'at most 253 characters (DNS-1123 subdomain).');
  }
}

/** Label selector keys and values as Kubernetes validates them (`prefix/name: value`). */
export function checkLabels(owner: string, prop: string, labels: Readonly<Record<string, string>>): void {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) {
    fail(owner, `${prop} is empty: name at least one pod label, or the selector would match every pod `
      + 'in the namespace.');
  }
  for (const [key, value] of entries) {
    if (!isLabelKey(key)) {
      fail(owner, `${prop} key "${key}" is not a valid label key: use an optional DNS prefix and '/', then at `
        + 'most 63 letters, digits, \'-\', \'_\' or \'.\' (e.g. "app.kubernetes.io/name").');
    }
    if (!isLabelValue(value)) {
      fail(owner, `${prop} value "${value}" of "${key}" is not a valid label value: use at most 63 letters, `
        + 'digits, \'-\', \'_\' or \'.\', starting and ending with a letter or digit.');
    }
  }
}

/** An integer within [min, max]. */
export function checkInteger(owner: string, prop: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    fail(owner, `${prop} ${JSON.stringify(value)} is not allowed: use an integer ${range}.`);
  }
}

/** A percentage in `range` (a bound of the admission modules, such as netem's). */
export function checkPercent(owner: string, prop: string, value: number, range: { readonly min: number; readonly max: number }): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < range.min || value > range.max) {
    fail(owner, `${prop} ${JSON.stringify(value)} is not allowed: use a percentage from ${range.min} to ${range.max}.`);
  }
}

/** Container names: non-empty, unique, DNS-1123 labels. */
export function checkContainerNames(owner: string, prop: string, names: readonly string[]): void {
  if (names.length === 0) {
    fail(owner, `${prop} is empty: name at least one container, or leave ${prop} out.`);
  }
  const seen = new Set<string>();
  for (const name of names) {
    checkDnsLabel(owner, prop, name);
    if (seen.has(name)) fail(owner, `${prop} names "${name}" twice.`);
    seen.add(name);
  }
}

/** A percentage as Chaos Mesh's string fields take it (`25`, `0.5`). */
export function percentText(value: number): string {
  return String(value);
}
