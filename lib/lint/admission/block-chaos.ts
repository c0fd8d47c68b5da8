import { Issue } from '../_issue';
import { fieldPath } from '../../_field-path';
import { isRecord } from '../../_json';
import { checkCommonChaosSpec, checkFloatString, checkGoDuration, defaultEmpty, DefaultWriter, WEBHOOK } from './_common';

/** BlockChaos actions in Chaos Mesh 2.8.2 (the CRD enum). */
export const BLOCK_CHAOS_ACTIONS = ['delay'] as const;

/** BlockDelaySpec's `default` tags, applied by the mutating webhook: correlation "0", jitter "0ms". */
export function defaultBlockChaosSpec(spec: Record<string, unknown>, w: DefaultWriter): void {
  defaultEmpty(w, spec.delay, 'correlation', '0');
  defaultEmpty(w, spec.delay, 'jitter', '0ms');
}

/**
 * What the 2.8.2 webhook refuses in a BlockChaos spec (blockchaos_webhook.go and the tags of
 * blockchaos_types.go): action `delay` without a `delay` block, a latency or jitter that is not a
 * Go duration, a correlation that is not a float, and the common duration and selector checks.
 */
export function blockChaosSpecIssues(spec: Record<string, unknown>, at: string): Issue[] {
  const out: Issue[] = [];
  const delay = spec.delay;
  // (*BlockChaosSpec).Validate: "delay should be set on delay action".
  if (spec.action === 'delay' && (delay === undefined || delay === null)) {
    out.push({ path: fieldPath(at, 'delay'), message: `action "delay" needs the delay block; ${WEBHOOK} refuses it ("delay should be set on delay action").`, fix: 'Add delay: {latency: "10ms"}.' });
  }
  if (isRecord(delay)) {
    const path = fieldPath(at, 'delay');
    // BlockDelaySpec tags: Latency and Jitter `webhook:"Duration"`, Correlation `webhook:"FloatStr"` (default "0").
    checkGoDuration(delay.latency, fieldPath(path, 'latency'), out, 'latency');
    checkGoDuration(delay.jitter, fieldPath(path, 'jitter'), out, 'jitter');
    checkFloatString(delay.correlation, fieldPath(path, 'correlation'), out, 'correlation');
  }
  checkCommonChaosSpec(spec, at, out);
  return out;
}
