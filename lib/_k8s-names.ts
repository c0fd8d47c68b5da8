/**
 * Kubernetes name rules (k8s.io/apimachinery/pkg/util/validation), one copy for every construct
 * check and lint rule. The predicates say only whether a value is valid: each caller words its
 * own error, naming its prop and what it allows.
 */

/** RFC 1123 label, without the length limit: lowercase letters, digits and '-', alphanumeric at both ends. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** RFC 1035 label, without the length limit: as {@link DNS_LABEL}, but starting with a letter (Service names). */
export const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** RFC 1123 subdomain, without the length limit: DNS labels joined by '.'. */
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * The name part of a qualified name (label and annotation keys) and a non-empty label value,
 * without the length limit: letters, digits, '-', '_' and '.', alphanumeric at both ends.
 */
export const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Longest DNS label, qualified name part and label value. */
export const MAX_LABEL_LENGTH = 63;

/** Longest DNS subdomain (object names, label key prefixes). */
export const MAX_SUBDOMAIN_LENGTH = 253;

/** A DNS-1123 label of at most `maxLength` characters (namespace and container names). */
export function isDnsLabel(value: unknown, maxLength: number = MAX_LABEL_LENGTH): value is string {
  return typeof value === 'string' && value.length <= maxLength && DNS_LABEL.test(value);
}

/** A DNS-1123 subdomain of at most 253 characters. */
export function isDnsSubdomain(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_SUBDOMAIN_LENGTH && DNS_SUBDOMAIN.test(value);
}

/** A label key: an optional DNS-subdomain prefix and '/', then a qualified name of at most 63 characters. */
export function isLabelKey(key: string): boolean {
  const slash = key.indexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  if (name.length > MAX_LABEL_LENGTH || !QUALIFIED_NAME.test(name)) return false;
  return prefix === undefined || isDnsSubdomain(prefix);
}

/** A label value: empty, or a qualified name of at most 63 characters. */
export function isLabelValue(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_LABEL_LENGTH && (value === '' || QUALIFIED_NAME.test(value));
}
