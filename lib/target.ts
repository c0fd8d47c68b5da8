import { Size } from 'cdk8s';
import type { DaemonSet, Deployment, StatefulSet } from 'cdk8s-plus-28';
import { isRecord } from './_json';
import { checkContainerNames, checkDnsLabel, checkInteger, checkLabels, fail } from './experiments/_validate';
import { SafetyAnnotations } from './safety/annotations';
import { Quantity } from './units';

/** A cdk8s-plus workload whose pods an experiment can target. */
export type TargetWorkload = Deployment | StatefulSet | DaemonSet;

/** The pod selector every experiment built from a target writes (`spec.selector`). */
export interface TargetSelector {
  /** Always exactly the target's namespace: an empty list would mean "the experiment's own namespace". */
  readonly namespaces: string[];
  readonly labelSelectors: Record<string, string>;
}

/**
 * Whether a chaos selector aims at exactly `target`: it lists the target's namespace and has
 * exactly its labels (the selector every experiment built from that target writes).
 */
export function selectsTarget(selector: unknown, target: ChaosTarget): boolean {
  if (!isRecord(selector)) return false;
  const { namespaces, labelSelectors } = selector;
  const labels = isRecord(labelSelectors) ? labelSelectors : {};
  const wanted = target.labels;
  return Array.isArray(namespaces) && namespaces.includes(target.namespace)
    && Object.keys(labels).length === Object.keys(wanted).length
    && Object.entries(wanted).every(([k, v]) => labels[k] === v);
}

/** Facts about a workload that lives in another repository, asserted by the experiment's author. */
export interface DeclaredTargetProps {
  /** Namespace of the target pods. */
  readonly namespace: string;
  /** Pod labels that select the target pods (and only them). */
  readonly labels: Readonly<Record<string, string>>;
  /** The target's replica count (written as `cdk8s-chaos-mesh.io/target-replicas`). */
  readonly replicas: number;
  /**
   * The smallest memory limit among the targeted containers, as a Kubernetes quantity (`"256Mi"`)
   * or a cdk8s `Size` (written as `cdk8s-chaos-mesh.io/target-memory-limit`).
   *
   * @default - unknown: memory stress against this target is refused by rule CM001
   */
  readonly memoryLimit?: string | Size;
  /**
   * The containers the memory limit refers to; stress and container-kill experiments then target
   * only these containers (`spec.containerNames`).
   *
   * @default - none named: Chaos Mesh 2.8.2 then injects into the first container of each pod
   * (`spec.containers[0]`), so the declared limit must be at most that container's
   */
  readonly containerNames?: string[];
}

/** Options for {@link ChaosTarget.fromWorkload}. */
export interface WorkloadTargetOptions {
  /**
   * Namespace of the workload's pods, for a workload (and chart) without one. There is no
   * implicit `default`: an object without a namespace lands wherever `kubectl` or the ArgoCD
   * Application points, so guessing would aim the experiment at the wrong pods.
   *
   * @default - the workload's namespace (its own or its chart's); an error when it has none
   */
  readonly namespace?: string;
  /**
   * Restrict the target (and the memory limit read from it) to these containers.
   *
   * @default - none named: Chaos Mesh 2.8.2 injects into the first container of each pod; the
   * memory limit is still the smallest over all containers of the template (never less strict)
   */
  readonly containerNames?: string[];
  /**
   * Replica count, for a DaemonSet (one pod per node, which the manifest does not say) or a
   * workload scaled by an autoscaler.
   *
   * @default - the workload's replicas (cdk8s-plus defaults: Deployment 2, StatefulSet 1);
   * unknown for a DaemonSet or an autoscaled workload
   */
  readonly replicas?: number;
}

/** @hidden (private to this module; kept out of the API reference) */
interface TargetFacts {
  labels(): Record<string, string>;
  replicas(): number | undefined;
  memoryLimit(): string | undefined;
}

/**
 * What an experiment aims at: a namespace, the pod labels that select the pods, and the facts
 * the safety rules and the PreSync guard need (replicas, the smallest memory limit).
 *
 * Experiments take their selector from the target, so the selector and the facts cannot
 * disagree. A target built from a cdk8s-plus workload reads its facts at synth time, so later
 * changes to the workload (another container, `select()`) are reflected.
 */
export class ChaosTarget {
  /**
   * A cdk8s-plus Deployment, StatefulSet or DaemonSet in the same app: labels from its pod
   * selector (`matchLabels`, else the pod template labels), replicas from its spec, and the
   * smallest `container.resources.memory.limit` among the targeted containers.
   */
  public static fromWorkload(workload: TargetWorkload, options: WorkloadTargetOptions = {}): ChaosTarget {
    const owner = `ChaosTarget.fromWorkload(${workload.node.path})`;
    const own = workload.metadata.namespace;
    if (own && options.namespace && own !== options.namespace) {
      fail(owner, `namespace "${options.namespace}" contradicts the workload's namespace "${own}": leave namespace out.`);
    }
    const namespace = own ?? options.namespace;
    if (!namespace) {
      fail(owner, 'the workload has no namespace (neither its metadata nor its chart set one): pass the namespace '
        + 'option, or set the namespace on the workload or its chart.');
    }
    checkDnsLabel(owner, 'namespace', namespace);
    if (options.replicas !== undefined) checkInteger(owner, 'replicas', options.replicas, 0);
    const names = options.containerNames ? [...options.containerNames] : undefined;
    if (names) checkContainerNames(owner, 'containerNames', names);

    const containers = () => {
      const all = workload.containers;
      if (!names) return all;
      const missing = names.filter((n) => !all.some((c) => c.name === n));
      if (missing.length > 0) {
        fail(owner, `containerNames "${missing.join('", "')}" not found in the workload (containers: `
          + `${all.map((c) => `"${c.name}"`).join(', ') || 'none'}).`);
      }
      return all.filter((c) => names.includes(c.name));
    };
    const labels = () => {
      const match = workload.matchLabels;
      const result = Object.keys(match).length > 0 ? match : { ...(workload.podMetadata.toJson().labels ?? {}) };
      checkLabels(owner, 'the workload\'s pod labels', result);
      return result;
    };
    const target = new ChaosTarget(namespace, names, workload, {
      labels,
      replicas: () => options.replicas ?? workloadReplicas(workload),
      memoryLimit: () => smallest(containers().map((c) => c.resources?.memory?.limit?.asString())),
    });
    // Fail now, not at synth, when the workload cannot be selected or names unknown containers.
    labels();
    containers();
    return target;
  }

