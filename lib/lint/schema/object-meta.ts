import { describeValue, Issue, quote } from '../_issue';
import { fieldPath } from '../../_field-path';
import { isRecord } from '../../_json';
import { DNS_1035_LABEL, DNS_LABEL, DNS_SUBDOMAIN, isLabelValue, QUALIFIED_NAME } from '../../_k8s-names';
import { listNames, nearestName } from '../_suggest';

/** How the API server validates an object's name (k8s.io/apimachinery/pkg/util/validation). */
export enum NameRule {
  /** Lowercase RFC 1123 subdomain, at most 253 characters: most kinds and every custom resource. */
  DNS_SUBDOMAIN = 'dns-subdomain',
  /** Lowercase RFC 1123 label, at most 63 characters: Namespace. */
  DNS_LABEL = 'dns-label',
  /** RFC 1035 label (starts with a letter), at most 63 characters: Service. */
  DNS_1035_LABEL = 'dns-1035-label',
  /** Any path segment (no "/" or "%", not "." or ".."): RBAC roles and bindings. */
  PATH_SEGMENT = 'path-segment',
}

/** Options of `checkObjectMeta`. */
export interface ObjectMetaProps {
  /** @default NameRule.DNS_SUBDOMAIN */
  readonly nameRule?: NameRule;
  /**
   * Whether the kind lives in a namespace. Cluster-scoped objects with a namespace are warned
   * about: the namespace is ignored at best.
   * @default true
   */
  readonly namespaced?: boolean;
}

const OBJECT_META_FIELDS = [
  'annotations', 'creationTimestamp', 'deletionGracePeriodSeconds', 'deletionTimestamp', 'finalizers',
  'generateName', 'generation', 'labels', 'managedFields', 'name', 'namespace', 'ownerReferences',
  'resourceVersion', 'selfLink', 'uid',
];

/** The API server's limit on all annotations of one object together. */
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/**
 * The ObjectMeta basics the API server checks on every object: a name (or generateName) in the
 * kind's name format, a DNS-label namespace, label and annotation keys that are qualified
 * names, label values of at most 63 characters, and no unknown metadata fields.
 */
export function checkObjectMeta(metadata: unknown, props: ObjectMetaProps = {}): Issue[] {
  const out: Issue[] = [];
  if (metadata === undefined || metadata === null) {
    out.push({ path: 'metadata', message: 'metadata is missing, so the object has no name.', fix: 'Add metadata.name.' });
    return out;
  }
  if (!isRecord(metadata)) {
    out.push({ path: 'metadata', message: `metadata must be an object, found ${describeValue(metadata)}.`, fix: 'Write metadata as a mapping with name and namespace.' });
    return out;
  }
  for (const key of Object.keys(metadata)) {
    if (!OBJECT_META_FIELDS.includes(key)) {
      const guess = nearestName(key, OBJECT_META_FIELDS);
      out.push({
        path: fieldPath('metadata', key),
        message: `unknown field ${quote(key)} in metadata (ObjectMeta); \`kubectl apply --validate=strict\` refuses it. Fields allowed in metadata: ${listNames(OBJECT_META_FIELDS)}.`,
        fix: guess ? `Did you mean ${quote(guess)}?` : 'Remove the field.',
      });
    }
  }
  checkName(metadata, props.nameRule ?? NameRule.DNS_SUBDOMAIN, out);
  checkNamespace(metadata, props.namespaced ?? true, out);
  checkStringMap(metadata.labels, 'metadata.labels', true, out);
  checkStringMap(metadata.annotations, 'metadata.annotations', false, out);
  return out;
}

function checkName(metadata: Record<string, unknown>, rule: NameRule, out: Issue[]): void {
  const { name, generateName } = metadata;
  if (name === undefined || name === null || name === '') {
    if (typeof generateName === 'string' && generateName !== '') return;
    out.push({ path: 'metadata.name', message: 'metadata.name is required (the API server refuses an object without a name or generateName).', fix: 'Add metadata.name.' });
    return;
  }
  if (typeof name !== 'string') {
    out.push({ path: 'metadata.name', message: `metadata.name must be a string, found ${describeValue(name)}.`, fix: `Quote the name: "${String(name)}".` });
    return;
  }
  const problem = nameProblem(name, rule);
  if (problem) out.push({ path: 'metadata.name', message: `name ${quote(name)} is not valid: ${problem}.`, fix: NAME_FIX[rule] });
}

