import { KubeObject } from '../kube-object';
import { GoDuration } from '../units/go-duration';
import { fieldPath } from '../_field-path';
import { isRecord } from '../_json';

/**
 * Where chaos lives: a standalone object, a `Schedule` (`spec.<kind>` picked by `spec.type`) or a
 * `Workflow` template (`templateType: StressChaos` with `stressChaos`, or `templateType: Schedule`
 * with `schedule`). Every rule walks the same list, so none can forget a form. A Schedule or
 * template without its (required) type still has every embedded spec walked: the API server
 * refuses it, but a missing type must not hide chaos from the checks.
 */
export enum ChaosForm {
  STANDALONE = 'standalone',
  SCHEDULE = 'schedule',
  WORKFLOW = 'workflow',
}

/** The field that holds a chaos kind's spec inside a Schedule or a Workflow template (CRD names). */
export const EMBEDDED_CHAOS_FIELDS: Readonly<Record<string, string>> = {
  AWSChaos: 'awsChaos',
  AzureChaos: 'azureChaos',
  BlockChaos: 'blockChaos',
  DNSChaos: 'dnsChaos',
  GCPChaos: 'gcpChaos',
  HTTPChaos: 'httpChaos',
  IOChaos: 'ioChaos',
  JVMChaos: 'jvmChaos',
  KernelChaos: 'kernelChaos',
  NetworkChaos: 'networkChaos',
  PhysicalMachineChaos: 'physicalmachineChaos',
  PodChaos: 'podChaos',
  StressChaos: 'stressChaos',
  TimeChaos: 'timeChaos',
};

/** Chaos Mesh's own bookkeeping objects: created by the controller, never by users. */
const INTERNAL_KINDS = new Set(['PodHttpChaos', 'PodIOChaos', 'PodNetworkChaos']);

/** Where the bound on how long chaos lasts comes from. */
export interface DurationSource {
  /** The raw value (normally a Go duration string; anything else is reported, not trusted). */
  readonly value: unknown;
  /** Field path inside the owning object. */
  readonly path: string;
  /** `duration` of the chaos spec, or a Workflow template `deadline` (own or inherited). */
  readonly field: 'duration' | 'deadline';
}

/** One chaos spec found in the object set. */
export interface ChaosSpec {
  /** Chaos kind, e.g. `StressChaos`. */
  readonly kind: string;
  /** The chaos spec itself (`spec` of a standalone object, the embedded spec otherwise). */
  readonly spec: Record<string, any>;
  /** Field path of `spec` inside the owning object: `spec`, `spec.podChaos`, `spec.templates[1].stressChaos`. */
  readonly path: string;
  /** The top-level object that holds the chaos (the chaos object, Schedule or Workflow). */
  readonly owner: KubeObject;
  readonly form: ChaosForm;
  /** True when a Schedule (standalone or in a Workflow template) repeats this chaos. */
  readonly scheduled: boolean;
  /** The effective bound: `spec.duration` standalone or in a Schedule, the template deadline in a Workflow. */
  readonly duration?: DurationSource;
  /** Where to point when there is no bound at all. */
  readonly durationPath: string;
}

/** One Schedule found in the object set (a standalone object or a Workflow `Schedule` template). */
export interface ScheduleSpec {
  readonly owner: KubeObject;
  /** The Schedule spec (`spec`, or `spec.templates[i].schedule`). */
  readonly spec: Record<string, any>;
  readonly path: string;
  readonly form: ChaosForm.SCHEDULE | ChaosForm.WORKFLOW;
  /** Path of the Workflow template that holds the Schedule. */
  readonly templatePath?: string;
  /** The template deadline (own or inherited from a parent template) bounding the Schedule. */
  readonly deadline?: DurationSource;
}

/** True for a user-facing chaos kind of the `chaos-mesh.org` API group. */
export function isChaosObject(obj: KubeObject): boolean {
  return typeof obj.apiVersion === 'string'
    && obj.apiVersion.startsWith('chaos-mesh.org/')
    && typeof obj.kind === 'string'
    && obj.kind.endsWith('Chaos')
    && !INTERNAL_KINDS.has(obj.kind);
}

