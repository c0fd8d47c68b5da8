import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { ContentNamedApiObject } from '../content-named-api-object';
import { rendered } from '../_render-pass';
import { ackAnnotation, MIN_ACK_REASON_LENGTH } from '../safety/annotations';
import { ruleIdRange } from '../safety/_rule-ids';
import { RULES } from '../safety/rules';
import type { ChaosTarget } from '../target';
import { GoDuration } from '../units';
import { checkPositive, EMBED_KEYS, Fault, ownerOf } from './_fault';
import { appDefaultsOf, defaultExperimentNamespace, DEFAULT_CHAOS_NAMESPACE } from '../_app-defaults';
import type { PresyncGuard } from '../guard/presync-guard';
import type { ProbeJob } from '../probe/probe-job';
import { addSafeguards, planSafeguards } from './_safeguards';
import { checkDnsLabel, fail } from './_validate';
import type { SafeguardOptOut, SafeguardOptOuts, SteadyState } from './safeguards';
import {
  AnyWorkflowTemplate, checkExtraTemplate, ExperimentPhase, normalizeStatusCheck, phaseList, refuseFaultAfterRecovery, WorkflowTemplate, workflowSpec,
} from './_workflow';

export { TemplateNames } from './_workflow';
export type { AnyWorkflowTemplate, ExperimentPhase, WorkflowTemplate } from './_workflow';

/** Label with the readable experiment name: stable across spec edits, so ArgoCD users can find every version. */
export const EXPERIMENT_LABEL = 'cdk8s-chaos-mesh.io/experiment';

export { DEFAULT_CHAOS_NAMESPACE };

/** Longest readable name: `-` and the 8-character spec hash must still fit a 63-character label. */
export const MAX_READABLE_NAME_LENGTH = 54;

const CHAOS_MESH_API_VERSION = 'chaos-mesh.org/v1alpha1';

/** Quiet time around the fault, so the probe measures a baseline and the recovery. */
export interface ExperimentPhases {
  /** How long the Workflow waits before injecting the fault (a `Suspend` template). */
  readonly baseline: GoDuration;
  /** How long the Workflow waits after the fault ends (a `Suspend` template). */
  readonly recovery: GoDuration;
}

/** Options every experiment takes. */
export interface ExperimentOptions {
  /**
   * The readable part of the object name (`<name>-<spec hash>`), also the value of the
   * `cdk8s-chaos-mesh.io/experiment` label. A DNS-1123 label of at most 54 characters.
   *
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Namespace of the chaos object (or Workflow). The target's namespace is named in the selector,
   * so this is only where the object lives (and where a namespace-scoped dashboard account must
   * be able to act to see or pause it).
   *
   * @default - the target's namespace when the ChaosMeshApp sets `experimentsInTargetNamespace`, else 'chaos-mesh'
   */
  readonly namespace?: string;
  /**
   * What "healthy" means while the experiment runs. Inside a `ChaosMeshApp` it brings the
   * experiment's safeguards without further wiring: a probe Job over every phase, the health
   * check that aborts the run, and the runner namespace; the PreSync guard comes with every
   * experiment of the app. Leaving one out takes `withoutSafeguards`.
   *
   * @default - none; inside a ChaosMeshApp then `withoutSafeguards.probe` (and `.healthCheck`) must say why
   */
  readonly steadyState?: SteadyState;
  /**
   * Safeguards this experiment runs without, each with its reason (synth prints one line each).
   *
   * @default - none: every safeguard is built
   */
  readonly withoutSafeguards?: SafeguardOptOuts;
  /**
   * Run the experiment as a Workflow with a baseline, the fault and a recovery phase, so one probe
   * can compare before, during and after.
   *
   * @default - no phases: a standalone chaos object (a bounded schedule is always a Workflow)
   * @see https://chaos-mesh.org/docs/create-chaos-mesh-workflow/
   */
  readonly phases?: ExperimentPhases;
  /**
   * A `StatusCheck` Workflow template run in Parallel with the fault; the run aborts when it fails
   * (`abortWithStatusCheck: true` unless the template says otherwise). Its deadline defaults to
   * the fault's and may not exceed it. Implies a Workflow.
   *
   * @default - no status check
   * @see https://chaos-mesh.org/docs/status-check-in-workflow/
   */
  readonly statusCheck?: AnyWorkflowTemplate;
  /**
   * Templates run one after the other after the recovery phase (e.g. the guard's containment
   * check `Task`), passed through unchanged. Implies a Workflow.
   *
   * @default - none
   */
  readonly afterRecovery?: AnyWorkflowTemplate[];
  /**
   * Name the object `<name>-<8 hex characters of sha256 over its spec>` and label it with
   * `cdk8s-chaos-mesh.io/experiment: <name>`. Chaos Mesh refuses spec updates ("Cannot update
   * chaos spec") and never re-runs a finished Workflow, so an edited experiment must be a new
   * object; ArgoCD then prunes the old one. Turn off only for objects applied by hand.
   *
   * @default true
   */
  readonly contentNamed?: boolean;
}

