import { Issue } from '../_issue';
import { checkCommonChaosSpec } from './_common';

/**
 * What the 2.8.2 webhook refuses in a KernelChaos spec (kernelchaos_webhook.go): the duration and
 * selector checks; `failKernRequest` is bounded by the CRD schema alone (failtype 0-2,
 * probability 0-100, times ≥ 0).
 */
export function kernelChaosSpecIssues(spec: Record<string, unknown>, at: string): Issue[] {
  const out: Issue[] = [];
  checkCommonChaosSpec(spec, at, out);
  return out;
}