function isKind(obj: KubeObject, kind: string): boolean {
  return typeof obj.apiVersion === 'string' && obj.apiVersion.startsWith('chaos-mesh.org/') && obj.kind === kind;
}

/** Every chaos spec and every Schedule in the set, in object order. */
export function walkChaos(objects: readonly KubeObject[]): { chaos: ChaosSpec[]; schedules: ScheduleSpec[] } {
  const chaos: ChaosSpec[] = [];
  const schedules: ScheduleSpec[] = [];
  for (const owner of objects) {
    if (!isRecord(owner) || !isRecord(owner.spec)) continue;
    if (isChaosObject(owner)) {
      chaos.push({
        kind: owner.kind!,
        spec: owner.spec,
        path: 'spec',
        owner,
        form: ChaosForm.STANDALONE,
        scheduled: false,
        duration: durationOf(owner.spec, 'spec'),
        durationPath: 'spec.duration',
      });
    } else if (isKind(owner, 'Schedule')) {
      schedules.push({ owner, spec: owner.spec, path: 'spec', form: ChaosForm.SCHEDULE });
      walkSchedule(owner, owner.spec, 'spec', undefined, ChaosForm.SCHEDULE, chaos, schedules);
    } else if (isKind(owner, 'Workflow')) {
      walkWorkflow(owner, owner.spec, 'spec', undefined, chaos, schedules);
    }
  }
  return { chaos, schedules };
}

function durationOf(spec: Record<string, any>, specPath: string): DurationSource | undefined {
  if (spec.duration === undefined || spec.duration === null) return undefined;
  return { value: spec.duration, path: fieldPath(specPath, 'duration'), field: 'duration' };
}

/** A Schedule's chaos (or Workflow) spec, chosen by `type` as the Schedule controller does. */
function walkSchedule(
  owner: KubeObject,
  schedule: Record<string, any>,
  schedulePath: string,
  deadline: DurationSource | undefined,
  form: ChaosForm,
  chaos: ChaosSpec[],
  schedules: ScheduleSpec[],
): void {
  const type = schedule.type;
  if ((type === 'Workflow' || isMissing(type)) && isRecord(schedule.workflow)) {
    walkWorkflow(owner, schedule.workflow, fieldPath(schedulePath, 'workflow'), deadline, chaos, schedules);
  }
  if (type === 'Workflow') return;
  for (const { kind, field } of embeddedChaos(schedule, type)) {
    const specPath = fieldPath(schedulePath, field);
    const spec = schedule[field];
    chaos.push({
      kind,
      spec,
      path: specPath,
      owner,
      form,
      scheduled: true,
      duration: deadline ?? durationOf(spec, specPath),
      durationPath: deadline ? deadline.path : fieldPath(specPath, 'duration'),
    });
  }
}

/** A `type` / `templateType` left out (or null). */
function isMissing(type: unknown): boolean {
  return type === undefined || type === null;
}

/**
 * The chaos specs a Schedule or Workflow template embeds: the one its type names, or, when the
 * type is missing, every one it holds.
 */
function embeddedChaos(holder: Record<string, any>, type: unknown): { kind: string; field: string }[] {
  if (isMissing(type)) {
    return Object.entries(EMBEDDED_CHAOS_FIELDS)
      .filter(([, field]) => isRecord(holder[field]))
      .map(([kind, field]) => ({ kind, field }));
  }
  const field = typeof type === 'string' ? EMBEDDED_CHAOS_FIELDS[type] : undefined;
  return field && isRecord(holder[field]) ? [{ kind: type as string, field }] : [];
}

/**
 * Chaos in Workflow templates. A template's bound is its own `deadline`, else the deadline of the
 * templates that run it (Chaos Mesh propagates an exceeded deadline to children); with several
 * parents, the longest bound wins, and a parent without any bound leaves the child unbounded.
 */