  /** A workload that lives elsewhere, described by what its author asserts about it. */
  public static fromDeclaration(props: DeclaredTargetProps): ChaosTarget {
    const owner = 'ChaosTarget.fromDeclaration';
    checkDnsLabel(owner, 'namespace', props.namespace);
    checkLabels(owner, 'labels', props.labels);
    checkInteger(owner, 'replicas', props.replicas, 0);
    const names = props.containerNames ? [...props.containerNames] : undefined;
    if (names) checkContainerNames(owner, 'containerNames', names);
    const limit = props.memoryLimit instanceof Size ? props.memoryLimit.asString() : props.memoryLimit;
    if (limit !== undefined) {
      let bytes: bigint;
      try {
        bytes = Quantity.parse(limit).toBytes();
      } catch (e) {
        return fail(owner, `memoryLimit "${limit}" is not a Kubernetes quantity (${(e as Error).message}); `
          + 'use e.g. "256Mi", "512M" or Size.mebibytes(256).');
      }
      if (bytes <= 0n) fail(owner, `memoryLimit "${limit}" must be positive.`);
    }
    const labels = { ...props.labels };
    return new ChaosTarget(props.namespace, names, undefined, {
      labels: () => ({ ...labels }),
      replicas: () => props.replicas,
      memoryLimit: () => limit,
    });
  }

  private constructor(
    /** Namespace of the target pods. */
    public readonly namespace: string,
    private readonly _containerNames: string[] | undefined,
    /** The cdk8s-plus workload, when the target is in the same app. */
    public readonly workload: TargetWorkload | undefined,
    private readonly facts: TargetFacts,
  ) {}

  /** True when the facts are asserted by the author rather than read from a workload in the app. */
  public get declared(): boolean {
    return this.workload === undefined;
  }

  /** Pod labels that select the target pods. */
  public get labels(): Record<string, string> {
    return this.facts.labels();
  }

  /** Replica count, when known. */
  public get replicas(): number | undefined {
    return this.facts.replicas();
  }

  /** The containers the target is restricted to, if any. */
  public get containerNames(): string[] | undefined {
    return this._containerNames ? [...this._containerNames] : undefined;
  }

  /** The smallest memory limit among the targeted containers (Kubernetes quantity), when every one has a limit. */
  public get memoryLimit(): string | undefined {
    return this.facts.memoryLimit();
  }

  /** {@link memoryLimit} in bytes (rounded up like `Quantity.Value()`). */
  public get memoryLimitBytes(): bigint | undefined {
    const limit = this.memoryLimit;
    return limit === undefined ? undefined : Quantity.parse(limit).toBytes();
  }

  /** `spec.selector` for experiments aimed at this target. */
  public selector(): TargetSelector {
    return { namespaces: [this.namespace], labelSelectors: this.labels };
  }

  /**
   * The declared-fact annotations (DESIGN.md) for the experiment object: the smallest memory limit
   * and the replica count, each only when known. They are written for workload targets too, so
   * the PreSync guard and `lint` of the experiments folder alone see the same facts.
   */
  public factAnnotations(): Record<string, string> {
    const result: Record<string, string> = {};
    const limit = this.memoryLimit;
    const replicas = this.replicas;
    if (limit !== undefined) result[SafetyAnnotations.TARGET_MEMORY_LIMIT] = limit;
    if (replicas !== undefined) result[SafetyAnnotations.TARGET_REPLICAS] = String(replicas);
    return result;
  }
}

/** Replicas as cdk8s-plus renders them (Deployment 2, StatefulSet 1; none with an autoscaler or for a DaemonSet). */
function workloadReplicas(workload: TargetWorkload): number | undefined {
  if (workload.resourceType === 'daemonsets') return undefined;
  const scalable = workload as Deployment | StatefulSet;
  if (scalable.hasAutoscaler) return undefined;
  return scalable.replicas ?? (workload.resourceType === 'deployments' ? 2 : 1);
}

/** The smallest quantity, or undefined when any container has no limit (or there is none). */
function smallest(limits: (string | undefined)[]): string | undefined {
  if (limits.length === 0 || limits.some((l) => l === undefined)) return undefined;
  let best: { text: string; bytes: bigint } | undefined;
  for (const text of limits as string[]) {
    const bytes = Quantity.parse(text).toBytes();
    if (!best || bytes < best.bytes) best = { text, bytes };
  }
  return best?.text;
}
