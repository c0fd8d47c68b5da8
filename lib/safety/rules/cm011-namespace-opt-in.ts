import { KubeObject, objectRef } from '../../kube-object';
import { isDnsLabel } from '../../_k8s-names';
import { fieldPath } from '../../_field-path';
import { getKey } from '../_paths';
import { SafetyAnnotations } from '../annotations';
import { ChartValues } from '../chart-values';
import { Finding } from '../finding';
import {
  CHAOS_INJECT_ANNOTATION, CHAOS_INJECT_ENABLED, declaredExternalNamespaces, externalNamespaceOptIn,
} from '../namespace-opt-in';
import { finding, RuleContext, RuleId, SafetyRule } from '../rule';
import { describeChaos, podSelectors, reachedNamespaces } from './_chaos-kinds';

const ID = RuleId.CM011;
const FILTER_KEY = 'controllerManager.enableFilterNamespace';

/** True when these chart values turn the namespace filter on (Helm reads `"true"` as true too). */
function filtersNamespaces(cv: ChartValues): boolean {
  const value = getKey(cv.values, FILTER_KEY);
  return value === true || value === 'true';
}

/** The Namespace objects of the set, by name, and whether each carries the opt-in annotation. */
function namespacesInSet(objects: readonly KubeObject[]): Map<string, { object: KubeObject; optedIn: boolean }> {
  const out = new Map<string, { object: KubeObject; optedIn: boolean }>();
  for (const o of objects) {
    if (o.apiVersion !== 'v1' || o.kind !== 'Namespace' || typeof o.metadata?.name !== 'string') continue;
    const optedIn = o.metadata.annotations?.[CHAOS_INJECT_ANNOTATION] === CHAOS_INJECT_ENABLED;
    out.set(o.metadata.name, { object: o, optedIn: optedIn || (out.get(o.metadata.name)?.optedIn ?? false) });
  }
  return out;
}

/**
 * With the namespace filter on, Chaos Mesh injects only into namespaces annotated
 * `chaos-mesh.org/inject: enabled`: an experiment against any other namespace selects no pod and
 * does nothing, and a run that injected nothing reads like a resilient service. Every namespace a
 * selector reaches is opted in by a Namespace in the set, or declared external (owned and opted in
 * by another repository) on the object that carries the chart values. Protected namespaces are
 * CM005's: no advice to opt them in.
 */
export function checkNamespaceOptIn(ctx: RuleContext): Finding[] {
  const filtering = ctx.chartValues.filter((cv) => !cv.error && filtersNamespaces(cv));
  if (filtering.length === 0) return [];
  const findings: Finding[] = [];
  const external = new Set<string>();
  for (const cv of ctx.chartValues) {
    const path = fieldPath('metadata', 'annotations', SafetyAnnotations.EXTERNAL_TARGET_NAMESPACES);
    for (const ns of declaredExternalNamespaces(cv.source)) {
      if (isDnsLabel(ns)) {
        external.add(ns);
      } else {
        findings.push(finding(ID, cv.source, path,
          `${SafetyAnnotations.EXTERNAL_TARGET_NAMESPACES} lists ${JSON.stringify(ns)}, which is not a namespace name, so it declares nothing.`,
          'List namespace names (lowercase letters, digits and \'-\') separated by commas, e.g. "podinfo,shop".'));
      }
    }
  }
  const namespaces = namespacesInSet(ctx.objects);
  const filter = `${FILTER_KEY}: true (chart values of ${objectRef(filtering[0].source)})`;
  for (const chaos of ctx.chaos) {
    const what = describeChaos(chaos);
    const seen = new Set<string>();
    for (const ref of podSelectors(chaos)) {
      for (const r of reachedNamespaces(chaos, ref)) {
        if (seen.has(r.namespace) || ctx.options.protectedNamespaces.has(r.namespace)) continue;
        seen.add(r.namespace);
        const inSet = namespaces.get(r.namespace);
        if (inSet?.optedIn || (!inSet && external.has(r.namespace))) continue;
        const optIn = externalNamespaceOptIn(r.namespace);
        const effect = `with ${filter} Chaos Mesh injects only into namespaces annotated ${optIn.yaml}, so this experiment would select no pod and do nothing`;
        if (inSet) {
          const declared = external.has(r.namespace) ? `; it is also declared external, but the Namespace this set applies is the one that counts` : '';
          findings.push(finding(ID, chaos.owner, r.path,
            `${what} targets namespace "${r.namespace}" (${r.how}), whose Namespace ${objectRef(inSet.object)} in this set lacks ${optIn.yaml}: ${effect}${declared}.`,
            `Add ${optIn.yaml} under metadata.annotations of the Namespace "${r.namespace}" (ChaosMeshApp does it for the Namespaces it emits; `
            + 'by hand: install.addTargetNamespace(namespace)).'));
        } else {
          findings.push(finding(ID, chaos.owner, r.path,
            `${what} targets namespace "${r.namespace}" (${r.how}), which is neither a Namespace in this set nor declared external: ${effect}.`,
            `If another repository owns "${r.namespace}", declare it external (externalTargetNamespaces: ['${r.namespace}'] on ChaosMeshInstall, `
            + `which writes ${SafetyAnnotations.EXTERNAL_TARGET_NAMESPACES}: ${r.namespace} on the chart's Application and values file) `
            + `and have its owner run: ${optIn.kubectl}. Otherwise emit the Namespace "${r.namespace}" here with ${optIn.yaml}.`));
        }
      }
    }
  }
  return findings;
}

export const CM011: SafetyRule = {
  id: ID,
  title: 'Target namespaces are opted in',
  severity: 'error',
  description: `When the install filters namespaces (${FILTER_KEY}: true), every target namespace is opted in: `
    + `${CHAOS_INJECT_ANNOTATION}: ${CHAOS_INJECT_ENABLED} on a Namespace in the set, or declared external with `
    + `${SafetyAnnotations.EXTERNAL_TARGET_NAMESPACES} on the object that carries the chart values.`,
  check: checkNamespaceOptIn,
};
