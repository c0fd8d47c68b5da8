/** Input checks shared by the guard constructs: each throws a sentence naming the prop and the rule. */
import { isRecord } from '../_json';
import { isDnsLabel, isLabelKey, isLabelValue } from '../_k8s-names';
import { fail } from '../experiments/_validate';
import { Quantity, UnitError } from '../units';

export { fail };

/**
 * Longest readable experiment name: every derived object name (`<experiment>-presync-guard`,
 * a Job name and so a label value, at most 63 characters) must fit.
 */
export const MAX_EXPERIMENT_NAME = 49;

export function checkExperimentName(owner: string, value: unknown): string {
  if (!isDnsLabel(value, MAX_EXPERIMENT_NAME)) {
    fail(owner, `experiment ${JSON.stringify(value)} must be a lowercase DNS label (a-z, 0-9, "-"; starts and ends `
      + `alphanumeric) of at most ${MAX_EXPERIMENT_NAME} characters, e.g. "podinfo-memory-stress".`);
  }
  return value;
}

export function checkNamespace(owner: string, prop: string, value: unknown): string {
  if (!isDnsLabel(value)) {
    fail(owner, `${prop} ${JSON.stringify(value)} is not a namespace name (a lowercase DNS label of at most 63 characters).`);
  }
  return value;
}

export function checkNamespaces(owner: string, values: unknown): string[] {
  if (!Array.isArray(values) || values.length === 0) {
    fail(owner, 'namespaces must list at least one target namespace, e.g. ["podinfo"].');
  }
  const out: string[] = [];
  values.forEach((v, i) => {
    const ns = checkNamespace(owner, `namespaces[${i}]`, v);
    if (!out.includes(ns)) out.push(ns);
  });
  return out;
}

export function checkContainerNames(owner: string, values: unknown): string[] {
  if (values === undefined) return [];
  if (!Array.isArray(values)) fail(owner, 'containerNames must be an array of container names.');
  return values.map((v, i) => {
    if (!isDnsLabel(v)) {
      fail(owner, `containerNames[${i}] ${JSON.stringify(v)} is not a container name (a lowercase DNS label).`);
    }
    return v;
  });
}

/**
 * The selector as kubectl's `-l` text (`key=value` pairs, sorted by key, comma-separated): the
 * same text goes into the scripts' environment, so it must be equality-only and plain.
 */
export function selectorText(owner: string, labels: unknown): string {
  if (!isRecord(labels) || Object.keys(labels).length === 0) {
    fail(owner, 'labels must hold at least one key/value pair, the experiment\'s labelSelectors, '
      + 'e.g. { "app.kubernetes.io/name": "podinfo" }.');
  }
  const entries = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.map(([key, value]) => {
    if (!isLabelKey(key)) {
      fail(owner, `labels key ${JSON.stringify(key)} is not a label key ([prefix/]name, name of at most 63 characters `
        + 'of A-Z, a-z, 0-9, "-", "_", "."; prefix a DNS subdomain).');
    }
    if (!isLabelValue(value)) {
      fail(owner, `labels["${key}"] ${JSON.stringify(value)} is not a label value (at most 63 characters of `
        + 'A-Z, a-z, 0-9, "-", "_", ".", starting and ending alphanumeric).');
    }
    return `${key}=${value}`;
  }).join(',');
}

/**
 * A memory limit as Kubernetes reads it (lib/units' exact resource.ParseQuantity port, whose
 * UnitError message is quoted), positive and within int64 bytes (Quantity.Value()).
 */
export function checkQuantity(owner: string, prop: string, value: unknown): string {
  let bytes: bigint;
  try {
    bytes = Quantity.parse(value as string).toBytes();
  } catch (e) {
    if (!(e instanceof UnitError)) throw e;
    return fail(owner, `${prop} ${JSON.stringify(value)} is not a Kubernetes quantity: ${e.message}`);
  }
  if (bytes <= 0n) fail(owner, `${prop} ${JSON.stringify(value)} must be a positive memory limit, e.g. "256Mi".`);
  return value as string;
}

export function checkPositiveInteger(owner: string, prop: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    fail(owner, `${prop} ${JSON.stringify(value)} must be a whole number of at least 1.`);
  }
  return value;
}

/** A pinned image: a tag other than `latest`, or a digest (a moving tag would change what runs). */
export function checkImage(owner: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() !== value || value === '') {
    fail(owner, `image ${JSON.stringify(value)} must be an image reference.`);
  }
  const lastSegment = value.slice(value.lastIndexOf('/') + 1);
  const pinned = value.includes('@sha256:')
    || (lastSegment.includes(':') && !lastSegment.endsWith(':latest') && !lastSegment.endsWith(':'));
  if (!pinned) {
    fail(owner, `image "${value}" is not pinned: give an exact tag (not "latest") or a digest, `
      + 'e.g. "registry.k8s.io/kubectl:v1.34.1".');
  }
  return value;
}
