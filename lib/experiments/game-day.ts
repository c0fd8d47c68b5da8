import { Construct } from 'constructs';
import { stepPhaseName } from '../report/_gameday-phases';
import { SafetyAnnotations } from '../safety/annotations';
import { selectsTarget, type ChaosTarget } from '../target';
import { GoDuration } from '../units';
import { checkPositive, ownerOf } from './_fault';
import { checkDnsLabel, fail } from './_validate';
import { TemplateNames } from './_workflow';
import { ChaosExperiment, ExperimentOptions, ExperimentPhase, ExperimentPhases, FaultStep, RunExtras, RunLayout } from './base';
import { BoundGameDayStep, GameDayStep } from './game-day-step';

/** Longest step name: `step-<N>-<name>` and a parallel fault's `-<name>` must stay readable template names. */
const MAX_STEP_NAME_LENGTH = 40;

/** The Serial template over the steps (inside the fault phase). */
const STEPS_TEMPLATE = 'steps';

/** Props of {@link GameDay}. */
export interface GameDayProps extends ExperimentOptions {
  /** The faults and pauses, in order (at least one fault). */
  readonly steps: readonly GameDayStep[];
  /**
   * Quiet time before the first step and after the last one, so the probe compares the
   * service before, during and after the run.
   */
  readonly phases: ExperimentPhases;
}

/** A step of a GameDay as it runs. */
export interface GameDayStepPhase extends ExperimentPhase {
  /** The step's own name (`pod-kill`); `name` is its phase, `step-1-pod-kill`. */
  readonly stepName: string;
}

/**
 * Several faults and pauses in ONE bounded, guarded, measured run: a Workflow whose Serial
 * entry runs the baseline, every step in order (a fault template, a Suspend for a pause, a
 * Parallel for faults at the same time; each with its deadline) and the recovery, under a
 * total deadline (the sum). It is one more experiment for the app: one probe Job whose phases
 * (`baseline`, `step-1-pod-kill`, ..., `recovery`) cover the whole run, one health check running
 * alongside every step that aborts the whole run, PreSync guards holding the union of the
 * facts every step needs (per target), content naming, and one manual ArgoCD Application.
 *
 * @example
 * new GameDay(app.experiments, 'podinfo-gameday', {
 *   phases: { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(1) },
 *   steadyState: { url: PROBE_URL, thresholds: { minAvailabilityPercent: 99 }, healthCheck },
 *   steps: [
 *     GameDayStep.podChaos({ target: podinfo, action: PodChaosAction.POD_KILL, duration: GoDuration.minutes(2) }),
 *     GameDayStep.pause(GoDuration.minutes(1)),
 *     GameDayStep.memoryStress({ target: podinfo, size: StressSize.megabytes(512), duration: GoDuration.minutes(2) }),
 *   ],
 * });
 */
export class GameDay extends ChaosExperiment {
  /** The steps as they run: phase name, offset from the start of the run, length. */
  public readonly stepPhases: readonly GameDayStepPhase[];
  /** The Workflow's total deadline: baseline + every step + recovery (+ afterRecovery templates). */
  public readonly totalDeadline: GoDuration;

  public constructor(scope: Construct, id: string, props: GameDayProps) {
    const owner = ownerOf('GameDay', scope, id);
    const plan = planSteps(owner, props);
    let total: GoDuration | undefined;
    super(scope, id, props, {
      owner,
      target: plan.targets[0],
      targets: plan.targets,
      standaloneKind: undefined,
      templateType: 'GameDay',
      // The steps lay out their own templates (layOut); a single fault's embedding is unused.
      embedKey: STEPS_TEMPLATE,
      oneShot: false,
      action: 'a GameDay',
      length: plan.length,
      lengthProp: 'steps',
      renderBody: () => ({}),
      layOut: (extras) => {
        const run = gameDayRun(owner, props.phases, plan, extras);
        total = run.total;
        return run;
      },
      factAnnotations: () => sharedFacts(plan),
    });
    this.totalDeadline = total!;
    this.stepPhases = this.phases.slice(1, -1).map((phase, i) => ({ ...phase, stepName: plan.steps[i].name }));
  }
}

interface StepPlan {
  readonly steps: readonly BoundGameDayStep[];
  /** Every distinct target, in step order. */
  readonly targets: readonly ChaosTarget[];
  /** The steps' total length (what the health check runs alongside). */
  readonly length: GoDuration;
}

