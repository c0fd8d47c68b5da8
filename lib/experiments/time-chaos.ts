import { Construct } from 'constructs';
import { TIME_CHAOS_CLOCK_IDS } from '../lint/admission/time-chaos';
import type { ChaosTarget } from '../target';
import { ChaosKind, Fault, podFault } from './_fault';
import { fail } from './_validate';
import { ChaosExperiment, ChaosExperimentProps, chaosStep } from './base';
import { SelectorMode } from './selector-mode';
import { TimeOffset } from './time-offset';

/**
 * Clocks a TimeChaos can shift (`clockIds`): the Linux clock ids, e.g. `'CLOCK_REALTIME'`.
 * @inline
 */
export type ClockId = (typeof TIME_CHAOS_CLOCK_IDS)[number];

/** Props of {@link TimeChaosExperiment}. */
export interface TimeChaosExperimentProps extends ChaosExperimentProps {
  /** The pods whose clocks move; the selector comes from here. */
  readonly target: ChaosTarget;
  /** How far the clocks move (`timeOffset`), e.g. `TimeOffset.behind(GoDuration.minutes(10))`. */
  readonly offset: TimeOffset;
  /**
   * The clocks that move.
   *
   * @default - omitted: Chaos Mesh moves CLOCK_REALTIME only
   * @see https://chaos-mesh.org/docs/simulate-time-chaos-on-kubernetes/
   */
  readonly clockIds?: ClockId[];
  /**
   * How many of the selected pods to hit.
   *
   * @default SelectorMode.ONE (the smallest blast radius)
   */
  readonly mode?: SelectorMode;
  /**
   * Containers whose clocks move.
   *
   * @default - the target's containerNames, else none: Chaos Mesh 2.8.2 injects into the first container
   */
  readonly containerNames?: string[];
}

/** Builds and validates the fault (shared with a GameDay step). (Internal to lib/experiments.) */
export function timeChaosFault(owner: string, props: TimeChaosExperimentProps): Fault {
  if (!(props.offset instanceof TimeOffset)) {
    fail(owner, 'offset must be a TimeOffset (e.g. TimeOffset.behind(GoDuration.minutes(10)) or TimeOffset.parse("-10m")).');
  }
  // 2.8.2 admits any clock id and the daemon fails on an unknown one: refuse it here, from the shared set.
  const clocks: readonly string[] = TIME_CHAOS_CLOCK_IDS;
  for (const id of props.clockIds ?? []) {
    if (!clocks.includes(id)) fail(owner, `clockIds "${id}" is not a clock id (allowed: ${clocks.join(', ')}).`);
  }
  return podFault(owner, ChaosKind.TIME_CHAOS, props, 'time shift', {
    timeOffset: props.offset.text,
    clockIds: props.clockIds && [...props.clockIds],
  }, { timeOffset: 'offset' });
}

/**
 * A TimeChaos: the target's processes read a clock moved ahead or behind.
 *
 * @example
 * new TimeChaosExperiment(chart, 'clock-skew', {
 *   target: podinfo, offset: TimeOffset.behind(GoDuration.minutes(10)), clockIds: ['CLOCK_REALTIME'],
 *   duration: GoDuration.minutes(2),
 * });
 */
export class TimeChaosExperiment extends ChaosExperiment {
  /** How far the clocks move. */
  public readonly offset: TimeOffset;

  public constructor(scope: Construct, id: string, props: TimeChaosExperimentProps) {
    super(scope, id, props, chaosStep('TimeChaosExperiment', scope, id, props, timeChaosFault));
    this.offset = props.offset;
  }
}
