import { Construct } from 'constructs';
import type { ChaosTarget } from '../target';
import { GoDuration } from '../units';
import { ChaosKind, containerNamesOf, Fault, selectorSpec } from './_fault';
import { fail } from './_validate';
import { ChaosExperiment, ChaosExperimentProps, chaosStep } from './base';
import { SelectorMode } from './selector-mode';

/**
 * What a PodChaos does to the selected pods.
 *
 * @see https://chaos-mesh.org/docs/simulate-pod-chaos-on-kubernetes/
 */
export enum PodChaosAction {
  /** Delete the pods (their controller recreates them). One-shot. */
  POD_KILL = 'pod-kill',
  /** Make the pods unavailable (pause image) for the duration. */
  POD_FAILURE = 'pod-failure',
  /** Kill the named containers (`containerNames`). One-shot. */
  CONTAINER_KILL = 'container-kill',
}

/** The pod fault, without timing (shared by {@link PodChaosExperiment} and a bounded schedule). */
export interface PodChaosFaultOptions {
  /** The pods to act on; the selector comes from here. */
  readonly target: ChaosTarget;
  readonly action: PodChaosAction;
  /**
   * How many of the selected pods to hit.
   *
   * @default SelectorMode.ONE (the smallest blast radius)
   */
  readonly mode?: SelectorMode;
  /**
   * pod-kill only: how long the killed pods get to shut down (whole seconds).
   *
   * @default - omitted: Chaos Mesh deletes immediately (0)
   */
  readonly gracePeriod?: GoDuration;
  /**
   * container-kill only: the containers to kill.
   *
   * @default - the target's containerNames (required for container-kill)
   */
  readonly containerNames?: string[];
}

/** Props of {@link PodChaosExperiment}. */
export interface PodChaosExperimentProps extends PodChaosFaultOptions, ChaosExperimentProps {}

/** Builds and validates a pod fault. (Internal to lib/experiments.) */
export function podChaosFault(owner: string, options: PodChaosFaultOptions): Fault {
  const actions = Object.values(PodChaosAction) as string[];
  if (!actions.includes(options.action)) {
    fail(owner, `action "${options.action}" is not a pod chaos action (allowed: ${actions.join(', ')}).`);
  }
  const mode = options.mode ?? SelectorMode.ONE;
  const action = options.action;
  if (options.gracePeriod !== undefined) {
    if (action !== PodChaosAction.POD_KILL) {
      fail(owner, `gracePeriod applies only to action "pod-kill", not "${action}": leave it out.`);
    }
    const ms = options.gracePeriod.toMilliseconds();
    if (ms < 0 || ms % 1000 !== 0) {
      fail(owner, `gracePeriod "${options.gracePeriod.text}" must be a whole, non-negative number of seconds.`);
    }
  }
  let containerNames: string[] | undefined;
  if (action === PodChaosAction.CONTAINER_KILL) {
    containerNames = containerNamesOf(owner, options.target, options.containerNames);
    if (!containerNames) {
      fail(owner, 'containerNames is required for action "container-kill": name the containers to kill, '
        + 'or declare containerNames on the target.');
    }
  } else if (options.containerNames !== undefined) {
    fail(owner, `containerNames applies only to action "container-kill", not "${action}": leave it out.`);
  }
  const gracePeriod = options.gracePeriod === undefined ? undefined : options.gracePeriod.toMilliseconds() / 1000;
  return {
    kind: ChaosKind.POD_CHAOS,
    target: options.target,
    oneShot: action !== PodChaosAction.POD_FAILURE,
    action,
    renderSpec: () => ({
      action,
      ...selectorSpec(options.target, mode),
      ...(containerNames ? { containerNames } : {}),
      ...(gracePeriod === undefined ? {} : { gracePeriod }),
    }),
  };
}

/**
 * A PodChaos: pod-kill, pod-failure or container-kill against a target.
 *
 * @example
 * new PodChaosExperiment(chart, 'podinfo-kill', {
 *   target: podinfo, action: PodChaosAction.POD_KILL, mode: SelectorMode.ONE,
 *   duration: GoDuration.minutes(3),
 *   phases: { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(1) },
 * });
 */
export class PodChaosExperiment extends ChaosExperiment {
  /** The action performed. */
  public readonly action: PodChaosAction;

  public constructor(scope: Construct, id: string, props: PodChaosExperimentProps) {
    super(scope, id, props, chaosStep('PodChaosExperiment', scope, id, props, podChaosFault));
    this.action = props.action;
  }
}
