import { KubeObject } from '../kube-object';
import { isRecord } from '../_json';
import { SafetyAnnotations } from './annotations';

/**
 * The annotation a namespace needs before Chaos Mesh injects into it when the install filters
 * namespaces (`controllerManager.enableFilterNamespace: true`).
 * @see https://chaos-mesh.org/docs/configure-enabled-namespace/
 */
export const CHAOS_INJECT_ANNOTATION = 'chaos-mesh.org/inject';

/** The value of {@link CHAOS_INJECT_ANNOTATION} that opts a namespace in. */
export const CHAOS_INJECT_ENABLED = 'enabled';

/** The one-line change the owner of an external target namespace must make. */
export interface ExternalNamespaceOptIn {
  readonly namespace: string;
  /** `kubectl annotate namespace podinfo chaos-mesh.org/inject=enabled` */
  readonly kubectl: string;
  /** The annotation as it goes under `metadata.annotations` of their Namespace manifest. */
  readonly yaml: string;
}

/** The change the owner of `namespace` must make so that Chaos Mesh injects into it. */
export function externalNamespaceOptIn(namespace: string): ExternalNamespaceOptIn {
  return {
    namespace,
    kubectl: `kubectl annotate namespace ${namespace} ${CHAOS_INJECT_ANNOTATION}=${CHAOS_INJECT_ENABLED}`,
    yaml: `${CHAOS_INJECT_ANNOTATION}: ${CHAOS_INJECT_ENABLED}`,
  };
}

/**
 * The value of {@link SafetyAnnotations.EXTERNAL_TARGET_NAMESPACES}: the names, sorted, separated
 * by commas (`podinfo,shop`).
 */
export function formatExternalNamespaces(namespaces: readonly string[]): string {
  return [...new Set(namespaces)].sort().join(',');
}

/** The entries of an object's external-target-namespaces declaration (commas or spaces between names). */
export function declaredExternalNamespaces(obj: KubeObject): string[] {
  const annotations = isRecord(obj.metadata) && isRecord(obj.metadata.annotations) ? obj.metadata.annotations : {};
  const raw = annotations[SafetyAnnotations.EXTERNAL_TARGET_NAMESPACES];
  return typeof raw === 'string' ? raw.split(/[\s,]+/).filter((s) => s !== '') : [];
}
