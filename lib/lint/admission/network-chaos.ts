import { Issue, quote } from '../_issue';
import { fieldPath } from '../../_field-path';
import { isRecord } from '../../_json';
import { parseBandwidthRate } from '../../units';
import { goParseFloat32 } from './_go-number';
import { checkCommonChaosSpec, checkFloatString, checkGoDuration, checkPodSelector, defaultEmpty, DefaultWriter, unitReason, WEBHOOK } from './_common';

/** The largest int32: the CRD's format of BandwidthSpec `limit`, `buffer` and `minburst`. */
const INT32_MAX = 2 ** 31 - 1;

/**
 * Netem percentages (loss, duplicate, corrupt, reorder and every correlation). The webhook only
 * parses them ((*FloatStr).Validate); chaos-daemon's convertNetemToArgs (pkg/chaosdaemon/tc_server.go)
 * hands them to `tc qdisc add ... netem`, which refuses a value outside 0-100 when the chaos is injected.
 */
export const NETEM_PERCENT = { min: 0, max: 100 } as const;

/** BandwidthSpec `limit` and `buffer`: +kubebuilder:validation:Minimum=1 (networkchaos_types.go), int32 in the CRD. */
export const BANDWIDTH_LIMIT = { min: 1, max: INT32_MAX } as const;

/** BandwidthSpec `minburst`: +kubebuilder:validation:Minimum=0 (networkchaos_types.go), int32 in the CRD. */
export const BANDWIDTH_MINBURST = { min: 0, max: INT32_MAX } as const;

/** NetworkChaos actions in Chaos Mesh 2.8.2 (the CRD enum). */
export const NETWORK_CHAOS_ACTIONS = ['netem', 'delay', 'loss', 'duplicate', 'corrupt', 'partition', 'bandwidth'] as const;

/** NetworkChaos `direction` in Chaos Mesh 2.8.2 (the CRD enum; an empty one is defaulted to `to`). */
export const NETWORK_DIRECTIONS = ['to', 'from', 'both'] as const;

/**
 * The mutating webhook's NetworkChaos defaults: (*Direction).Default makes an empty direction
 * `to`; the `default:"0"` / `default:"0ms"` tags fill empty correlations and the jitter.
 */
export function defaultNetworkChaosSpec(spec: Record<string, unknown>, w: DefaultWriter): void {
  defaultEmpty(w, spec, 'direction', 'to');
  if (isRecord(spec.delay)) {
    defaultEmpty(w, spec.delay, 'correlation', '0');
    defaultEmpty(w, spec.delay, 'jitter', '0ms');
    defaultEmpty(w, spec.delay.reorder, 'correlation', '0');
  }
  for (const block of ['loss', 'duplicate', 'corrupt']) defaultEmpty(w, spec[block], 'correlation', '0');
}

/** The parameter block each single-purpose action reads. */
const ACTION_BLOCK: Record<string, string> = { delay: 'delay', loss: 'loss', duplicate: 'duplicate', corrupt: 'corrupt', bandwidth: 'bandwidth' };
const NETEM_BLOCKS = ['delay', 'loss', 'duplicate', 'corrupt', 'rate'];

/**
 * What the 2.8.2 webhook refuses in a NetworkChaos spec (api/v1alpha1/networkchaos_webhook.go,
 * networkchaos_types.go and the generic validators): latency and jitter that are not Go
 * durations, `FloatStr` fields (correlation, loss, duplicate, corrupt, reorder) that are not
 * floats (an empty loss/duplicate/corrupt/reorder too: only correlations carry a default), a
 * bandwidth `rate` the `Rate` validator cannot read (bit/kbit/... and bps/kbps/... units), `limit`/`buffer` below 1,
 * direction `from`/`both` without a `target` or with `externalTargets` (except for partition),
 * and invalid selector values of the spec and of the target.
 *
 * Also reported, as warnings: an action without its parameter block (`action: delay` and no
 * `delay:`), which the webhook lets through but which has nothing to inject, and a netem
 * percentage outside {@link NETEM_PERCENT}, which tc refuses when the chaos is injected.
 */
