import { objectRef } from '../../kube-object';
import { ChaosSpec } from '../_chaos-specs';
import { fieldPath } from '../../_field-path';
import { isRecord } from '../../_json';

/** Kinds that act on cloud or physical machines, not on pods chosen by a pod selector. */
const NON_POD_KINDS = new Set(['AWSChaos', 'GCPChaos', 'AzureChaos', 'PhysicalMachineChaos']);

/** PodChaos actions that happen once and leave nothing behind to clean up. */
export const ONE_SHOT_POD_ACTIONS: readonly string[] = ['pod-kill', 'container-kill'];

/** PodChaos actions that take a pod (or one of its containers) out of service. */
export const POD_OUTAGE_ACTIONS: readonly string[] = ['pod-kill', 'pod-failure', 'container-kill'];

/** The memory stressor of a StressChaos spec, with its path. */
export function memoryStressor(chaos: ChaosSpec): { stressor: Record<string, any>; path: string } | undefined {
  if (chaos.kind !== 'StressChaos' || !isRecord(chaos.spec.stressors) || !isRecord(chaos.spec.stressors.memory)) return undefined;
  return { stressor: chaos.spec.stressors.memory, path: fieldPath(chaos.path, 'stressors', 'memory') };
}

/**
 * Where memory stress can appear in 2.8.2, and what bounds it:
 * - `stressors.memory` of a StressChaos: its `size` (CM002 reads it exactly);
 * - `stressngStressors` of a StressChaos: raw stress-ng options, which this tool does not read;
 * - JVMChaos `action: stress` with `memType`: the agent allocates inside the JVM (heap or thread
 *   stacks) until the JVM's own limit, which the manifests do not show; the container's memory
 *   limit is the bound that holds whatever the JVM flags are.
 */
export enum MemoryStressKind {
  STRESSOR = 'memory stressor',
  STRESS_NG = 'stress-ng stressors',
  JVM = 'JVM memory stress',
}

/** One memory stress of a chaos spec, with the path of the field that asks for it. */
export interface MemoryStress {
  readonly kind: MemoryStressKind;
  readonly path: string;
}

/** Every memory stress of a chaos spec (a StressChaos may hold both a memory stressor and stress-ng options). */
export function memoryStresses(chaos: ChaosSpec): MemoryStress[] {
  const out: MemoryStress[] = [];
  const memory = memoryStressor(chaos);
  if (memory) out.push({ kind: MemoryStressKind.STRESSOR, path: memory.path });
  if (chaos.kind === 'StressChaos' && typeof chaos.spec.stressngStressors === 'string' && chaos.spec.stressngStressors.trim() !== '') {
    out.push({ kind: MemoryStressKind.STRESS_NG, path: fieldPath(chaos.path, 'stressngStressors') });
  }
  const memType = chaos.spec.memType;
  if (chaos.kind === 'JVMChaos' && chaos.spec.action === 'stress' && memType !== undefined && memType !== null && memType !== '') {
    out.push({ kind: MemoryStressKind.JVM, path: fieldPath(chaos.path, 'memType') });
  }
  return out;
}

/** A selector of a chaos spec (the main one, or NetworkChaos `target.selector`), with its path. */
export interface SelectorRef {
  readonly selector: Record<string, any>;
  readonly path: string;
}

/**
 * Every pod selector of a chaos spec: `selector`, and NetworkChaos `target.selector` (the other
 * side of a partition or of a directed delay). A pod-selecting kind without `selector` yields an
 * empty one: Chaos Mesh then defaults its namespace to the object's own.
 */
export function podSelectors(chaos: ChaosSpec): SelectorRef[] {
  const out: SelectorRef[] = [];
  if (isRecord(chaos.spec.selector)) {
    out.push({ selector: chaos.spec.selector, path: fieldPath(chaos.path, 'selector') });
  } else if (!NON_POD_KINDS.has(chaos.kind)) {
    out.push({ selector: {}, path: fieldPath(chaos.path, 'selector') });
  }
  if (chaos.kind === 'NetworkChaos' && isRecord(chaos.spec.target) && isRecord(chaos.spec.target.selector)) {
    out.push({ selector: chaos.spec.target.selector, path: fieldPath(chaos.path, 'target', 'selector') });
  }
  return out;
}

/** The explicit name-map of a selector: `pods` (namespace -> pod names) or PhysicalMachineChaos `physicalMachines`. */
export function namedMap(selector: Record<string, any>): { key: string; map: Record<string, unknown> } | undefined {
  for (const key of ['pods', 'physicalMachines']) {
    if (isRecord(selector[key]) && Object.keys(selector[key]).length > 0) return { key, map: selector[key] };
  }
  return undefined;
}

/** How a chaos spec is named in messages: `StressChaos` or `StressChaos in Workflow template "x"`. */
export function describeChaos(chaos: ChaosSpec): string {
  return chaos.path === 'spec' ? chaos.kind : `${chaos.kind} at ${chaos.path}`;
}

/** A namespace a selector reaches, with the field that makes it reach it and how, for messages. */
export interface ReachedNamespace {
  readonly namespace: string;
  readonly path: string;
  readonly how: string;
}

/**
 * Every namespace a selector of `chaos` may reach: the keys of its name-map (`pods`,
 * `physicalMachines`), its `namespaces`, and, when it names none, the namespace of the object
 * that holds it (what Chaos Mesh then uses).
 */
export function reachedNamespaces(chaos: ChaosSpec, { selector, path }: SelectorRef): ReachedNamespace[] {
  const reached: ReachedNamespace[] = [];
  const named = namedMap(selector);
  if (named) {
    for (const ns of Object.keys(named.map)) {
      reached.push({ namespace: ns, path: fieldPath(path, named.key, ns), how: `${named.key} names namespace "${ns}"` });
    }
  }
  const namespaces: unknown[] = Array.isArray(selector.namespaces) ? selector.namespaces : [];
  namespaces.forEach((ns, i) => {
    reached.push({ namespace: String(ns), path: fieldPath(path, 'namespaces', i), how: `namespaces lists "${ns}"` });
  });
  if (!named && namespaces.length === 0) {
    const own = chaos.owner.metadata?.namespace;
    if (own !== undefined) {
      reached.push({
        namespace: own,
        path: isRecord(chaos.spec.selector) || path.endsWith('target.selector') ? fieldPath(path, 'namespaces') : path,
        how: `the selector names no namespaces, so Chaos Mesh uses the namespace of ${objectRef(chaos.owner)}, "${own}"`,
      });
    }
  }
  return reached;
}
