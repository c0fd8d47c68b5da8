import { Construct } from 'constructs';
import type { ChaosTarget } from '../target';
import { GoDuration } from '../units';
import { ChaosKind, Fault, selectorSpec } from './_fault';
import { BANDWIDTH_LIMIT, BANDWIDTH_MINBURST, NETEM_PERCENT, NETWORK_DIRECTIONS } from '../lint/admission/network-chaos';
import { checkInteger, checkPercent, fail, percentText } from './_validate';
import { ChaosExperiment, ChaosExperimentProps, chaosStep } from './base';
import { BandwidthRate } from './bandwidth-rate';
import { SelectorMode } from './selector-mode';

/**
 * The network fault (tc/netem or a partition) applied in the selected pods' network namespace.
 *
 * @see https://chaos-mesh.org/docs/simulate-network-chaos-on-kubernetes/
 */
export enum NetworkChaosAction {
  /** Add latency (`delay`). */
  DELAY = 'delay',
  /** Drop packets (`loss`). */
  LOSS = 'loss',
  /** Duplicate packets (`duplicate`). */
  DUPLICATE = 'duplicate',
  /** Corrupt packets (`corrupt`). */
  CORRUPT = 'corrupt',
  /** Limit bandwidth (`bandwidth`). */
  BANDWIDTH = 'bandwidth',
  /** Cut traffic to/from the peer or external targets. */
  PARTITION = 'partition',
  /** Several netem faults at once: any of `delay`, `loss`, `duplicate` and `corrupt` (at least one). */
  NETEM = 'netem',
}

/**
 * Which traffic the fault applies to, seen from the target pods: `'to'` the peer (Chaos Mesh's
 * default), `'from'` the peer, or `'both'`.
 * @inline
 */
export type NetworkDirection = (typeof NETWORK_DIRECTIONS)[number];

/**
 * `delay` parameters (tc netem delay).
 * @inline
 */
export interface NetworkDelay {
  /** Added latency. */
  readonly latency: GoDuration;
  /** Random variation around the latency. @default - none (Chaos Mesh uses 0ms) */
  readonly jitter?: GoDuration;
  /** Correlation with the previous packet's delay, in percent. @default - none (Chaos Mesh uses 0) */
  readonly correlation?: number;
  /** Send some packets immediately, reordering them. @default - no reordering */
  readonly reorder?: NetworkReorder;
}

/**
 * Reordering inside a delay.
 * @inline
 */
export interface NetworkReorder {
  /** Percentage of packets sent immediately. */
  readonly percent: number;
  /** Reorder every `gap`-th packet (an integer >= 0). */
  readonly gap: number;
  /** Correlation in percent. @default 0 (Chaos Mesh requires a value here) */
  readonly correlation?: number;
}

/**
 * A probability with an optional correlation (loss, duplicate, corrupt).
 * @inline
 */
export interface NetworkProbability {
  /** Percentage of packets affected. */
  readonly percent: number;
  /** Correlation with the previous packet, in percent. @default - none (Chaos Mesh uses 0) */
  readonly correlation?: number;
}

/**
 * `bandwidth` parameters (tc tbf).
 * @inline
 */
export interface NetworkBandwidth {
  readonly rate: BandwidthRate;
  /** Bytes that can queue waiting for tokens (>= 1). */
  readonly limit: number;
  /** Bucket size in bytes (>= 1). */
  readonly buffer: number;
  /** Maximum depletion rate of the bucket. @default - none */
  readonly peakrate?: number;
  /** Size of the peakrate bucket in bytes. @default - none */
  readonly minburst?: number;
}

/**
 * The other side of the traffic (`spec.target`).
 * @inline
 */
export interface NetworkPeer {
  readonly target: ChaosTarget;
  /** @default SelectorMode.ALL (every peer pod) */
  readonly mode?: SelectorMode;
}