/** Options of experiments whose fault lasts a `duration`. */
export interface ChaosExperimentProps extends ExperimentOptions {
  /**
   * How long the fault lasts: `spec.duration` of a standalone object, the template `deadline` in
   * a Workflow. Required except for a standalone pod-kill or container-kill, which act once.
   *
   * @default - none (only for one-shot actions)
   * @see https://chaos-mesh.org/docs/define-chaos-experiment-scope/
   */
  readonly duration?: GoDuration;
}

/** What a concrete experiment hands to {@link ChaosExperiment}. (Internal to lib/experiments.) @hidden */
export interface FaultStep {
  /** `PodChaosExperiment "chart/id"`, for error messages. */
  readonly owner: string;
  readonly target: ChaosTarget;
  /** The kind of a standalone object; undefined when only a Workflow template can hold the step (Schedule). */
  readonly standaloneKind?: string;
  readonly templateType: string;
  readonly embedKey: string;
  readonly oneShot: boolean;
  /** The action, for messages. */
  readonly action: string;
  /** The fault's length and the prop that set it. */
  readonly length?: GoDuration;
  readonly lengthProp: string;
  /** The embedded spec without `duration` (called at synth). */
  renderBody(): Record<string, unknown>;
  /**
   * Every target, `target` first: one for a single fault, each step's for a GameDay.
   * @default - [target]
   */
  readonly targets?: readonly ChaosTarget[];
  /**
   * Lays out a run of several templates (a GameDay): always a Workflow. Given the phases and
   * templates the base checked from the props, returns the run's phases and its Workflow spec.
   * @default - the single fault's layout: a standalone object, or baseline, fault, recovery
   */
  layOut?(extras: RunExtras): RunLayout;
  /**
   * The declared facts the emitted object carries (read at synth).
   * @default - the target's
   */
  factAnnotations?(): Record<string, string>;
}

/** What the props put around the fault(s), checked by the base. (Internal to lib/experiments.) @hidden */
export interface RunExtras {
  readonly baseline?: GoDuration;
  readonly recovery?: GoDuration;
  /** Deadline already checked against the fault length and set. */
  readonly statusCheck?: WorkflowTemplate;
  readonly afterRecovery: readonly WorkflowTemplate[];
}

/** A run's phases and its Workflow spec. (Internal to lib/experiments.) @hidden */
export interface RunLayout {
  readonly phases: readonly ExperimentPhase[];
  renderSpec(): Record<string, unknown>;
}

/**
 * The step of an experiment class whose fault lasts `duration` (the families' common case): names
 * the owner for error messages (`PodChaosExperiment "chart/id"`) and builds the fault. (Internal
 * to lib/experiments.)
 */
export function chaosStep<P extends ChaosExperimentProps>(
  className: string, scope: Construct, id: string, props: P, buildFault: (owner: string, options: P) => Fault,
): FaultStep {
  const owner = ownerOf(className, scope, id);
  return faultStep(owner, buildFault(owner, props), props.duration);
}

/** The step of a built fault lasting `length` (set by `duration`). (Internal to lib/experiments.) */
export function faultStep(owner: string, fault: Fault, length: GoDuration | undefined): FaultStep {
  return {
    owner,
    target: fault.target,
    standaloneKind: fault.kind,
    templateType: fault.kind,
    embedKey: EMBED_KEYS[fault.kind],
    oneShot: fault.oneShot,
    action: fault.action,
    length,
    lengthProp: 'duration',
    renderBody: fault.renderSpec,
  };
}

