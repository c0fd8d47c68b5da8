import { Finding } from '../finding';
import { finding, RuleContext, RuleId, SafetyRule } from '../rule';
import { describeChaos, podSelectors, reachedNamespaces } from './_chaos-kinds';

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
    for (const ref of podSelectors(chaos)) {
      const reached = reachedNamespaces(chaos, ref);
      for (const r of reached) {
        if (!protectedNs.has(r.namespace)) continue;
        findings.push(finding(ID, chaos.owner, r.path,
          `${what} reaches the protected namespace "${r.namespace}": ${r.how}.`, fix));
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
