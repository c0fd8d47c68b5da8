import { Construct } from 'constructs';
import type { ChaosTarget } from '../target';
import { ChaosKind, Fault, outOfPodFault } from './_fault';
import { checkActionProps } from './_action-props';
import { checkSecretName } from './_cloud';
import { ChaosExperiment, ChaosExperimentProps, chaosStep } from './base';

/**
 * What an AWSChaos does to an EC2 instance. Every action takes a whole machine (and its pods)
 * away: rule CM013.
 *
 * @see https://chaos-mesh.org/docs/simulate-aws-chaos/
 */
export enum AwsChaosAction {
  /** Stop the instance for the duration. */
  EC2_STOP = 'ec2-stop',
  /** Restart the instance. */
  EC2_RESTART = 'ec2-restart',
  /** Detach an EBS volume for the duration (`volumeId`, `deviceName`). */
  DETACH_VOLUME = 'detach-volume',
}

/** Props of {@link AwsChaosExperiment}. */
export interface AwsChaosExperimentProps extends ChaosExperimentProps {
  /**
   * The service whose steady state the probe and guard watch while the instance suffers the
   * fault (not written into the chaos spec: the fault selects an instance, not pods).
   */
  readonly target: ChaosTarget;
  readonly action: AwsChaosAction;
  /** The region, e.g. `eu-west-1`. */
  readonly awsRegion: string;
  /** The instance ID, e.g. `i-0123456789abcdef0`. */
  readonly ec2Instance: string;
  /**
   * The Secret (in the experiment's namespace) with `aws_access_key_id` and
   * `aws_secret_access_key`. By name only: credentials are never written to a manifest.
   */
  readonly secretName: string;
  /** DETACH_VOLUME (required): the EBS volume ID. @default - none */
  readonly volumeId?: string;
  /** DETACH_VOLUME (required): the device name, e.g. `/dev/sdf`. @default - none */
  readonly deviceName?: string;
}

const ACTION_PROPS = {
  [AwsChaosAction.EC2_STOP]: {},
  [AwsChaosAction.EC2_RESTART]: {},
  [AwsChaosAction.DETACH_VOLUME]: { optional: ['volumeId', 'deviceName'] }, // required by admission
};

/** Builds and validates the fault (shared with a GameDay step). (Internal to lib/experiments.) */
export function awsChaosFault(owner: string, props: AwsChaosExperimentProps): Fault {
  checkActionProps(owner, 'AWSChaos', AwsChaosAction, ACTION_PROPS, props);
  checkSecretName(owner, props.secretName);
  return outOfPodFault(owner, ChaosKind.AWS_CHAOS, props.target, `AWS ${props.action}`, {
    action: props.action,
    awsRegion: props.awsRegion,
    ec2Instance: props.ec2Instance,
    secretName: props.secretName,
    volumeID: props.volumeId,
    deviceName: props.deviceName,
  }, { volumeID: 'volumeId' });
}

/**
 * An AWSChaos: stop or restart an EC2 instance, or detach one of its EBS volumes.
 *
 * @example
 * new AwsChaosExperiment(chart, 'node-stop', {
 *   target: podinfo, action: AwsChaosAction.EC2_STOP, awsRegion: 'eu-west-1',
 *   ec2Instance: 'i-0123456789abcdef0', secretName: 'aws-chaos-credentials', duration: GoDuration.minutes(5),
 * });
 */
export class AwsChaosExperiment extends ChaosExperiment {
  /** The action performed. */
  public readonly action: AwsChaosAction;

  public constructor(scope: Construct, id: string, props: AwsChaosExperimentProps) {
    super(scope, id, props, chaosStep('AwsChaosExperiment', scope, id, props, awsChaosFault));
    this.action = props.action;
  }
}
