import { KubeObject, objectRef } from '../kube-object';
import { walkChaos } from '../safety/_chaos-specs';
import { podSelectors } from '../safety/rules/_chaos-kinds';
import { selectorNamespaces } from '../safety/target-resolution';

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

/**
 * The namespaces a Chaos Mesh object injects into, read as the safety rules read them: every chaos
 * spec it holds (standalone, a Schedule's, each Workflow template's, Schedule templates included),
 * and every pod selector of each (`selector`, NetworkChaos `target.selector`). A selector's
 * namespaces are its `pods` keys when set (Chaos Mesh then ignores the rest), else its
 * `namespaces`, else the object's own namespace, which is what Chaos Mesh does with it. Objects
 * outside `chaos-mesh.org` give none.
 */
export function targetNamespacesOf(obj: KubeObject): string[] {
  const found = new Set<string>();
  for (const chaos of walkChaos([obj]).chaos) {
    for (const { selector } of podSelectors(chaos)) {
      for (const ns of selectorNamespaces(selector, obj.metadata?.namespace)) {
        if (ns !== undefined) found.add(ns);
      }
    }
  }
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
  for (const [ns, objects] of [...targets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
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