function checkNamespace(metadata: Record<string, unknown>, namespaced: boolean, out: Issue[]): void {
  const ns = metadata.namespace;
  if (ns === undefined || ns === null) return;
  if (typeof ns !== 'string') {
    out.push({ path: 'metadata.namespace', message: `metadata.namespace must be a string, found ${describeValue(ns)}.`, fix: 'Write the namespace name as a string.' });
    return;
  }
  if (!namespaced) {
    out.push({
      path: 'metadata.namespace',
      severity: 'warning',
      message: `this kind is cluster-scoped, so namespace ${quote(ns)} does not apply to it.`,
      fix: 'Remove metadata.namespace.',
    });
    return;
  }
  const problem = nameProblem(ns, NameRule.DNS_LABEL);
  if (ns !== '' && problem) out.push({ path: 'metadata.namespace', message: `namespace ${quote(ns)} is not valid: ${problem}.`, fix: NAME_FIX[NameRule.DNS_LABEL] });
}

/** Why `name` breaks `rule`, or undefined when it is fine. */
export function nameProblem(name: string, rule: NameRule): string | undefined {
  switch (rule) {
    case NameRule.DNS_LABEL:
      if (name.length > 63) return `it is ${name.length} characters long, the maximum is 63`;
      return DNS_LABEL.test(name) ? undefined : 'a DNS-1123 label has only lowercase letters, digits and "-", and starts and ends with a letter or digit';
    case NameRule.DNS_1035_LABEL:
      if (name.length > 63) return `it is ${name.length} characters long, the maximum is 63`;
      return DNS_1035_LABEL.test(name) ? undefined : 'a DNS-1035 label has only lowercase letters, digits and "-", starts with a letter and ends with a letter or digit';
    case NameRule.PATH_SEGMENT:
      if (name === '.' || name === '..') return `it may not be ${quote(name)}`;
      return /[/%]/.test(name) ? 'it may not contain "/" or "%"' : undefined;
    default:
      if (name.length > 253) return `it is ${name.length} characters long, the maximum is 253`;
      return DNS_SUBDOMAIN.test(name) ? undefined : 'a DNS-1123 subdomain has only lowercase letters, digits, "-" and ".", and starts and ends with a letter or digit';
  }
}

const NAME_FIX: Record<NameRule, string> = {
  [NameRule.DNS_SUBDOMAIN]: 'Use lowercase letters, digits, "-" and "." only, starting and ending with a letter or digit (e.g. "podinfo-kill").',
  [NameRule.DNS_LABEL]: 'Use at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit (e.g. "chaos-mesh").',
  [NameRule.DNS_1035_LABEL]: 'Use at most 63 lowercase letters, digits and "-", starting with a letter (e.g. "chaos-dashboard").',
  [NameRule.PATH_SEGMENT]: 'Remove "/" and "%" from the name.',
};

function checkStringMap(map: unknown, path: string, labels: boolean, out: Issue[]): void {
  if (map === undefined || map === null) return;
  if (!isRecord(map)) {
    out.push({ path, message: `must be a mapping of strings, found ${describeValue(map)}.`, fix: 'Write key: "value" pairs.' });
    return;
  }
  let bytes = 0;
  for (const [key, value] of Object.entries(map)) {
    const at = fieldPath(path, key);
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem) out.push({ path: at, message: `key ${quote(key)} is not valid: ${keyProblem}.`, fix: 'Use a key like "app.kubernetes.io/name": an optional DNS-subdomain prefix and "/", then a name of at most 63 letters, digits, "-", "_" and ".".' });
    if (typeof value !== 'string') {
      out.push({ path: at, message: `value must be a string, found ${describeValue(value)}.`, fix: `Quote the value: "${String(value)}".` });
      continue;
    }
    bytes += key.length + value.length;
    if (labels && !isLabelValue(value)) {
      out.push({ path: at, message: `label value ${quote(value)} is not valid: at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit.`, fix: 'Shorten or simplify the value (or move it to an annotation).' });
    }
  }
  if (!labels && bytes > ANNOTATIONS_MAX_BYTES) {
    out.push({ path, message: `annotations take ${bytes} bytes, more than the API server's limit of 262144.`, fix: 'Move large data to a ConfigMap.' });
  }
}

function qualifiedNameProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'it has more than one "/"';
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined) {
    if (prefix === '') return 'the prefix before "/" is empty';
    const p = nameProblem(prefix, NameRule.DNS_SUBDOMAIN);
    if (p) return `the prefix ${quote(prefix)} is not a DNS subdomain`;
  }
  if (name === '') return 'the name part is empty';
  if (name.length > 63) return `the name part is ${name.length} characters long, the maximum is 63`;
  return QUALIFIED_NAME.test(name) ? undefined : 'the name part may only hold letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
}