export function networkChaosSpecIssues(spec: Record<string, unknown>, at: string): Issue[] {
  const out: Issue[] = [];
  const action = spec.action;
  if (typeof action !== 'string' || !(NETWORK_CHAOS_ACTIONS as readonly string[]).includes(action)) {
    out.push({
      path: fieldPath(at, 'action'),
      message: `action ${quote(action)} is not a NetworkChaos action; allowed: ${NETWORK_CHAOS_ACTIONS.map((a) => `"${a}"`).join(', ')}.`,
      fix: 'Use delay, loss, duplicate, corrupt, bandwidth, netem (a combination) or partition.',
    });
  } else if (ACTION_BLOCK[action] && !isRecord(spec[ACTION_BLOCK[action]])) {
    out.push({
      path: fieldPath(at, ACTION_BLOCK[action]),
      severity: 'warning',
      message: `action ${quote(action)} has no ${ACTION_BLOCK[action]} block; the webhook accepts it, but there is nothing to inject and the experiment fails when Chaos Mesh applies it.`,
      fix: `Add ${ACTION_BLOCK[action]}: {...} with the parameters of the ${action}.`,
    });
  } else if (action === 'netem' && !NETEM_BLOCKS.some((b) => isRecord(spec[b]))) {
    out.push({
      path: fieldPath(at, 'action'),
      severity: 'warning',
      message: 'action "netem" has none of delay, loss, duplicate, corrupt or rate; there is nothing to inject.',
      fix: 'Add at least one of delay, loss, duplicate, corrupt or rate.',
    });
  }

  checkDelay(spec.delay, fieldPath(at, 'delay'), out);
  for (const block of ['loss', 'duplicate', 'corrupt']) {
    const value = spec[block];
    if (!isRecord(value)) continue;
    checkNetemPercent(value[block], fieldPath(at, block, block), out, block);
    checkNetemPercent(value.correlation, fieldPath(at, block, 'correlation'), out, 'correlation');
  }
  if (isRecord(spec.bandwidth)) {
    const bw = spec.bandwidth;
    checkRate(bw.rate, fieldPath(at, 'bandwidth', 'rate'), out);
    for (const field of ['limit', 'buffer']) {
      const v = bw[field];
      if (typeof v === 'number' && v < BANDWIDTH_LIMIT.min) {
        out.push({
          path: fieldPath(at, 'bandwidth', field),
          message: `bandwidth ${field} ${v} is below the minimum ${BANDWIDTH_LIMIT.min} (bytes).`,
          fix: `Set ${field} to at least 1, e.g. ${field === 'limit' ? 'limit: 20971520' : 'buffer: 10000'}.`,
        });
      }
    }
  }
  if (isRecord(spec.rate)) checkRate(spec.rate.rate, fieldPath(at, 'rate', 'rate'), out);

  checkDirection(spec, at, out);
  if (isRecord(spec.target)) checkPodSelector(spec.target, fieldPath(at, 'target'), out);
  checkCommonChaosSpec(spec, at, out);
  return out;
}

function checkDelay(delay: unknown, at: string, out: Issue[]): void {
  if (!isRecord(delay)) return;
  checkGoDuration(delay.latency, fieldPath(at, 'latency'), out, 'latency');
  checkGoDuration(delay.jitter, fieldPath(at, 'jitter'), out, 'jitter');
  checkNetemPercent(delay.correlation, fieldPath(at, 'correlation'), out, 'correlation');
  if (isRecord(delay.reorder)) {
    checkNetemPercent(delay.reorder.reorder, fieldPath(at, 'reorder', 'reorder'), out, 'reorder');
    checkNetemPercent(delay.reorder.correlation, fieldPath(at, 'reorder', 'correlation'), out, 'correlation');
  }
}

/** A netem `FloatStr`: refused unless a float (the webhook), a warning outside {@link NETEM_PERCENT} (tc, at injection). */
function checkNetemPercent(value: unknown, path: string, out: Issue[], what: string): void {
  checkFloatString(value, path, out, what);
  if (typeof value !== 'string') return;
  const parsed = goParseFloat32(value);
  if (parsed.ok && !(parsed.value >= NETEM_PERCENT.min && parsed.value <= NETEM_PERCENT.max)) {
    out.push({
      path,
      severity: 'warning',
      message: `${what} ${quote(value)} is not a percentage from ${NETEM_PERCENT.min} to ${NETEM_PERCENT.max}; the webhook accepts it, but tc netem refuses it, so the experiment fails when Chaos Mesh injects it.`,
      fix: `Write ${what} as a percentage from ${NETEM_PERCENT.min} to ${NETEM_PERCENT.max}, e.g. "25".`,
    });
  }
}

/** (*Rate).Validate: the bandwidth rate parser of the webhook (lib/units parseBandwidthRate). */
function checkRate(value: unknown, path: string, out: Issue[]): void {
  if (typeof value !== 'string') return; // missing or not a string: a schema finding
  try {
    parseBandwidthRate(value);
  } catch (err) {
    out.push({
      path,
      message: `rate ${quote(value)} is refused by ${WEBHOOK}: ${unitReason(err)}.`,
      fix: 'Write a whole number with a unit, e.g. "1mbps" (bytes per second) or "10mbit" (bits per second).',
    });
  }
}

function checkDirection(spec: Record<string, unknown>, at: string, out: Issue[]): void {
  const direction = spec.direction;
  if (spec.action === 'partition' || (direction !== 'from' && direction !== 'both')) return;
  const path = fieldPath(at, 'direction');
  if (spec.externalTargets !== undefined && spec.externalTargets !== null) {
    out.push({
      path,
      message: `direction ${quote(direction)} cannot be combined with externalTargets for a ${quote(spec.action)} action; ${WEBHOOK} refuses it ("external targets cannot be used with from and both direction in netem action yet").`,
      fix: 'Use direction: to with externalTargets, or remove externalTargets and select a target.',
    });
  }
  if (spec.target === undefined || spec.target === null) {
    out.push({
      path,
      message: `direction ${quote(direction)} needs a target (the pods on the other side); ${WEBHOOK} refuses it without one.`,
      fix: 'Add target: {mode, selector} or use direction: to.',
    });
  }
}
