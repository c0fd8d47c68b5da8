import { KubeObject } from '../kube-object';
import { walkChaos } from '../safety/_chaos-specs';
import { podSelectors } from '../safety/rules/_chaos-kinds';
import { selectorNamespaces } from '../safety/target-resolution';

/**
 * The namespaces a Chaos Mesh object injects into, read as the safety rules read them: every chaos
 * spec it holds (standalone, a Schedule's, each Workflow template's, Schedule templates included),
 * and every pod selector of each (`selector`, NetworkChaos `target.selector`). A selector's
 * namespaces are its `pods` keys when set (Chaos Mesh then ignores the rest), else its
 * `namespaces`, else the object's own namespace, which is what Chaos Mesh does with it. Objects
 * outside `chaos-mesh.org` give none. (`ChaosMeshInstall.optInOwnedNamespaces` opts these in;
 * CM011 checks that every one of them is.)
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
