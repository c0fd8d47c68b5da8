import { Issue } from '../_issue';
import { checkCommonChaosSpec } from './_common';
import { networkChaosSpecIssues } from './network-chaos';
import { podChaosSpecIssues } from './pod-chaos';
import { stressChaosSpecIssues } from './stress-chaos';

/**
 * Admission issues of one chaos spec, wherever it sits: a standalone object's `spec`, a
 * Schedule's `spec.<kind>`, a Workflow template's `<kind>` (the webhook validates all three the
 * same way). Kinds without their own checks here get the common ones (duration, selector value).
 */
export function chaosSpecIssues(kind: string, spec: Record<string, unknown>, at: string): Issue[] {
  switch (kind) {
    case 'PodChaos': return podChaosSpecIssues(spec, at);
    case 'NetworkChaos': return networkChaosSpecIssues(spec, at);
    case 'StressChaos': return stressChaosSpecIssues(spec, at);
    default: {
      const out: Issue[] = [];
      checkCommonChaosSpec(spec, at, out);
      return out;
    }
  }
}
