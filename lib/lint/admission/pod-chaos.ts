import { Issue, quote } from '../_issue';
import { fieldPath } from '../../_field-path';
import { checkCommonChaosSpec, WEBHOOK } from './_common';

/** PodChaos actions in Chaos Mesh 2.8.2 (the CRD enum; the API server refuses any other). */
export const POD_CHAOS_ACTIONS = ['pod-kill', 'pod-failure', 'container-kill'] as const;

/**
 * What the 2.8.2 webhook refuses in a PodChaos spec (api/v1alpha1/podchaos_webhook.go and the
 * generic `Duration` / `PodSelector` validators): an unknown action, `container-kill` without
 * `containerNames`, a negative `gracePeriod`, an invalid duration or selector value.
 *
 * @param at path of the spec inside its object (`spec`, `spec.podChaos`, `spec.templates[1].podChaos`)
 */
export function podChaosSpecIssues(spec: Record<string, unknown>, at: string): Issue[] {
  const out: Issue[] = [];
  const action = spec.action;
  if (typeof action !== 'string' || !(POD_CHAOS_ACTIONS as readonly string[]).includes(action)) {
    out.push({
      path: fieldPath(at, 'action'),
      message: `action ${quote(action)} is not a PodChaos action; allowed: ${POD_CHAOS_ACTIONS.map((a) => `"${a}"`).join(', ')}.`,
      fix: 'Use pod-kill (delete pods), pod-failure (make pods unavailable) or container-kill (with containerNames).',
    });
  }
  if (action === 'container-kill') {
    const names = spec.containerNames;
    if (!Array.isArray(names) || names.length === 0) {
      out.push({
        path: fieldPath(at, 'containerNames'),
        message: `action "container-kill" needs containerNames, and ${names === undefined ? 'there are none' : `${quote(names)} is empty`}; ${WEBHOOK} refuses it ("the name of container is required").`,
        fix: 'List the containers to kill, e.g. containerNames: ["podinfo"].',
      });
    }
  }
  const grace = spec.gracePeriod;
  if (typeof grace === 'number' && grace < 0) {
    out.push({
      path: fieldPath(at, 'gracePeriod'),
      message: `gracePeriod ${grace} is negative; it must be at least 0 (seconds before a killed pod is deleted).`,
      fix: 'Use gracePeriod: 0 (immediate) or a positive number of seconds.',
    });
  }
  checkCommonChaosSpec(spec, at, out);
  return out;
}