/** Checks the steps (at least one fault, unique names, positive lengths) and binds them. */
function planSteps(owner: string, props: GameDayProps): StepPlan {
  if (props.phases === undefined || props.phases.baseline === undefined || props.phases.recovery === undefined) {
    fail(owner, 'phases is required: a GameDay measures a baseline before its first step and a recovery after its '
      + 'last (e.g. phases: { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(1) }).');
  }
  if (!Array.isArray(props.steps) || props.steps.length === 0) {
    fail(owner, 'steps is empty: give the faults and pauses to run in order (e.g. steps: [GameDayStep.podChaos({...}), '
      + 'GameDayStep.pause(GoDuration.minutes(1)), GameDayStep.memoryStress({...})]).');
  }
  const counters = { pause: 0, parallel: 0 };
  const seen = new Map<string, number>();
  const steps = props.steps.map((step, i) => {
    const where = `${owner} steps[${i}]`;
    if (!(step instanceof GameDayStep)) {
      fail(where, 'must be a GameDayStep (GameDayStep.podChaos({...}), GameDayStep.pause(...), GameDayStep.parallel([...]), ...).');
    }
    const bound = step._bind(where, counters);
    checkDnsLabel(where, 'name', bound.name, MAX_STEP_NAME_LENGTH);
    const earlier = seen.get(bound.name);
    if (earlier !== undefined) {
      fail(where, `name "${bound.name}" is already the name of steps[${earlier}]: every step needs its own name, since `
        + `the report labels each phase by it; give one of them name: "${bound.name}-2" (or another).`);
    }
    seen.set(bound.name, i);
    if (bound.type === 'pause') checkPositive(where, 'pause', bound.length);
    if (bound.type === 'parallel') {
      const names = new Set<string>();
      bound.faults.forEach((f, j) => {
        checkDnsLabel(`${where} faults[${j}]`, 'name', f.name, MAX_STEP_NAME_LENGTH);
        if (names.has(f.name)) {
          fail(`${where} faults[${j}]`, `name "${f.name}" is used by another fault of the same parallel step; name them apart.`);
        }
        names.add(f.name);
      });
    }
    for (const f of faultsOf(bound)) checkPositive(f.owner, f.lengthProp, f.length);
    return bound;
  });
  const faults = steps.flatMap(faultsOf);
  if (faults.length === 0) fail(owner, 'has only pauses: give at least one fault step.');
  const targets: ChaosTarget[] = [];
  for (const f of faults) if (!targets.some((t) => selectsTarget(t.selector(), f.target))) targets.push(f.target);
  return { steps, targets, length: steps.map(stepLength).reduce((a, b) => a.plus(b)) };
}

function faultsOf(step: BoundGameDayStep): FaultStep[] {
  if (step.type === 'fault') return [step.fault];
  if (step.type === 'parallel') return step.faults.map((f) => f.fault);
  return [];
}

/** How long a step lasts: its fault's, the pause's, or the longest of its parallel faults. */
function stepLength(step: BoundGameDayStep): GoDuration {
  if (step.type === 'pause') return step.length;
  if (step.type === 'fault') return step.fault.length!;
  return step.faults.map((f) => f.fault.length!).reduce((a, b) => (b.compare(a) > 0 ? b : a));
}

/** A fault step's Workflow template (`deadline` = its length, no `duration`: 2.8.2 refuses one in a Workflow). */
function faultTemplate(name: string, fault: FaultStep): Record<string, unknown> {
  return { name, templateType: fault.templateType, deadline: fault.length!.text, [fault.embedKey]: fault.renderBody() };
}

/**
 * The run: phases `baseline`, `step-<N>-<name>`..., `recovery`, and the Workflow
 * `run` (Serial, total deadline) over baseline, the fault phase, recovery and afterRecovery, where
 * the fault phase is the Serial `steps` (or, with a health check, a Parallel of `steps` and the
 * check, both as long as the steps).
 */
