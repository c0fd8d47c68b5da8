import { Construct } from 'constructs';
import type { ChaosTarget } from '../target';
import { GoDuration } from '../units';
import { checkContainerNames, fail } from './_validate';
import { SelectorMode } from './selector-mode';

/** Chaos kinds the library emits (`kind`, and `templateType` of a Workflow chaos template). */
export enum ChaosKind {
  POD_CHAOS = 'PodChaos',
  NETWORK_CHAOS = 'NetworkChaos',
  STRESS_CHAOS = 'StressChaos',
}

/** Field that embeds a kind's spec in a Schedule or a Workflow template (CRD names). */
export const EMBED_KEYS: Readonly<Record<ChaosKind, string>> = {
  [ChaosKind.POD_CHAOS]: 'podChaos',
  [ChaosKind.NETWORK_CHAOS]: 'networkChaos',
  [ChaosKind.STRESS_CHAOS]: 'stressChaos',
};

/**
 * A validated fault: what to inject into which pods, without any timing. The same fault renders
 * as a standalone chaos object, a Workflow chaos template or the chaos of a Schedule.
 */
export interface Fault {
  readonly kind: ChaosKind;
  readonly target: ChaosTarget;
  /** pod-kill and container-kill act once and need no duration; every other fault does. */
  readonly oneShot: boolean;
  /** The action for messages (`pod-kill`, `delay`, `memory stress`). */
  readonly action: string;
  /** The spec without `duration`, read at synth time so a workload target's live facts are used. */
  renderSpec(): Record<string, unknown>;
}

/** `PodChaosExperiment "chart/podinfo-kill"`: who is complaining, for error messages. */
export function ownerOf(className: string, scope: Construct, id: string): string {
  const path = scope.node.path ? `${scope.node.path}/${id}` : id;
  return `${className} "${path}"`;
}

/** Mode, value and selector: the common head of every chaos spec. */
export function selectorSpec(target: ChaosTarget, mode: SelectorMode): Record<string, unknown> {
  return { ...mode.toSpec(), selector: target.selector() };
}

/** `options.containerNames`, else the target's, validated. */
export function containerNamesOf(owner: string, target: ChaosTarget, names: readonly string[] | undefined): string[] | undefined {
  if (names !== undefined) {
    checkContainerNames(owner, 'containerNames', names);
    return [...names];
  }
  return target.containerNames;
}

/**
 * A StressChaos fault: the target's selector (mode ONE unless given), its container names, and
 * the stressors (rendered at synth). The caller checks its own stressor's options first.
 */
export function stressFault(
  owner: string,
  options: { readonly target: ChaosTarget; readonly mode?: SelectorMode; readonly containerNames?: string[] },
  action: string,
  stressors: () => Record<string, unknown>,
): Fault {
  const containerNames = containerNamesOf(owner, options.target, options.containerNames);
  const mode = options.mode ?? SelectorMode.ONE;
  return {
    kind: ChaosKind.STRESS_CHAOS,
    target: options.target,
    oneShot: false,
    action,
    renderSpec: () => ({
      ...selectorSpec(options.target, mode),
      ...(containerNames ? { containerNames } : {}),
      stressors: stressors(),
    }),
  };
}

/** A duration that must be positive (a zero or negative duration would never end or never start). */
export function checkPositive(owner: string, prop: string, value: GoDuration | undefined): void {
  if (value !== undefined && !value.isPositive()) {
    fail(owner, `${prop} "${value.text}" must be a positive duration (e.g. GoDuration.minutes(3)).`);
  }
}