/** The network fault, without timing. */
export interface NetworkChaosFaultOptions {
  /** The pods whose network namespace gets the fault; the selector comes from here. */
  readonly target: ChaosTarget;
  readonly action: NetworkChaosAction;
  /**
   * How many of the selected pods to hit.
   *
   * @default SelectorMode.ONE (the smallest blast radius)
   */
  readonly mode?: SelectorMode;
  /** Required for DELAY; with NETEM, one of the faults it combines. @default - none */
  readonly delay?: NetworkDelay;
  /** Required for LOSS; with NETEM, one of the faults it combines. @default - none */
  readonly loss?: NetworkProbability;
  /** Required for DUPLICATE; with NETEM, one of the faults it combines. @default - none */
  readonly duplicate?: NetworkProbability;
  /** Required for CORRUPT; with NETEM, one of the faults it combines. @default - none */
  readonly corrupt?: NetworkProbability;
  /** Required for BANDWIDTH, and only then. @default - none */
  readonly bandwidth?: NetworkBandwidth;
  /**
   * Which traffic is affected. `from` and `both` need a peer (and, except for a partition, no
   * external targets), as the 2.8.2 webhook requires.
   *
   * @default - omitted: Chaos Mesh applies `to`
   */
  readonly direction?: NetworkDirection;
  /** Limit the fault to traffic with these pods (`spec.target`). @default - all traffic */
  readonly peer?: NetworkPeer;
  /** Limit the fault to traffic with these IPs, CIDRs or host names. @default - all traffic */
  readonly externalTargets?: string[];
}

/** Props of {@link NetworkChaosExperiment}. */
export interface NetworkChaosExperimentProps extends NetworkChaosFaultOptions, ChaosExperimentProps {}

const PARAMETER_PROPS = ['delay', 'loss', 'duplicate', 'corrupt', 'bandwidth'] as const;
/** The props action `netem` combines. */
const NETEM_PROPS = ['delay', 'loss', 'duplicate', 'corrupt'] as const;

/** Builds and validates a network fault. (Internal to lib/experiments.) */
export function networkChaosFault(owner: string, options: NetworkChaosFaultOptions): Fault {
  const action = options.action;
  const actions = Object.values(NetworkChaosAction) as string[];
  if (!actions.includes(action)) {
    fail(owner, `action "${action}" is not a network chaos action (allowed: ${actions.join(', ')}).`);
  }
  for (const prop of PARAMETER_PROPS) {
    const given = options[prop] !== undefined;
    const applies = prop === action || (action === NetworkChaosAction.NETEM && (NETEM_PROPS as readonly string[]).includes(prop));
    if (prop === action && !given) fail(owner, `${prop} is required for action "${action}".`);
    if (!applies && given) {
      fail(owner, `${prop} does not apply to action "${action}": leave it out (it is read only with action "${prop}"${prop === 'bandwidth' ? '' : ' or "netem"'}).`);
    }
  }
  if (action === NetworkChaosAction.NETEM && !NETEM_PROPS.some((prop) => options[prop] !== undefined)) {
    fail(owner, `action "netem" needs at least one of ${NETEM_PROPS.join(', ')}: it combines them.`);
  }
  const params = renderParameters(owner, options);

  const direction = options.direction;
  const directions: readonly string[] = NETWORK_DIRECTIONS;
  if (direction !== undefined && !directions.includes(direction)) {
    fail(owner, `direction "${direction}" is not allowed (allowed: ${directions.join(', ')}).`);
  }
  const external = options.externalTargets;
  if (external !== undefined) {
    if (external.length === 0) fail(owner, 'externalTargets is empty: name at least one IP, CIDR or host, or leave it out.');
    for (const t of external) {
      if (typeof t !== 'string' || t.length === 0 || /\s/.test(t)) {
        fail(owner, `externalTargets entry "${t}" is not an IP, CIDR or host name.`);
      }
    }
  }
  const inbound = direction === 'from' || direction === 'both';
  if (action === NetworkChaosAction.PARTITION) {
    if (inbound && !options.peer && !external) {
      fail(owner, `direction "${direction}" needs a peer or externalTargets for a partition.`);
    }
  } else if (inbound) {
    if (external) fail(owner, `externalTargets cannot be used with direction "${direction}" for action "${action}" (allowed: direction "to").`);
    if (!options.peer) fail(owner, `direction "${direction}" needs a peer for action "${action}" (or use direction "to").`);
  }

  const mode = options.mode ?? SelectorMode.ONE;
  const peer = options.peer;
  return {
    kind: ChaosKind.NETWORK_CHAOS,
    target: options.target,
    oneShot: false,
    action: `network ${action}`,
    renderSpec: () => ({
      action,
      ...selectorSpec(options.target, mode),
      ...params,
      ...(direction === undefined ? {} : { direction }),
      ...(peer ? { target: selectorSpec(peer.target, peer.mode ?? SelectorMode.ALL) } : {}),
      ...(external ? { externalTargets: [...external] } : {}),
    }),
  };
}

