import { Construct } from 'constructs';
import type { ChaosTarget } from '../target';
import { ChaosKind, Fault, podFault } from './_fault';
import { checkActionProps } from './_action-props';
import { fail } from './_validate';
import { ChaosExperiment, ChaosExperimentProps, chaosStep } from './base';
import { SelectorMode } from './selector-mode';

/**
 * What the Chaos DNS server answers the target's lookups with. Needs the chart's DNS server
 * (`dnsServer.create: true`): rule CM012.
 *
 * @see https://chaos-mesh.org/docs/simulate-dns-chaos-on-kubernetes/
 */
export enum DnsChaosAction {
  /** Lookups fail. */
  ERROR = 'error',
  /** Lookups return random IP addresses. */
  RANDOM = 'random',
}

/** Props of {@link DnsChaosExperiment}. */
export interface DnsChaosExperimentProps extends ChaosExperimentProps {
  /** The pods whose lookups are answered wrongly; the selector comes from here. */
  readonly target: ChaosTarget;
  readonly action: DnsChaosAction;
  /**
   * Domain names affected: exact names, `?` for one character, `*` only at the end
   * (`"api.example.com"`, `"db-?.internal"`, `"example.*"`).
   *
   * @default - every domain name
   */
  readonly patterns?: string[];
  /**
   * How many of the selected pods to hit.
   *
   * @default SelectorMode.ONE (the smallest blast radius)
   */
  readonly mode?: SelectorMode;
  /**
   * Containers whose lookups are affected.
   *
   * @default - the target's containerNames, else none: Chaos Mesh 2.8.2 injects into the first container
   */
  readonly containerNames?: string[];
}

/** Builds and validates the fault (shared with a GameDay step). (Internal to lib/experiments.) */
export function dnsChaosFault(owner: string, props: DnsChaosExperimentProps): Fault {
  checkActionProps(owner, 'DNSChaos', DnsChaosAction, {}, props);
  if (props.patterns !== undefined && props.patterns.length === 0) {
    fail(owner, 'patterns is empty, which Chaos Mesh reads as "every domain name": leave patterns out to say so.');
  }
  return podFault(owner, ChaosKind.DNS_CHAOS, props, `DNS ${props.action}`, {
    action: props.action,
    patterns: props.patterns && [...props.patterns],
  });
}

/**
 * A DNSChaos: the target's DNS lookups fail or return random addresses.
 *
 * @example
 * new DnsChaosExperiment(chart, 'dns-errors', {
 *   target: podinfo, action: DnsChaosAction.ERROR, patterns: ['api.example.com'], duration: GoDuration.minutes(2),
 * });
 */
export class DnsChaosExperiment extends ChaosExperiment {
  /** The action performed. */
  public readonly action: DnsChaosAction;

  public constructor(scope: Construct, id: string, props: DnsChaosExperimentProps) {
    super(scope, id, props, chaosStep('DnsChaosExperiment', scope, id, props, dnsChaosFault));
    this.action = props.action;
  }
}
