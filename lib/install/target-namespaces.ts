import { KubeObject, objectRef } from '../kube-object';

/** The annotation a namespace needs before Chaos Mesh injects into it when the namespace filter is on. */
export const CHAOS_INJECT_ANNOTATION = 'chaos-mesh.org/inject';

/** The value of {@link CHAOS_INJECT_ANNOTATION} that opts a namespace in. */
export const CHAOS_INJECT_ENABLED = 'enabled';

/**
 * What {@link checkTargetNamespaces} needs to know about the install; `ChaosMeshInstall`
 * implements it.
 */
export interface TargetNamespacePolicy {
  /** `controllerManager.enableFilterNamespace`: when false, every namespace can be targeted and nothing is checked. */
  readonly filterNamespaces: boolean;
  /** Namespaces another repository owns, declared by the user; their owner adds the annotation. */
  readonly externalTargetNamespaces: readonly string[];
  /** Namespaces this app emits and has annotated (`ChaosMeshInstall.addTargetNamespace`). */
  readonly ownedTargetNamespaces?: readonly string[];
}

/** A target namespace nobody opted in. */
export interface TargetNamespaceProblem {
  readonly namespace: string;
  /** The chaos objects that target it (`Kind/namespace/name`), when known. */
  readonly objects: readonly string[];
  readonly message: string;
  readonly fix: string;
}

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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The namespaces a Chaos Mesh object injects into: every `selector` under its spec (a Schedule's
 * embedded chaos, each Workflow template, a NetworkChaos `target`) contributes its `namespaces`
 * and the namespaces of its `pods` map. A selector with neither means the object's own
 * namespace, which is what Chaos Mesh does with it. Objects outside `chaos-mesh.org` give none.
 */
export function targetNamespacesOf(obj: KubeObject): string[] {
  if (typeof obj.apiVersion !== 'string' || !obj.apiVersion.startsWith('chaos-mesh.org/')) return [];
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) { node.forEach(visit); return; }
    if (!isRecord(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'selector' && isRecord(value)) addSelector(value);
      else visit(value);
    }
  };
  const addSelector = (selector: Record<string, unknown>): void => {
    let named = false;
    if (Array.isArray(selector.namespaces)) {
      for (const ns of selector.namespaces) if (typeof ns === 'string' && ns !== '') { found.add(ns); named = true; }
    }
    if (isRecord(selector.pods)) {
      for (const ns of Object.keys(selector.pods)) { found.add(ns); named = true; }
    }
    if (!named && typeof obj.metadata?.namespace === 'string') found.add(obj.metadata.namespace);
  };
  visit(obj.spec);
  return [...found].sort();
}

function isNamespaceObject(obj: KubeObject): boolean {
  return obj.apiVersion === 'v1' && obj.kind === 'Namespace' && typeof obj.metadata?.name === 'string';
}

/**
 * Checks that every namespace an experiment targets will accept injection: with
 * `controllerManager.enableFilterNamespace: true` the controller refuses pods in namespaces
 * without `chaos-mesh.org/inject: enabled`, and the experiment then does nothing, silently.
 * A target namespace is fine when this app emits its Namespace with the annotation, or when the
 * user declared it owned by another repository (`externalTargetNamespaces`).
 *
 * Call it at synth time with every synthesized object (`app.charts.flatMap((c) => c.toJson())`),
 * or with target namespace names you gathered yourself (then only the install's own knowledge
 * of owned namespaces is used).
 *
 * @returns one problem per namespace that is neither owned-and-annotated nor declared external
 */
export function checkTargetNamespaces(
  objectsOrNamespaces: readonly KubeObject[] | readonly string[],
  install: TargetNamespacePolicy,
): TargetNamespaceProblem[] {
  if (!install.filterNamespaces) return [];
  const targets = new Map<string, string[]>();
  const owned = new Map<string, boolean>();
  for (const ns of install.ownedTargetNamespaces ?? []) owned.set(ns, true);
  for (const item of objectsOrNamespaces) {
    if (typeof item === 'string') {
      if (!targets.has(item)) targets.set(item, []);
      continue;
    }
    if (isNamespaceObject(item)) {
      const annotated = item.metadata?.annotations?.[CHAOS_INJECT_ANNOTATION] === CHAOS_INJECT_ENABLED;
      owned.set(item.metadata!.name!, annotated || (owned.get(item.metadata!.name!) ?? false));
    }
    for (const ns of targetNamespacesOf(item)) {
      const list = targets.get(ns) ?? [];
      list.push(objectRef(item));
      targets.set(ns, list);
    }
  }
  const external = new Set(install.externalTargetNamespaces);
  const problems: TargetNamespaceProblem[] = [];
  for (const [ns, objects] of [...targets].sort(([a], [b]) => a.localeCompare(b))) {
    if (external.has(ns) || owned.get(ns) === true) continue;
    const by = objects.length > 0 ? ` (targeted by ${objects.join(', ')})` : '';
    const optIn = externalNamespaceOptIn(ns);
    if (owned.has(ns)) {
      problems.push({
        namespace: ns,
        objects,
        message: `Namespace "${ns}"${by} is emitted by this app without the annotation ${optIn.yaml}, so with controllerManager.enableFilterNamespace: true Chaos Mesh will not inject into it and the experiment does nothing.`,
        fix: `Opt it in: install.addTargetNamespace(<the Namespace>) or install.optInOwnedNamespaces(app) after the experiments are defined (both add ${optIn.yaml}).`,
      });
    } else {
      problems.push({
        namespace: ns,
        objects,
        message: `Namespace "${ns}"${by} is neither a Namespace this app emits nor declared as owned by another repository, so nothing guarantees it carries ${optIn.yaml}; with controllerManager.enableFilterNamespace: true Chaos Mesh would not inject into it and the experiment would do nothing.`,
        fix: `Either emit the Namespace "${ns}" from this app and opt it in (install.addTargetNamespace(namespace)), or declare it external with externalTargetNamespaces: ['${ns}'] on ChaosMeshInstall and have its owner run \`${optIn.kubectl}\` (or add \`${optIn.yaml}\` under metadata.annotations of their Namespace).`,
      });
    }
  }
  return problems;
}

/** Thrown by {@link assertTargetNamespaces}; the message lists every problem and its fix. */
export class TargetNamespaceError extends Error {
  constructor(public readonly problems: readonly TargetNamespaceProblem[]) {
    super(['Chaos Mesh target namespaces are not opted in:', ...problems.map((p) => `- ${p.message}\n  Fix: ${p.fix}`)].join('\n'));
    this.name = 'TargetNamespaceError';
  }
}

/** {@link checkTargetNamespaces}, throwing a {@link TargetNamespaceError} when there is any problem (for synth). */
export function assertTargetNamespaces(
  objectsOrNamespaces: readonly KubeObject[] | readonly string[],
  install: TargetNamespacePolicy,
): void {
  const problems = checkTargetNamespaces(objectsOrNamespaces, install);
  if (problems.length > 0) throw new TargetNamespaceError(problems);
}