function renderParameters(owner: string, options: NetworkChaosFaultOptions): Record<string, unknown> {
  const probability = (prop: 'loss' | 'duplicate' | 'corrupt', p: NetworkProbability) => {
    checkPercent(owner, `${prop}.percent`, p.percent, NETEM_PERCENT);
    if (p.correlation !== undefined) checkPercent(owner, `${prop}.correlation`, p.correlation, NETEM_PERCENT);
    return {
      [prop]: {
        [prop]: percentText(p.percent),
        ...(p.correlation === undefined ? {} : { correlation: percentText(p.correlation) }),
      },
    };
  };
  return {
    ...(options.delay ? renderDelay(owner, options.delay) : {}),
    ...(options.loss ? probability('loss', options.loss) : {}),
    ...(options.duplicate ? probability('duplicate', options.duplicate) : {}),
    ...(options.corrupt ? probability('corrupt', options.corrupt) : {}),
    ...(options.bandwidth ? renderBandwidth(owner, options.bandwidth) : {}),
  };
}

function renderDelay(owner: string, d: NetworkDelay): Record<string, unknown> {
  if (!d.latency || d.latency.nanoseconds < 0n) fail(owner, 'delay.latency must be a non-negative duration (e.g. GoDuration.millis(200)).');
  if (d.jitter !== undefined && d.jitter.nanoseconds < 0n) fail(owner, `delay.jitter "${d.jitter.text}" must not be negative.`);
  if (d.correlation !== undefined) checkPercent(owner, 'delay.correlation', d.correlation, NETEM_PERCENT);
  let reorder: Record<string, unknown> | undefined;
  if (d.reorder) {
    checkPercent(owner, 'delay.reorder.percent', d.reorder.percent, NETEM_PERCENT);
    checkInteger(owner, 'delay.reorder.gap', d.reorder.gap, 0);
    if (d.reorder.correlation !== undefined) checkPercent(owner, 'delay.reorder.correlation', d.reorder.correlation, NETEM_PERCENT);
    reorder = {
      reorder: percentText(d.reorder.percent),
      gap: d.reorder.gap,
      correlation: percentText(d.reorder.correlation ?? 0),
    };
  }
  return {
    delay: {
      latency: d.latency.text,
      ...(d.jitter === undefined ? {} : { jitter: d.jitter.text }),
      ...(d.correlation === undefined ? {} : { correlation: percentText(d.correlation) }),
      ...(reorder ? { reorder } : {}),
    },
  };
}

function renderBandwidth(owner: string, b: NetworkBandwidth): Record<string, unknown> {
  if (!(b.rate instanceof BandwidthRate)) fail(owner, 'bandwidth.rate must be a BandwidthRate (e.g. BandwidthRate.mbps(1)).');
  checkInteger(owner, 'bandwidth.limit', b.limit, BANDWIDTH_LIMIT.min, BANDWIDTH_LIMIT.max);
  checkInteger(owner, 'bandwidth.buffer', b.buffer, BANDWIDTH_LIMIT.min, BANDWIDTH_LIMIT.max);
  if (b.peakrate !== undefined) checkInteger(owner, 'bandwidth.peakrate', b.peakrate, 0);
  if (b.minburst !== undefined) checkInteger(owner, 'bandwidth.minburst', b.minburst, BANDWIDTH_MINBURST.min, BANDWIDTH_MINBURST.max);
  return {
    bandwidth: {
      rate: b.rate.text,
      limit: b.limit,
      buffer: b.buffer,
      ...(b.peakrate === undefined ? {} : { peakrate: b.peakrate }),
      ...(b.minburst === undefined ? {} : { minburst: b.minburst }),
    },
  };
}

/**
 * A NetworkChaos: delay, loss, duplicate, corrupt (or several at once, netem), bandwidth or partition against a target.
 *
 * @example
 * new NetworkChaosExperiment(chart, 'podinfo-latency', {
 *   target: podinfo, action: NetworkChaosAction.DELAY, mode: SelectorMode.ALL,
 *   delay: { latency: GoDuration.parse('200ms'), jitter: GoDuration.parse('50ms'), correlation: 25 },
 *   duration: GoDuration.parse('3m'),
 * });
 */
export class NetworkChaosExperiment extends ChaosExperiment {
  /** The action performed. */
  public readonly action: NetworkChaosAction;

  public constructor(scope: Construct, id: string, props: NetworkChaosExperimentProps) {
    super(scope, id, props, chaosStep('NetworkChaosExperiment', scope, id, props, networkChaosFault));
    this.action = props.action;
  }
}