/**
 * Base of every experiment: names it, places it, writes the target's facts, and renders the
 * fault either as a standalone chaos object or as a Workflow with run phases.
 *
 * The emitted object is the child `Resource` (`node.defaultChild`), so
 * `ApiObject.of(experiment).addJsonPatch(...)` edits it; the content name covers the patched spec.
 */
export abstract class ChaosExperiment extends Construct {
  /** The emitted object (a chaos object, or a Workflow). */
  public readonly resource: ApiObject;
  /** The stable, readable part of the object name (and the `cdk8s-chaos-mesh.io/experiment` label). */
  public readonly readableName: string;
  /** Namespace of the emitted object. */
  public readonly namespace: string;
  /** What the experiment aims at (for guards and probes); a GameDay's first step's target. */
  public readonly target: ChaosTarget;
  /** Every target, {@link target} first: one for a single fault, one per distinct target of a GameDay's steps. */
  public readonly targets: readonly ChaosTarget[];
  /** The fault's kind or template type: a chaos kind (`PodChaos`, `IOChaos`, ...), `Schedule`, or `GameDay` for several steps. */
  public readonly faultType: string;
  /**
   * The run's phases with offsets from its start: `[baseline, fault, recovery]` with phases,
   * `[fault]` without, empty for a standalone one-shot action without a duration.
   */
  public readonly phases: readonly ExperimentPhase[];
  /** Total length of the phases (what a probe must cover); undefined when the fault has no length. */
  public readonly runTime?: GoDuration;
  /** The availability probe built from `steadyState` (inside a ChaosMeshApp). */
  public readonly probe?: ProbeJob;
  /** The PreSync guard every experiment of a ChaosMeshApp gets unless `withoutSafeguards.guard` says why not (of its first target). */
  public readonly guard?: PresyncGuard;
  /** Every PreSync guard: one per target (see {@link targets}). */
  public readonly guards: readonly PresyncGuard[];
  /** The safeguards left out, with their reasons. */
  public readonly safeguardOptOuts: readonly SafeguardOptOut[];

  /** Built by the fault kinds of this package only: the step is their internal fault description. @internal */
  protected constructor(scope: Construct, id: string, props: ExperimentOptions, step: FaultStep) {
    super(scope, id);
    const owner = step.owner;
    this.readableName = props.name ?? id;
    checkDnsLabel(owner, 'name', this.readableName, MAX_READABLE_NAME_LENGTH);
    this.target = step.target;
    this.targets = step.targets ?? [step.target];
    const targetNamespaces = [...new Set(this.targets.map((t) => t.namespace))];
    if (props.namespace === undefined && targetNamespaces.length > 1 && appDefaultsOf(scope)?.experimentsInTargetNamespace === true) {
      fail(owner, `its targets live in ${targetNamespaces.length} namespaces (${targetNamespaces.join(', ')}), so `
        + 'experimentsInTargetNamespace cannot choose one: set namespace to the one a dashboard account may act in.');
    }
    this.namespace = props.namespace ?? defaultExperimentNamespace(scope, step.target.namespace);
    checkDnsLabel(owner, 'namespace', this.namespace);
    this.faultType = step.templateType;
    checkPositive(owner, step.lengthProp, step.length);
    checkPositive(owner, 'phases.baseline', props.phases?.baseline);
    checkPositive(owner, 'phases.recovery', props.phases?.recovery);

    const length = step.length;
    const safeguards = planSafeguards(owner, scope, this.readableName, props, length);
    this.safeguardOptOuts = safeguards.optOuts;
    const extras = props.afterRecovery ?? [];
    const asWorkflow = step.layOut !== undefined || step.standaloneKind === undefined || props.phases !== undefined
      || safeguards.statusCheck !== undefined || extras.length > 0;
    if (asWorkflow && length === undefined) {
      fail(owner, `${step.lengthProp} is required when the experiment runs as a Workflow (phases, statusCheck `
        + `or afterRecovery): it becomes the fault template's deadline (e.g. ${step.lengthProp}: GoDuration.minutes(3)).`);
    }
    if (!asWorkflow && length === undefined && !step.oneShot) {
      fail(owner, `duration is required for ${step.action}: without it the chaos lasts until the object is `
        + 'deleted (e.g. duration: GoDuration.minutes(3)).');
    }

    const seen = new Set<string>();
    const afterRecovery = extras.map((t, i) => ({
      ...refuseFaultAfterRecovery(owner, `afterRecovery[${i}]`, checkExtraTemplate(owner, `afterRecovery[${i}]`, t, seen)),
    }));
    let statusCheck: WorkflowTemplate | undefined;
    if (safeguards.statusCheck) {
      statusCheck = normalizeStatusCheck(owner, checkExtraTemplate(owner, 'statusCheck', safeguards.statusCheck, seen), length!);
    }

    const extrasOfRun: RunExtras | undefined = asWorkflow
      ? { baseline: props.phases?.baseline, recovery: props.phases?.recovery, statusCheck, afterRecovery } : undefined;
    const run = step.layOut ? step.layOut(extrasOfRun!) : singleFaultRun(step, extrasOfRun);
    this.phases = run.phases;
    this.runTime = length === undefined ? undefined
      : this.phases.reduce((total, p) => total.plus(p.length), GoDuration.seconds(0));

    const contentNamed = props.contentNamed ?? true;
    this.resource = new ContentNamedApiObject(this, 'Resource', {
      apiVersion: CHAOS_MESH_API_VERSION,
      kind: extrasOfRun ? 'Workflow' : step.standaloneKind!,
      metadata: {
        name: this.readableName,
        namespace: this.namespace,
        labels: contentNamed ? { [EXPERIMENT_LABEL]: this.readableName } : undefined,
      },
      spec: Lazy.any({ produce: () => run.renderSpec() }),
      contentNamed,
      lateAnnotations: () => (step.factAnnotations ? step.factAnnotations() : step.target.factAnnotations()),
    });
    ({ probe: this.probe, guards: this.guards } = addSafeguards(this, props, safeguards));
    this.guard = this.guards[0];
  }

