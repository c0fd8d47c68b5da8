import { Construct } from 'constructs';
import type { ChaosTarget } from '../target';
import { ChaosKind, Fault, outOfPodFault } from './_fault';
import { checkActionProps } from './_action-props';
import { checkSecretName } from './_cloud';
import { ChaosExperiment, ChaosExperimentProps, chaosStep } from './base';

/**
 * What an AzureChaos does to a virtual machine. Every action takes a whole machine (and its
 * pods) away: rule CM013.
 *
 * @see https://chaos-mesh.org/docs/simulate-azure-chaos/
 */
export enum AzureChaosAction {
  /** Stop the VM for the duration. */
  VM_STOP = 'vm-stop',
  /** Restart the VM. */
  VM_RESTART = 'vm-restart',
  /** Detach a data disk for the duration (`diskName`, `lun`). */
  DISK_DETACH = 'disk-detach',
}

/** Props of {@link AzureChaosExperiment}. */
export interface AzureChaosExperimentProps extends ChaosExperimentProps {
  /**
   * The service whose steady state the probe and guard watch while the VM suffers the fault
   * (not written into the chaos spec: the fault selects a VM, not pods).
   */
  readonly target: ChaosTarget;
  readonly action: AzureChaosAction;
  /** The subscription ID. */
  readonly subscriptionId: string;
  /** The resource group of the VM. */
  readonly resourceGroupName: string;
  /** The VM name. */
  readonly vmName: string;
  /**
   * The Secret (in the experiment's namespace) with `client_id` and `client_secret`. By name
   * only: credentials are never written to a manifest.
   */
  readonly secretName: string;
  /** DISK_DETACH (required): the data disk's name. @default - none */
  readonly diskName?: string;
  /** DISK_DETACH (required): the data disk's logical unit number. @default - none */
  readonly lun?: number;
}

const ACTION_PROPS = {
  [AzureChaosAction.VM_STOP]: {},
  [AzureChaosAction.VM_RESTART]: {},
  [AzureChaosAction.DISK_DETACH]: { optional: ['diskName', 'lun'] }, // required by admission
};

/** Builds and validates the fault (shared with a GameDay step). (Internal to lib/experiments.) */
export function azureChaosFault(owner: string, props: AzureChaosExperimentProps): Fault {
  checkActionProps(owner, 'AzureChaos', AzureChaosAction, ACTION_PROPS, props);
  checkSecretName(owner, props.secretName);
  return outOfPodFault(owner, ChaosKind.AZURE_CHAOS, props.target, `Azure ${props.action}`, {
    action: props.action,
    subscriptionID: props.subscriptionId,
    resourceGroupName: props.resourceGroupName,
    vmName: props.vmName,
    secretName: props.secretName,
    diskName: props.diskName,
    lun: props.lun,
  }, { subscriptionID: 'subscriptionId' });
}

/**
 * An AzureChaos: stop or restart a virtual machine, or detach one of its data disks.
 *
 * @example
 * new AzureChaosExperiment(chart, 'vm-stop', {
 *   target: podinfo, action: AzureChaosAction.VM_STOP, subscriptionId: '00000000-0000-0000-0000-000000000000',
 *   resourceGroupName: 'aks-nodes', vmName: 'aks-pool-1', secretName: 'azure-chaos-credentials',
 *   duration: GoDuration.minutes(5),
 * });
 */
export class AzureChaosExperiment extends ChaosExperiment {
  /** The action performed. */
  public readonly action: AzureChaosAction;

  public constructor(scope: Construct, id: string, props: AzureChaosExperimentProps) {
    super(scope, id, props, chaosStep('AzureChaosExperiment', scope, id, props, azureChaosFault));
    this.action = props.action;
  }
}