function walkWorkflow(
  owner: KubeObject,
  workflow: Record<string, any>,
  workflowPath: string,
  outerDeadline: DurationSource | undefined,
  chaos: ChaosSpec[],
  schedules: ScheduleSpec[],
): void {
  const templates: unknown[] = Array.isArray(workflow.templates) ? workflow.templates : [];
  const byName = new Map<string, number>();
  templates.forEach((t, i) => {
    if (isRecord(t) && typeof t.name === 'string' && !byName.has(t.name)) byName.set(t.name, i);
  });
  const parents = new Map<number, number[]>();
  templates.forEach((t, i) => {
    if (!isRecord(t)) return;
    const children: unknown[] = [
      ...(Array.isArray(t.children) ? t.children : []),
      ...(Array.isArray(t.conditionalBranches)
        ? t.conditionalBranches.map((b: unknown) => (isRecord(b) ? b.target : undefined))
        : []),
    ];
    for (const child of children) {
      const c = typeof child === 'string' ? byName.get(child) : undefined;
      if (c !== undefined) parents.set(c, [...(parents.get(c) ?? []), i]);
    }
  });

  const memo = new Map<number, DurationSource | undefined>();
  const boundOf = (i: number, visiting: Set<number>): DurationSource | undefined => {
    if (memo.has(i)) return memo.get(i);
    const t = templates[i] as Record<string, any>;
    const tPath = fieldPath(workflowPath, 'templates', i);
    let bound: DurationSource | undefined;
    if (t.deadline !== undefined && t.deadline !== null) {
      bound = { value: t.deadline, path: fieldPath(tPath, 'deadline'), field: 'deadline' };
    } else if (visiting.has(i)) {
      bound = undefined;
    } else {
      visiting.add(i);
      const ps = parents.get(i) ?? [];
      const bounds = ps.map((p) => boundOf(p, visiting));
      bound = ps.length > 0 && bounds.every((b) => b !== undefined) ? longest(bounds as DurationSource[]) : undefined;
      visiting.delete(i);
    }
    bound = bound ?? outerDeadline;
    memo.set(i, bound);
    return bound;
  };

  templates.forEach((t, i) => {
    if (!isRecord(t)) return;
    const tPath = fieldPath(workflowPath, 'templates', i);
    const type = t.templateType;
    const deadline = boundOf(i, new Set());
    if ((type === 'Schedule' || isMissing(type)) && isRecord(t.schedule)) {
      const sPath = fieldPath(tPath, 'schedule');
      schedules.push({ owner, spec: t.schedule, path: sPath, form: ChaosForm.WORKFLOW, templatePath: tPath, deadline });
      walkSchedule(owner, t.schedule, sPath, deadline, ChaosForm.WORKFLOW, chaos, schedules);
    }
    if (type === 'Schedule') return;
    for (const { kind, field } of embeddedChaos(t, type)) {
      const specPath = fieldPath(tPath, field);
      chaos.push({
        kind,
        spec: t[field],
        path: specPath,
        owner,
        form: ChaosForm.WORKFLOW,
        scheduled: false,
        duration: deadline ?? durationOf(t[field], specPath),
        durationPath: fieldPath(tPath, 'deadline'),
      });
    }
  });
}

/**
 * The longest of several bounds. Text that is not a readable, positive duration counts as the
 * longest, so that it is the one reported (CM003 judges it with the exact parser).
 */
function longest(bounds: DurationSource[]): DurationSource {
  const rank = (b: DurationSource): bigint | undefined => {
    try {
      const ns = typeof b.value === 'string' ? GoDuration.parse(b.value).nanoseconds : undefined;
      return ns !== undefined && ns > 0n ? ns : undefined;
    } catch {
      return undefined;
    }
  };
  return bounds.reduce((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra === undefined) return a;
    if (rb === undefined) return b;
    return rb > ra ? b : a;
  });
}
