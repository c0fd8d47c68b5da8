import { objectRef } from '../../kube-object';
import { fieldPath } from '../../_field-path';
import { isRecord } from '../../_json';
import { Finding } from '../finding';
import { finding, RuleContext, RuleId, SafetyRule } from '../rule';
import { describeChaos, namedMap, podSelectors } from './_chaos-kinds';

const ID = RuleId.CM005;

/**
 * Chaos never reaches the control plane or the tools needed to recover: killing ArgoCD,
 * cert-manager or Chaos Mesh itself mid-experiment leaves a cluster that only a manual,
 * out-of-GitOps repair brings back.
 */
export function checkProtectedNamespaces(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const protectedNs = ctx.options.protectedNamespaces;
  const list = [...protectedNs].join(', ');
  const fix = 'Target only application namespaces; protected namespaces are: ' + list + '.';
  for (const chaos of ctx.chaos) {
    const what = describeChaos(chaos);
    for (const { selector, path } of podSelectors(chaos)) {
      const reached: { ns: string; path: string; how: string }[] = [];
      const named = namedMap(selector);
      if (named) {
        for (const ns of Object.keys(named.map)) {
          reached.push({ ns, path: fieldPath(path, named.key, ns), how: `${named.key} names namespace "${ns}"` });
        }
      }
      const namespaces: unknown[] = Array.isArray(selector.namespaces) ? selector.namespaces : [];
      namespaces.forEach((ns, i) => {
        reached.push({ ns: String(ns), path: fieldPath(path, 'namespaces', i), how: `namespaces lists "${ns}"` });
      });
      if (!named && namespaces.length === 0) {
        const own = chaos.owner.metadata?.namespace;
        if (own !== undefined) {
          reached.push({
            ns: own,
            path: isRecord(chaos.spec.selector) || path.endsWith('target.selector') ? fieldPath(path, 'namespaces') : path,
            how: `the selector names no namespaces, so Chaos Mesh uses the namespace of ${objectRef(chaos.owner)}, "${own}"`,
          });
        }
      }
      for (const r of reached) {
        if (!protectedNs.has(r.ns)) continue;
        findings.push(finding(ID, chaos.owner, r.path,
          `${what} reaches the protected namespace "${r.ns}": ${r.how}.`, fix));
      }
    }
  }
  return findings;
}

export const CM005: SafetyRule = {
  id: ID,
  title: 'No chaos in protected namespaces',
  severity: 'error',
  description: 'No selector reaches a protected namespace: kube-system, kube-public, kube-node-lease, the Chaos Mesh '
    + 'namespace, argocd, cert-manager, plus a configurable list.',
  check: checkProtectedNamespaces,
};
