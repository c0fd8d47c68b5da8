import { GoDuration, UnitError } from '../units';
import { ChaosKind } from './_fault';
import { checkDnsSubdomain, fail } from './_validate';

/**
 * A Chaos Mesh Workflow template as plain JSON (`spec.templates[]`), e.g. the guard's containment
 * `Task` or the probe's `StatusCheck`. Passed through unchanged.
 *
 * @see https://chaos-mesh.org/docs/create-chaos-mesh-workflow/
 */
export interface WorkflowTemplate {
  readonly name: string;
  readonly templateType: string;
  readonly [field: string]: unknown;
}

/**
 * What template props accept: a {@link WorkflowTemplate} literal, or any typed template object
 * with a name and a type (the generated `WorkflowSpecTemplates`, the guard's Task template),
 * which TypeScript would not match against an index signature.
 */
export type AnyWorkflowTemplate = WorkflowTemplate | { readonly name: string; readonly templateType: string };

/** Names of the templates this library writes (extra templates must not reuse them). */
export const TemplateNames = {
  /** The entry: a Serial template over the phases. */
  ENTRY: 'run',
  BASELINE: 'baseline',
  /** The fault phase: the chaos (or Schedule) template, or a Parallel of it and the StatusCheck. */
  FAULT: 'fault',
  /** The chaos template when the fault phase is a Parallel with a StatusCheck. */
  INJECT: 'inject',
  RECOVERY: 'recovery',
} as const;

/** One phase of an experiment's run, measured from the start of the Workflow. */
export interface ExperimentPhase {
  /** `baseline`, `fault` or `recovery`. */
  readonly name: string;
  /** When the phase starts, from the start of the run. */
  readonly offset: GoDuration;
  /** How long the phase lasts. */
  readonly length: GoDuration;
}

/** What the Workflow holds around the fault. */
export interface WorkflowLayout {
  readonly baseline?: GoDuration;
  readonly recovery?: GoDuration;
  /** The fault phase's length: the chaos template's `deadline`. */
  readonly fault: GoDuration;
  /** Runs in Parallel with the fault; its deadline is already checked and set. */
  readonly statusCheck?: WorkflowTemplate;
  readonly afterRecovery: readonly WorkflowTemplate[];
}

/** The fault as a Workflow template: `templateType`, and the field that embeds its body. */
export interface FaultTemplate {
  readonly templateType: string;
  readonly embedKey: string;
  readonly body: Record<string, unknown>;
}

const RESERVED = new Set<string>(Object.values(TemplateNames));

/** Checks a plain template given by another module (name, type, no clash with ours or each other). */
export function checkExtraTemplate(owner: string, prop: string, given: AnyWorkflowTemplate, seen: Set<string>): WorkflowTemplate {
  const template = given as WorkflowTemplate;
  if (template === null || typeof template !== 'object') fail(owner, `${prop} must be a Workflow template object.`);
  checkDnsSubdomain(owner, `${prop}.name`, template.name);
  if (typeof template.templateType !== 'string' || template.templateType.length === 0) {
    fail(owner, `${prop} "${template.name}" has no templateType (e.g. "Task", "StatusCheck").`);
  }
  if (RESERVED.has(template.name)) {
    fail(owner, `${prop} "${template.name}" reuses a template name of the run phases `
      + `(reserved: ${[...RESERVED].map((n) => `"${n}"`).join(', ')}); rename it.`);
  }
  if (seen.has(template.name)) fail(owner, `${prop} "${template.name}": template names must be unique.`);
  seen.add(template.name);
  return template;
}

/** Template types that inject a fault: every chaos kind, and Schedule (which spawns chaos). */
const FAULT_TEMPLATE_TYPES: ReadonlySet<string> = new Set([...Object.values(ChaosKind), 'Schedule']);

/**
 * An `afterRecovery` template must inject nothing: a fault there runs after the probe's last phase
 * and outside the guard's facts (issue 14: the probe covered 3 of a Workflow's 9 minutes, and a
 * memory stress ran with the memory-limit check off), so it would pass review while being wrong.
 */
