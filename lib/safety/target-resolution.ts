import { KubeObject, objectRef } from '../kube-object';
import { Quantity } from '../units/quantity';
import { ChaosSpec } from './_chaos-specs';
import { fieldPath } from '../_field-path';
import { isRecord } from '../_json';
import { quote } from './_paths';
import { SafetyAnnotations } from './annotations';

/** Where the facts about a chaos target come from. */
export enum TargetSource {
  /** Workloads in the object set match the selector: their manifests are the facts. */
  WORKLOADS = 'workloads',
  /** No workload in the set matches: the chaos object's declared annotations are the facts. */
  DECLARED = 'declared',
  /** Nothing matches and nothing is declared. */
  NONE = 'none',
}

/** A container the chaos reaches, with its memory limit when it has a readable one. */
export interface TargetContainer {
  readonly workload: KubeObject;
  readonly name: string;
  /** Path of the container's `resources.limits.memory` inside the workload. */
  readonly limitPath: string;
  readonly memoryLimit?: bigint;
  readonly memoryLimitText?: string;
  /** `resources.limits.cpu` in millicores, when readable. */
  readonly cpuLimitMillis?: bigint;
  readonly cpuLimitText?: string;
}

/** What the rules know about a chaos spec's target. */
export interface ResolvedTarget {
  readonly source: TargetSource;
  /** Matched workloads (Deployments, StatefulSets, DaemonSets, ReplicaSets, Pods). */
  readonly workloads: readonly KubeObject[];
  /** Total replicas of the target; undefined when unknown (a DaemonSet, nothing declared, unreadable). */
  readonly replicas?: number;
  /** Where `replicas` comes from, or why it is unknown, in words for a message. */
  readonly replicasNote: string;
  /** The smallest memory limit among the targeted containers, when every one has a readable limit. */
  readonly memoryLimit?: { readonly bytes: bigint; readonly text: string; readonly from: string };
  /** The smallest CPU limit among the targeted containers, when every one has a readable limit (never declared). */
  readonly cpuLimit?: { readonly millicores: bigint; readonly text: string; readonly from: string };
  /** Targeted containers of matched workloads. */
  readonly containers: readonly TargetContainer[];
  /** Targeted containers without a (readable) memory limit. */
  readonly missingLimits: readonly TargetContainer[];
  /** Unreadable declared facts or quantities, in words for a message. */
  readonly problems: readonly string[];
  /** The namespaces the selector searches (`pods` keys, else `namespaces`, else the object's own). */
  readonly namespaces: readonly (string | undefined)[];
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod']);
const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/**
 * Kubernetes label selector semantics: every `labelSelectors` pair must be present and equal, and
 * every `expressionSelectors` requirement must hold (In, NotIn, Exists, DoesNotExist). An empty
 * selector matches everything, as in Kubernetes.
 */
export function matchesLabelSelector(
  labels: Readonly<Record<string, string>>,
  selector: { readonly labelSelectors?: unknown; readonly expressionSelectors?: unknown },
): boolean {
  if (isRecord(selector.labelSelectors)) {
    for (const [key, value] of Object.entries(selector.labelSelectors)) {
      if (labels[key] !== String(value)) return false;
    }
  }
  const expressions: unknown[] = Array.isArray(selector.expressionSelectors) ? selector.expressionSelectors : [];
  expressions.forEach((req, i) => {
    if (!isRecord(req) || typeof req.key !== 'string' || !OPERATORS.includes(req.operator)) {
      throw new Error(`expressionSelectors[${i}] ${JSON.stringify(req)} is not a label selector requirement: `
        + `it needs a "key" and an "operator" that is one of ${OPERATORS.join(', ')}.`);
    }
  });
  return expressions.every((req: any) => {
    const has = Object.prototype.hasOwnProperty.call(labels, req.key);
    const values: string[] = Array.isArray(req.values) ? req.values.map(String) : [];
    switch (req.operator) {
      case 'In': return has && values.includes(labels[req.key]);
      case 'NotIn': return !has || !values.includes(labels[req.key]);
      case 'Exists': return has;
      default: return !has; // DoesNotExist
    }
  });
}

/** The namespaces a selector searches: `pods` keys when set, else `namespaces`, else the object's own. */
export function selectorNamespaces(selector: Record<string, any>, ownNamespace: string | undefined): (string | undefined)[] {
  if (isRecord(selector.pods) && Object.keys(selector.pods).length > 0) return Object.keys(selector.pods);
  if (Array.isArray(selector.namespaces) && selector.namespaces.length > 0) return selector.namespaces.map(String);
  return [ownNamespace];
}

function podTemplate(obj: KubeObject): { labels: Record<string, string>; podSpec: Record<string, any>; specPath: string } {
  if (obj.kind === 'Pod') {
    return { labels: obj.metadata?.labels ?? {}, podSpec: isRecord(obj.spec) ? obj.spec : {}, specPath: 'spec' };
  }
  const template = isRecord(obj.spec) && isRecord(obj.spec.template) ? obj.spec.template : {};
  return {
    labels: isRecord(template.metadata) && isRecord(template.metadata.labels) ? template.metadata.labels : {},
    podSpec: isRecord(template.spec) ? template.spec : {},
    specPath: 'spec.template.spec',
  };
}

function isWorkload(obj: KubeObject): boolean {
  return typeof obj.kind === 'string' && WORKLOAD_KINDS.has(obj.kind)
    && (obj.kind === 'Pod' ? obj.apiVersion === 'v1' : obj.apiVersion === 'apps/v1');
}

/** The labels of a workload's pods (its pod template's, a Pod's own); undefined for anything but a workload. */
export function workloadPodLabels(obj: KubeObject): Readonly<Record<string, string>> | undefined {
  return isWorkload(obj) ? podTemplate(obj).labels : undefined;
}

/**
 * The workloads and HPAs of one object set, indexed once: by namespace, by namespace and pod label
 * (`key=value`), Pods by namespace and name, HPAs by the workload they scale. Every chaos spec's
 * target is then resolved from the few candidates its selector names, never by scanning the set.
 */
interface WorkloadIndex {
  /** The set's length when indexed: a set that grew since is indexed again. */
  readonly size: number;
  /** Input position of every workload, to give matches in input order. */
  readonly position: ReadonlyMap<KubeObject, number>;
  readonly byNamespace: ReadonlyMap<string | undefined, readonly KubeObject[]>;
  readonly byLabel: ReadonlyMap<string, readonly KubeObject[]>;
  readonly podsByName: ReadonlyMap<string, readonly KubeObject[]>;
  /** The first HPA (input order) scaling each `namespace kind name`. */
  readonly hpaByTarget: ReadonlyMap<string, KubeObject>;
}

const indexes = new WeakMap<readonly KubeObject[], WorkloadIndex>();

/** A map key from parts that cannot contain NUL (names, kinds; label pairs keep their own text). */
const key = (...parts: (string | undefined)[]) => parts.map((p) => p ?? '\u0001').join('\0');

function push<K>(map: Map<K, KubeObject[]>, k: K, obj: KubeObject): void {
  const list = map.get(k);
  if (list) list.push(obj);
  else map.set(k, [obj]);
}

/** The index of `objects`, built on first use and kept as long as the array lives (it is readonly). */
function indexOf(objects: readonly KubeObject[]): WorkloadIndex {
  const cached = indexes.get(objects);
  if (cached && cached.size === objects.length) return cached;
  const position = new Map<KubeObject, number>();
  const byNamespace = new Map<string | undefined, KubeObject[]>();
  const byLabel = new Map<string, KubeObject[]>();
  const podsByName = new Map<string, KubeObject[]>();
  const hpaByTarget = new Map<string, KubeObject>();
  objects.forEach((obj, i) => {
    if (!isRecord(obj)) return;
    if (obj.kind === 'HorizontalPodAutoscaler' && isRecord(obj.spec) && isRecord(obj.spec.scaleTargetRef)) {
      const ref = obj.spec.scaleTargetRef;
      if (typeof ref.kind === 'string' && (typeof ref.name === 'string' || ref.name === undefined)) {
        const k = key(obj.metadata?.namespace, ref.kind, ref.name);
        if (!hpaByTarget.has(k)) hpaByTarget.set(k, obj);
      }
    }
    if (!isWorkload(obj)) return;
    const ns = obj.metadata?.namespace;
    position.set(obj, i);
    push(byNamespace, ns, obj);
    for (const [label, value] of Object.entries(podTemplate(obj).labels)) push(byLabel, key(ns, label, String(value)), obj);
    if (obj.kind === 'Pod') push(podsByName, key(ns ?? '', String(obj.metadata?.name ?? '')), obj);
  });
  const index = { size: objects.length, position, byNamespace, byLabel, podsByName, hpaByTarget };
  indexes.set(objects, index);
  return index;
}

/** The union of candidate lists, once each, in input order. */
function inInputOrder(index: WorkloadIndex, lists: readonly (readonly KubeObject[])[]): KubeObject[] {
  if (lists.length === 1) return [...lists[0]];
  return [...new Set(lists.flat())].sort((a, b) => index.position.get(a)! - index.position.get(b)!);
}

/** The workloads of `objects` in namespace `ns`, in input order (indexed once per object list). */
export function namespaceWorkloads(objects: readonly KubeObject[], ns: string | undefined): readonly KubeObject[] {
  return indexOf(objects).byNamespace.get(ns) ?? [];
}

/**
 * The workloads of namespace `ns` that `selector`'s labels may match: those carrying its first
 * `labelSelectors` pair (every other workload fails that pair), or all of the namespace's when it
 * has none. In input order; `matchesLabelSelector` decides.
 */
export function selectorCandidates(objects: readonly KubeObject[], ns: string | undefined, selector: Record<string, unknown>): readonly KubeObject[] {
  const first = isRecord(selector.labelSelectors) ? Object.entries(selector.labelSelectors)[0] : undefined;
  if (!first) return namespaceWorkloads(objects, ns);
  return indexOf(objects).byLabel.get(key(ns, first[0], String(first[1]))) ?? [];
}

/** Workloads in `objects` whose pods the selector of `chaos` reaches. */
export function matchWorkloads(objects: readonly KubeObject[], chaos: ChaosSpec): KubeObject[] {
  const selector = isRecord(chaos.spec.selector) ? chaos.spec.selector : undefined;
  if (!selector) return [];
  const index = indexOf(objects);
  if (isRecord(selector.pods) && Object.keys(selector.pods).length > 0) {
    // Chaos Mesh selects exactly the named pods and ignores every other selector.
    const lists: KubeObject[][] = [];
    for (const [ns, names] of Object.entries(selector.pods)) {
      if (!Array.isArray(names)) continue;
      for (const name of names) lists.push([...index.podsByName.get(key(ns, String(name))) ?? []]);
    }
    return inInputOrder(index, lists.length > 0 ? lists : [[]]);
  }
  const lists = [...new Set(selectorNamespaces(selector, chaos.owner.metadata?.namespace))]
    .map((ns) => selectorCandidates(objects, ns, selector));
  const matched = inInputOrder(index, lists).filter((obj) => matchesLabelSelector(podTemplate(obj).labels, selector));
  // A Pod or ReplicaSet owned by a matched workload is the same pods: count them once.
  const owners = new Map<string, number>();
  for (const m of matched) {
    const k = key(String(m.kind), m.metadata?.namespace, String(m.metadata?.name));
    owners.set(k, (owners.get(k) ?? 0) + 1);
  }
  return matched.filter((obj) => !(obj.metadata?.ownerReferences as unknown[] | undefined ?? []).some((ref: any) => {
    if (!isRecord(ref)) return false;
    const k = key(String(ref.kind), obj.metadata?.namespace, String(ref.name));
    const self = k === key(String(obj.kind), obj.metadata?.namespace, String(obj.metadata?.name)) ? 1 : 0;
    return (owners.get(k) ?? 0) > self;
  }));
}

/** Replicas of one workload; an HPA that scales it makes its `minReplicas` the count to plan for. */
function workloadReplicas(objects: readonly KubeObject[], w: KubeObject): { replicas?: number; note: string; unknowable?: boolean } {
  const ref = objectRef(w);
  if (w.kind === 'Pod') return { replicas: 1, note: `${ref} is a single pod` };
  if (w.kind === 'DaemonSet') {
    return {
      note: `${ref} is a DaemonSet: its pod count is the number of nodes it runs on, which the manifests do not show`,
      unknowable: true,
    };
  }
  const hpa = indexOf(objects).hpaByTarget.get(key(w.metadata?.namespace, w.kind, w.metadata?.name));
  if (hpa) {
    const min = hpa.spec.minReplicas ?? 1;
    if (!Number.isInteger(min)) return { note: `${objectRef(hpa)} has an unreadable spec.minReplicas ${quote(min)}` };
    return { replicas: min, note: `${objectRef(hpa)} may scale ${ref} down to ${min}` };
  }
  const replicas = isRecord(w.spec) ? w.spec.replicas ?? 1 : 1;
  if (!Number.isInteger(replicas)) return { note: `${ref} has an unreadable spec.replicas ${quote(replicas)}` };
  return { replicas, note: `${ref} runs ${replicas} replica${replicas === 1 ? '' : 's'}` };
}

/** The containers of one workload that the chaos reaches (Chaos Mesh's container selection). */
function targetedContainers(w: KubeObject, containerNames: string[]): TargetContainer[] {
  const { podSpec, specPath } = podTemplate(w);
  const pick = (list: unknown, listName: string, onlySidecars: boolean): TargetContainer[] => {
    if (!Array.isArray(list)) return [];
    const out: TargetContainer[] = [];
    list.forEach((c, i) => {
      if (!isRecord(c)) return;
      if (containerNames.length > 0 && !containerNames.includes(c.name)) return;
      if (onlySidecars && c.restartPolicy !== 'Always') return;
      if (containerNames.length === 0 && (listName !== 'containers' || i > 0)) return;
      const limitPath = fieldPath(specPath, listName, i, 'resources', 'limits', 'memory');
      const text = isRecord(c.resources) && isRecord(c.resources.limits) ? c.resources.limits.memory : undefined;
      let memoryLimit: bigint | undefined;
      if (text !== undefined && text !== null) {
        try {
          memoryLimit = Quantity.parse(String(text)).toBytes();
        } catch {
          memoryLimit = undefined;
        }
      }
      const cpuText = isRecord(c.resources) && isRecord(c.resources.limits) ? c.resources.limits.cpu : undefined;
      out.push({
        workload: w,
        name: String(c.name),
        limitPath,
        memoryLimit,
        memoryLimitText: text === undefined ? undefined : String(text),
        cpuLimitMillis: readQuantity(cpuText, (t) => Quantity.parse(t).toMillis()),
        cpuLimitText: cpuText === undefined || cpuText === null ? undefined : String(cpuText),
      });
    });
    return out;
  };
  // Without containerNames Chaos Mesh takes the first container; with names, matching containers
  // and native sidecars (init containers with restartPolicy Always).
  return [...pick(podSpec.containers, 'containers', false), ...pick(podSpec.initContainers, 'initContainers', true)];
}

/**
 * What the set says about a chaos spec's target: matched workloads first; the declared
 * annotations (on the chaos object, or on the Schedule/Workflow that holds it) only when no
 * workload in the set matches.
 */
export function resolveChaosTarget(objects: readonly KubeObject[], chaos: ChaosSpec): ResolvedTarget {
  const selector = isRecord(chaos.spec.selector) ? chaos.spec.selector : {};
  const namespaces = selectorNamespaces(selector, chaos.owner.metadata?.namespace);
  let workloads: KubeObject[];
  try {
    workloads = matchWorkloads(objects, chaos);
  } catch (e) {
    // An unreadable selector: nothing is known, and declared facts cannot stand in for it either.
    const problem = `the selector cannot be evaluated: ${(e as Error).message}`;
    return {
      source: TargetSource.NONE, workloads: [], replicasNote: problem, containers: [], missingLimits: [], problems: [problem], namespaces,
    };
  }
  if (workloads.length > 0) {
    const containerNames = Array.isArray(chaos.spec.containerNames) ? chaos.spec.containerNames.map(String) : [];
    const containers = workloads.flatMap((w) => targetedContainers(w, containerNames));
    const missingLimits = containers.filter((c) => c.memoryLimit === undefined);
    const problems = containers
      .filter((c) => c.memoryLimit === undefined && c.memoryLimitText !== undefined)
      .map((c) => `${objectRef(c.workload)} ${c.limitPath} ${quote(c.memoryLimitText)} is not a Kubernetes quantity`);
    if (containers.length === 0) {
      problems.push(`none of containerNames ${JSON.stringify(containerNames)} is a container of `
        + workloads.map(objectRef).join(', '));
    }
    let memoryLimit: ResolvedTarget['memoryLimit'];
    if (containers.length > 0 && missingLimits.length === 0) {
      const smallest = containers.reduce((a, b) => (b.memoryLimit! < a.memoryLimit! ? b : a));
      memoryLimit = {
        bytes: smallest.memoryLimit!,
        text: smallest.memoryLimitText!,
        from: `${objectRef(smallest.workload)} container "${smallest.name}"`,
      };
    }
    let cpuLimit: ResolvedTarget['cpuLimit'];
    if (containers.length > 0 && containers.every((c) => c.cpuLimitMillis !== undefined)) {
      const smallest = containers.reduce((a, b) => (b.cpuLimitMillis! < a.cpuLimitMillis! ? b : a));
      cpuLimit = { millicores: smallest.cpuLimitMillis!, text: smallest.cpuLimitText!, from: `${objectRef(smallest.workload)} container "${smallest.name}"` };
    }
    const counts = workloads.map((w) => workloadReplicas(objects, w));
    const known = counts.every((c) => c.replicas !== undefined);
    let replicas = known ? counts.reduce((sum, c) => sum + c.replicas!, 0) : undefined;
    let replicasNote = counts.map((c) => c.note).join('; ');
    // The one gap a declaration may fill: a count the manifests cannot show (a DaemonSet's pods).
    // Facts the manifests do show are never overridden by what an annotation says.
    const declared = declaredReplicas(chaos);
    if (!known && counts.every((c) => c.replicas !== undefined || c.unknowable) && declared.replicas !== undefined) {
      replicas = declared.replicas;
      replicasNote = `${replicasNote}; ${declared.note}`;
    }
    return {
      source: TargetSource.WORKLOADS,
      workloads,
      replicas,
      replicasNote,
      memoryLimit,
      cpuLimit,
      containers,
      missingLimits,
      problems,
      namespaces,
    };
  }

  const annotations = chaos.owner.metadata?.annotations ?? {};
  const problems: string[] = [];
  const ownerRef = objectRef(chaos.owner);
  let memoryLimit: ResolvedTarget['memoryLimit'];
  const limitText = annotations[SafetyAnnotations.TARGET_MEMORY_LIMIT];
  if (limitText !== undefined) {
    try {
      memoryLimit = {
        bytes: Quantity.parse(String(limitText)).toBytes(),
        text: String(limitText),
        from: `annotation ${SafetyAnnotations.TARGET_MEMORY_LIMIT} on ${ownerRef}`,
      };
    } catch {
      problems.push(`annotation ${SafetyAnnotations.TARGET_MEMORY_LIMIT} ${quote(limitText)} is not a Kubernetes quantity such as "256Mi"`);
    }
  }
  const replicasText = annotations[SafetyAnnotations.TARGET_REPLICAS];
  const declaredCount = declaredReplicas(chaos);
  const replicas = declaredCount.replicas;
  const replicasNote = replicasText === undefined
    ? `no workload in the manifests matches the selector and ${ownerRef} declares no ${SafetyAnnotations.TARGET_REPLICAS} annotation`
    : declaredCount.note;
  if (declaredCount.problem) problems.push(declaredCount.problem);
  return {
    source: limitText !== undefined || replicasText !== undefined ? TargetSource.DECLARED : TargetSource.NONE,
    workloads: [],
    replicas,
    replicasNote,
    memoryLimit,
    containers: [],
    missingLimits: [],
    problems,
    namespaces,
  };
}

/** A Kubernetes quantity read with `read`, or undefined when absent or unreadable. */
function readQuantity(text: unknown, read: (t: string) => bigint): bigint | undefined {
  if (text === undefined || text === null) return undefined;
  try {
    return read(String(text));
  } catch {
    return undefined;
  }
}

/** The declared `cdk8s-chaos-mesh.io/target-replicas` of the object holding the chaos. */
function declaredReplicas(chaos: ChaosSpec): { replicas?: number; note: string; problem?: string } {
  const text = chaos.owner.metadata?.annotations?.[SafetyAnnotations.TARGET_REPLICAS];
  const ownerRef = objectRef(chaos.owner);
  if (text === undefined) return { note: `${ownerRef} declares no ${SafetyAnnotations.TARGET_REPLICAS} annotation` };
  const trimmed = String(text).trim();
  if (/^[0-9]+$/.test(trimmed)) {
    const replicas = Number(trimmed);
    return { replicas, note: `annotation ${SafetyAnnotations.TARGET_REPLICAS} on ${ownerRef} declares ${replicas}` };
  }
  const problem = `annotation ${SafetyAnnotations.TARGET_REPLICAS} ${quote(text)} is not a whole number`;
  return { note: problem, problem };
}
