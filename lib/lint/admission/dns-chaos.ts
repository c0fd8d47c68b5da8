import { Issue } from '../_issue';
import { checkCommonChaosSpec } from './_common';

/** DNSChaos actions in Chaos Mesh 2.8.2 (the CRD enum). */
export const DNS_CHAOS_ACTIONS = ['error', 'random'] as const;

/**
 * What the 2.8.2 webhook refuses in a DNSChaos spec: only the common checks (the `Duration` tag
 * and (*PodSelector).Validate); dnschaos_webhook.go adds nothing of its own.
 */
export function dnsChaosSpecIssues(spec: Record<string, unknown>, at: string): Issue[] {
  const out: Issue[] = [];
  checkCommonChaosSpec(spec, at, out);
  return out;
}
