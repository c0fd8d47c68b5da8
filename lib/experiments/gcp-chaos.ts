import { Construct } from 'constructs';
import type { ChaosTarget } from '../target';
import { ChaosKind, Fault, outOfPodFault } from './_fault';
import { checkActionProps } from './_action-props';
import { checkSecretName } from './_cloud';
import { ChaosExperiment, ChaosExperimentProps, chaosStep } from './base';

/**
 * What a GCPChaos does to a Compute Engine instance. Every action takes a whole machine (and
 * its pods) away: rule CM013.
 *
 * @see https://chaos-mesh.org/docs/simulate-gcp-chaos/
 */
export enum GcpChaosAction {
  /** Stop the instance for the duration. */
  NODE_STOP = 'node-stop',
  /** Reset the instance. */
  NODE_RESET = 'node-reset',
  /** Detach disks for the duration (`deviceNames`). */
  DISK_LOSS = 'disk-loss',
}

/** Props of {@link GcpChaosExperiment}. */
export interface GcpChaosExperimentProps extends ChaosExperimentProps {
  /**
   * The service whose steady state the probe and guard watch while the instance suffers the
   * fault (not written into the chaos spec: the fault selects an instance, not pods).
   */
  readonly target: ChaosTarget;
  readonly action: GcpChaosAction;
  /** The project ID. */
  readonly project: string;
  /** The zone, e.g. `europe-west1-b`. */
  readonly zone: string;
  /** The instance name. */
  readonly instance: string;
  /**
   * The Secret (in the experiment's namespace) with the service account key (`service_account`).
   * By name only: credentials are never written to a manifest.
   */
  readonly secretName: string;
  /** DISK_LOSS (required): device names of the disks to detach. @default - none */
  readonly deviceNames?: string[];
}

/** Builds and validates the fault (shared with a GameDay step). (Internal to lib/experiments.) */
export function gcpChaosFault(owner: string, props: GcpChaosExperimentProps): Fault {
  checkActionProps(owner, 'GCPChaos', GcpChaosAction, { [GcpChaosAction.DISK_LOSS]: { optional: ['deviceNames'] } }, props);
  checkSecretName(owner, props.secretName);
  return outOfPodFault(owner, ChaosKind.GCP_CHAOS, props.target, `GCP ${props.action}`, {
    action: props.action,
    project: props.project,
    zone: props.zone,
    instance: props.instance,
    secretName: props.secretName,
    deviceNames: props.deviceNames && [...props.deviceNames],
  });
}

/**
 * A GCPChaos: stop or reset a Compute Engine instance, or detach its disks.
 *
 * @example
 * new GcpChaosExperiment(chart, 'node-stop', {
 *   target: podinfo, action: GcpChaosAction.NODE_STOP, project: 'my-project', zone: 'europe-west1-b',
 *   instance: 'gke-pool-1-abcd', secretName: 'gcp-chaos-credentials', duration: GoDuration.minutes(5),
 * });
 */
export class GcpChaosExperiment extends ChaosExperiment {
  /** The action performed. */
  public readonly action: GcpChaosAction;

  public constructor(scope: Construct, id: string, props: GcpChaosExperimentProps) {
    super(scope, id, props, chaosStep('GcpChaosExperiment', scope, id, props, gcpChaosFault));
    this.action = props.action;
  }
}