function gameDayRun(owner: string, quiet: ExperimentPhases, plan: StepPlan, extras: RunExtras): RunLayout & { total: GoDuration } {
  const stepNames = plan.steps.map((s, i) => stepPhaseName(i + 1, s.name));
  const reserved = new Set<string>([STEPS_TEMPLATE, ...stepNames]);
  for (const [i, s] of plan.steps.entries()) {
    if (s.type === 'parallel') for (const f of s.faults) reserved.add(`${stepNames[i]}-${f.name}`);
  }
  const others = [...(extras.statusCheck ? [{ prop: 'statusCheck', t: extras.statusCheck }] : []),
    ...extras.afterRecovery.map((t, i) => ({ prop: `afterRecovery[${i}]`, t }))];
  for (const { prop, t } of others) {
    if (reserved.has(t.name)) fail(owner, `${prop} "${t.name}" reuses the name of a step's template; rename it.`);
  }
  const extraLengths = extras.afterRecovery.map((t, i) => deadlineOf(owner, `afterRecovery[${i}]`, t.deadline));
  const phases: ExperimentPhase[] = [];
  let offset = GoDuration.seconds(0);
  const addPhase = (name: string, length: GoDuration) => {
    phases.push({ name, offset, length });
    offset = offset.plus(length);
  };
  addPhase(TemplateNames.BASELINE, quiet.baseline);
  plan.steps.forEach((s, i) => addPhase(stepNames[i], stepLength(s)));
  addPhase(TemplateNames.RECOVERY, quiet.recovery);
  const total = extraLengths.reduce((a, b) => a.plus(b), offset);

  const renderSpec = (): Record<string, unknown> => {
    const templates: Record<string, unknown>[] = [];
    const suspend = (name: string, length: GoDuration) => templates.push({ name, templateType: 'Suspend', deadline: length.text });
    suspend(TemplateNames.BASELINE, quiet.baseline);
    const faultPhase = extras.statusCheck ? TemplateNames.FAULT : STEPS_TEMPLATE;
    if (extras.statusCheck) {
      templates.push({ name: TemplateNames.FAULT, templateType: 'Parallel', deadline: plan.length.text, children: [STEPS_TEMPLATE, extras.statusCheck.name] });
    }
    templates.push({ name: STEPS_TEMPLATE, templateType: 'Serial', deadline: plan.length.text, children: stepNames });
    plan.steps.forEach((s, i) => {
      const name = stepNames[i];
      if (s.type === 'pause') suspend(name, s.length);
      else if (s.type === 'fault') templates.push(faultTemplate(name, s.fault));
      else {
        templates.push({ name, templateType: 'Parallel', deadline: stepLength(s).text, children: s.faults.map((f) => `${name}-${f.name}`) });
        for (const f of s.faults) templates.push(faultTemplate(`${name}-${f.name}`, f.fault));
      }
    });
    if (extras.statusCheck) templates.push({ ...extras.statusCheck });
    suspend(TemplateNames.RECOVERY, quiet.recovery);
    for (const extra of extras.afterRecovery) templates.push({ ...extra });
    const children = [TemplateNames.BASELINE, faultPhase, TemplateNames.RECOVERY, ...extras.afterRecovery.map((t) => t.name)];
    return {
      entry: TemplateNames.ENTRY,
      templates: [{ name: TemplateNames.ENTRY, templateType: 'Serial', deadline: total.text, children }, ...templates],
    };
  };
  return { phases, total, renderSpec };
}

/** An afterRecovery template's deadline: every template of a GameDay is bounded, and the total counts it. */
function deadlineOf(owner: string, prop: string, deadline: unknown): GoDuration {
  if (typeof deadline !== 'string') {
    return fail(owner, `${prop} has no deadline: every template of a GameDay is bounded and counts in its total deadline; `
      + 'give it one (e.g. deadline: "5m").');
  }
  try {
    const parsed = GoDuration.parse(deadline);
    if (parsed.isPositive()) return parsed;
  } catch {
    // reported below
  }
  return fail(owner, `${prop} deadline "${deadline}" is not a positive Go duration such as "5m".`);
}

/**
 * The declared facts on the Workflow (one pair for every template in it): the target's, or, over
 * several targets, the smallest replica count (only when every target's is known, so that an
 * unknown one is reported rather than hidden) and the smallest memory limit of the targets.
 */
function sharedFacts(plan: StepPlan): Record<string, string> {
  if (plan.targets.length === 1) return plan.targets[0].factAnnotations();
  const result: Record<string, string> = {};
  const replicas = plan.targets.map((t) => t.replicas);
  if (replicas.every((r) => r !== undefined)) result[SafetyAnnotations.TARGET_REPLICAS] = String(Math.min(...replicas as number[]));
  const limited = plan.targets.filter((t) => t.memoryLimit !== undefined);
  if (limited.length > 0) {
    result[SafetyAnnotations.TARGET_MEMORY_LIMIT] = limited.reduce((a, b) => (b.memoryLimitBytes! < a.memoryLimitBytes! ? b : a)).memoryLimit!;
  }
  return result;
}
