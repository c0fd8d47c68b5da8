import { Construct } from 'constructs';
import { EMBEDDED_CHAOS_FIELDS } from '../safety/_chaos-specs';
import type { ChaosTarget } from '../target';
import { GoDuration } from '../units';
import { refuseLikeTheCluster } from './_admission';
import { checkContainerNames, fail } from './_validate';
import { SelectorMode } from './selector-mode';

/** Chaos kinds the library emits (`kind`, and `templateType` of a Workflow chaos template). */
export enum ChaosKind {
  POD_CHAOS = 'PodChaos',
  NETWORK_CHAOS = 'NetworkChaos',
  STRESS_CHAOS = 'StressChaos',
  IO_CHAOS = 'IOChaos',
  TIME_CHAOS = 'TimeChaos',
  DNS_CHAOS = 'DNSChaos',
  HTTP_CHAOS = 'HTTPChaos',
  JVM_CHAOS = 'JVMChaos',
  KERNEL_CHAOS = 'KernelChaos',
  BLOCK_CHAOS = 'BlockChaos',
  PHYSICAL_MACHINE_CHAOS = 'PhysicalMachineChaos',
  AWS_CHAOS = 'AWSChaos',
  GCP_CHAOS = 'GCPChaos',
  AZURE_CHAOS = 'AzureChaos',
}

/** Field that embeds a kind's spec in a Schedule or a Workflow template (the safety rules' table of CRD names). */
export const EMBED_KEYS: Readonly<Record<ChaosKind, string>> = EMBEDDED_CHAOS_FIELDS as Record<ChaosKind, string>;

/**
 * A validated fault: what to inject into which pods, without any timing. The same fault renders
 * as a standalone chaos object, a Workflow chaos template or the chaos of a Schedule.
 * @hidden
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

/** What every pod-selecting fault takes: the target, how many of its pods, which containers. */
export interface PodFaultOptions {
  readonly target: ChaosTarget;
  readonly mode?: SelectorMode;
  readonly containerNames?: string[];
}

/**
 * A fault of a pod-selecting kind (IOChaos, TimeChaos, DNSChaos, ...): the target's selector
 * (mode ONE unless given), its container names unless the kind has none, then the kind's own
 * fields. The spec is checked against the CRD schema and the admission webhook now, with each
 * refusal named by the prop that set the field (`props` maps spec fields to props).
 */
export function podFault(
  owner: string,
  kind: ChaosKind,
  options: PodFaultOptions,
  action: string,
  fields: Record<string, unknown>,
  props: Readonly<Record<string, string>> = {},
  withContainers = true,
): Fault {
  const containerNames = withContainers ? containerNamesOf(owner, options.target, options.containerNames) : undefined;
  const mode = options.mode ?? SelectorMode.ONE;
  const own = withoutUndefined(fields);
  const renderSpec = () => ({
    ...own,
    ...selectorSpec(options.target, mode),
    ...(containerNames ? { containerNames } : {}),
  });
  refuseLikeTheCluster(owner, kind, renderSpec(), props);
  return { kind, target: options.target, oneShot: false, action, renderSpec };
}

/**
 * A fault of a kind that selects no pods (cloud instances, physical machines): `target` is only
 * the service whose steady state the probe and guard watch.
 */
export function outOfPodFault(
  owner: string, kind: ChaosKind, target: ChaosTarget, action: string, spec: Record<string, unknown>,
  props: Readonly<Record<string, string>> = {},
): Fault {
  const own = withoutUndefined(spec);
  refuseLikeTheCluster(owner, kind, own, props);
  return { kind, target, oneShot: false, action, renderSpec: () => ({ ...own }) };
}

/** A copy of `value` without undefined members at any depth (props left out are fields left out). */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = withoutUndefined(v);
    return out as T;
  }
  return value;
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
