import { Construct } from 'constructs';
import type { ChaosTarget } from '../target';
import { GoDuration } from '../units';
import { ChaosKind, Fault, podFault } from './_fault';
import { checkActionProps } from './_action-props';
import { percentText } from './_validate';
import { ChaosExperiment, ChaosExperimentProps, chaosStep } from './base';
import { SelectorMode } from './selector-mode';

/**
 * What a BlockChaos does to a volume's block device. The device is the node's: every pod that
 * shares it is affected (rule CM013).
 *
 * @see https://chaos-mesh.org/docs/simulate-block-chaos-on-kubernetes/
 */
export enum BlockChaosAction {
  /** Delay every I/O request (`delay`). */
  DELAY = 'delay',
}

/** Props of {@link BlockChaosExperiment}. */
export interface BlockChaosExperimentProps extends ChaosExperimentProps {
  /** The pods whose volume's device is slowed; the selector comes from here. */
  readonly target: ChaosTarget;
  readonly action: BlockChaosAction;
  /** The pod volume (its name in the pod spec) whose block device gets the fault. */
  readonly volumeName: string;
  /** DELAY (required): latency of every I/O request. @default - none */
  readonly delay?: {
    readonly latency: GoDuration;
    /** @default - none */
    readonly jitter?: GoDuration;
    /** Correlation with the previous request's delay, in percent. @default - none */
    readonly correlation?: number;
  };
  /**
   * How many of the selected pods to hit.
   *
   * @default SelectorMode.ONE (the smallest blast radius)
   */
  readonly mode?: SelectorMode;
  /**
   * Containers the volume is mounted in.
   *
   * @default - the target's containerNames, else none: Chaos Mesh 2.8.2 injects into the first container
   */
  readonly containerNames?: string[];
}

/** Builds and validates the fault (shared with a GameDay step). (Internal to lib/experiments.) */
export function blockChaosFault(owner: string, props: BlockChaosExperimentProps): Fault {
  checkActionProps(owner, 'BlockChaos', BlockChaosAction, { [BlockChaosAction.DELAY]: { optional: ['delay'] } }, props);
  const d = props.delay;
  return podFault(owner, ChaosKind.BLOCK_CHAOS, props, `block ${props.action}`, {
    action: props.action,
    volumeName: props.volumeName,
    delay: d && {
      latency: d.latency.text,
      jitter: d.jitter?.text,
      correlation: d.correlation === undefined ? undefined : percentText(d.correlation),
    },
  });
}

/**
 * A BlockChaos: I/O latency on the block device behind one of the target's volumes.
 *
 * @example
 * new BlockChaosExperiment(chart, 'slow-disk', {
 *   target: db, action: BlockChaosAction.DELAY, volumeName: 'data',
 *   delay: { latency: GoDuration.millis(50) }, duration: GoDuration.minutes(2),
 * });
 */
export class BlockChaosExperiment extends ChaosExperiment {
  /** The action performed. */
  public readonly action: BlockChaosAction;

  public constructor(scope: Construct, id: string, props: BlockChaosExperimentProps) {
    super(scope, id, props, chaosStep('BlockChaosExperiment', scope, id, props, blockChaosFault));
    this.action = props.action;
  }
}