export function refuseFaultAfterRecovery(owner: string, prop: string, template: WorkflowTemplate): WorkflowTemplate {
  if (FAULT_TEMPLATE_TYPES.has(template.templateType)) {
    fail(owner, `${prop} "${template.name}" is a ${template.templateType} fault: after the recovery phase it would run `
      + 'unmeasured by the probe and unchecked by the guard. afterRecovery takes only templates that inject nothing '
      + '(a Task such as the containment check, a Suspend); to run several faults in one run, use a GameDay: '
      + 'new GameDay(app.experiments, id, { phases, steadyState, steps: [GameDayStep.podChaos({...}), '
      + 'GameDayStep.pause(GoDuration.minutes(1)), GameDayStep.memoryStress({...})] }), whose probe phases and guard cover every step.');
  }
  return template;
}

/**
 * The StatusCheck template with `abortWithStatusCheck` (unless set) and a deadline no longer than
 * the fault: a longer check would stretch the fault phase and every later phase boundary.
 */
export function normalizeStatusCheck(owner: string, template: WorkflowTemplate, fault: GoDuration): WorkflowTemplate {
  if (template.templateType !== 'StatusCheck') {
    fail(owner, `statusCheck "${template.name}" has templateType "${template.templateType}"; it must be "StatusCheck".`);
  }
  const deadline = template.deadline;
  if (deadline !== undefined) {
    let parsed: GoDuration;
    try {
      parsed = GoDuration.parse(String(deadline));
    } catch (e) {
      return fail(owner, `statusCheck "${template.name}" deadline "${String(deadline)}" is not a Go duration `
        + `(${e instanceof UnitError ? e.message : String(e)}).`);
    }
    if (parsed.compare(fault) > 0) {
      fail(owner, `statusCheck "${template.name}" deadline "${String(deadline)}" is longer than the fault `
        + `("${fault.text}"): it would stretch the fault phase; leave the deadline out or shorten it.`);
    }
  }
  return {
    ...template,
    abortWithStatusCheck: template.abortWithStatusCheck ?? true,
    deadline: deadline ?? fault.text,
  };
}

/** Baseline, fault and recovery with their offsets (only the phases present). */
export function phaseList(layout: Pick<WorkflowLayout, 'baseline' | 'fault' | 'recovery'>): ExperimentPhase[] {
  const phases: ExperimentPhase[] = [];
  let offset = GoDuration.seconds(0);
  const add = (name: string, length: GoDuration | undefined) => {
    if (length === undefined) return;
    phases.push({ name, offset, length });
    offset = offset.plus(length);
  };
  add(TemplateNames.BASELINE, layout.baseline);
  add(TemplateNames.FAULT, layout.fault);
  add(TemplateNames.RECOVERY, layout.recovery);
  return phases;
}

/**
 * `spec` of the Workflow: a Serial entry over [baseline] fault [recovery] [extras...], where the
 * fault template has `deadline` = fault length and no `duration` (the 2.8.2 webhook refuses a
 * duration inside a Workflow). With a single step the step itself is the entry.
 */
export function workflowSpec(layout: WorkflowLayout, fault: FaultTemplate): Record<string, unknown> {
  const templates: Record<string, unknown>[] = [];
  const steps: string[] = [];
  const suspend = (name: string, deadline: GoDuration | undefined) => {
    if (deadline === undefined) return;
    templates.push({ name, templateType: 'Suspend', deadline: deadline.text });
    steps.push(name);
  };
  const chaos = (name: string) => ({
    name,
    templateType: fault.templateType,
    deadline: layout.fault.text,
    [fault.embedKey]: fault.body,
  });

  suspend(TemplateNames.BASELINE, layout.baseline);
  if (layout.statusCheck) {
    templates.push({
      name: TemplateNames.FAULT,
      templateType: 'Parallel',
      children: [TemplateNames.INJECT, layout.statusCheck.name],
    });
    templates.push(chaos(TemplateNames.INJECT));
    templates.push({ ...layout.statusCheck });
  } else {
    templates.push(chaos(TemplateNames.FAULT));
  }
  steps.push(TemplateNames.FAULT);
  suspend(TemplateNames.RECOVERY, layout.recovery);
  for (const extra of layout.afterRecovery) {
    templates.push({ ...extra });
    steps.push(extra.name);
  }

  if (steps.length === 1) return { entry: steps[0], templates };
  return {
    entry: TemplateNames.ENTRY,
    templates: [{ name: TemplateNames.ENTRY, templateType: 'Serial', children: steps }, ...templates],
  };
}