  /** Kind of the emitted object: the chaos kind, or `Workflow`. */
  public get kind(): string {
    return this.resource.kind;
  }

  /**
   * The emitted `metadata.name` (`<readable>-<hash>` when content-named). Computed from the object
   * as it would be written now: call it at synth time (e.g. from a `Lazy`) if patches come later.
   */
  public get objectName(): string {
    return rendered(this.resource).metadata.name;
  }

  /** The phases as the probe reads them: `baseline:60 fault:180 recovery:60` (seconds). */
  public get phasesEnv(): string {
    return formatPhases(this.phases);
  }

  /**
   * Acknowledge a safety rule's findings on this experiment with a reason (at least 10
   * characters). The finding stays in every report, marked acknowledged.
   */
  public addAcknowledgement(ruleId: string, reason: string): void {
    const owner = `${this.constructor.name} "${this.node.path}"`;
    if (!RULES.some((r) => r.id === ruleId)) {
      fail(owner, `cannot acknowledge "${ruleId}": only the safety rules ${ruleIdRange()} (RULES.md) can be acknowledged (schema and `
        + 'admission findings are enforced by the cluster itself, whatever the annotations say).');
    }
    if (typeof reason !== 'string' || reason.trim().length < MIN_ACK_REASON_LENGTH) {
      fail(owner, `the reason for acknowledging ${ruleId} ("${reason}") is too short: write at least `
        + `${MIN_ACK_REASON_LENGTH} characters that say why the finding is acceptable.`);
    }
    this.resource.metadata.addAnnotation(ackAnnotation(ruleId), reason.trim());
  }
}

/**
 * The run of one fault: a standalone object (its `duration` set when it has one), or with
 * `extras` a Workflow of [baseline] fault [recovery] [afterRecovery...].
 */
function singleFaultRun(step: FaultStep, extras: RunExtras | undefined): RunLayout {
  const length = step.length;
  const layout = extras && { ...extras, fault: length! };
  return {
    phases: length === undefined ? [] : phaseList(layout ?? { fault: length }),
    renderSpec: () => {
      const body = step.renderBody();
      if (layout) return workflowSpec(layout, { templateType: step.templateType, embedKey: step.embedKey, body });
      return length === undefined ? body : { ...body, duration: length.text };
    },
  };
}

/** `baseline:60 fault:180 recovery:60`: phase names and lengths in seconds, as the probe's `PHASES`. */
export function formatPhases(phases: readonly ExperimentPhase[]): string {
  return phases.map((p) => `${p.name}:${secondsText(p.length)}`).join(' ');
}

function secondsText(d: GoDuration): string {
  const ms = d.toMilliseconds();
  return Number.isInteger(ms / 1000) ? String(ms / 1000) : (ms / 1000).toFixed(3).replace(/0+$/, '');
}
