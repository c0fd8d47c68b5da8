import { IConstruct } from 'constructs';
import { AppDefaults, appDefaultsOf } from '../_app-defaults';
import { PresyncGuard } from '../guard/presync-guard';
import { RestrictedNamespace } from '../install/restricted-namespace';
import { ProbeJob } from '../probe/probe-job';
import { statusCheckTemplate } from '../probe/status-check';
import { MIN_ACK_REASON_LENGTH } from '../safety/annotations';
import type { GoDuration } from '../units';
import { fail } from './_validate';
import type { AnyWorkflowTemplate } from './_workflow';
import type { ChaosExperiment, ExperimentOptions } from './base';
import type { SafeguardOptOut } from './safeguards';

/** The safeguards an experiment's props ask for, checked before the experiment is laid out. */
export interface SafeguardPlan {
  /** Set inside a `ChaosMeshApp`: only there are safeguards wired automatically. */
  readonly defaults?: AppDefaults;
  /** The StatusCheck template from `steadyState.healthCheck`, or the `statusCheck` prop. */
  readonly statusCheck?: AnyWorkflowTemplate;
  readonly optOuts: readonly SafeguardOptOut[];
}

/** What {@link addSafeguards} built. */
export interface Safeguards {
  readonly probe?: ProbeJob;
  /** One per target (a GameDay may have several); empty when opted out. */
  readonly guards: readonly PresyncGuard[];
}

type Safeguard = SafeguardOptOut['safeguard'];

const SAFEGUARD_NAMES: Record<Safeguard, string> = {
  probe: 'availability probe', healthCheck: 'in-cluster health check', guard: 'PreSync guard',
};

/**
 * Checks `steadyState`, `statusCheck` and `withoutSafeguards` together: inside a ChaosMeshApp
 * every safeguard is either given or opted out of with a reason, and none is both.
 */
export function planSafeguards(
  owner: string, scope: IConstruct, name: string, props: ExperimentOptions, length: GoDuration | undefined,
): SafeguardPlan {
  const defaults = appDefaultsOf(scope);
  const steady = props.steadyState;
  const optOuts: SafeguardOptOut[] = [];
  for (const [safeguard, reason] of Object.entries(props.withoutSafeguards ?? {})) {
    if (reason === undefined) continue;
    if (!(safeguard in SAFEGUARD_NAMES)) {
      fail(owner, `withoutSafeguards.${safeguard} is not a safeguard; the safeguards are ${Object.keys(SAFEGUARD_NAMES).join(', ')}.`);
    }
    if (typeof reason !== 'string' || reason.trim().length < MIN_ACK_REASON_LENGTH) {
      fail(owner, `withoutSafeguards.${safeguard} needs a reason of at least ${MIN_ACK_REASON_LENGTH} characters that says why `
        + `the experiment may run without its ${SAFEGUARD_NAMES[safeguard as Safeguard]} (got ${JSON.stringify(reason)}).`);
    }
    optOuts.push({ safeguard: safeguard as Safeguard, reason: reason.trim() });
  }
  const off = (s: Safeguard) => optOuts.some((o) => o.safeguard === s);

  if (steady?.healthCheck && props.statusCheck) {
    fail(owner, 'steadyState.healthCheck and statusCheck both give the health check; keep one.');
  }
  if (steady && off('probe')) fail(owner, 'withoutSafeguards.probe contradicts steadyState, which gives the probe its URL; remove one of them.');
  if ((steady?.healthCheck || props.statusCheck) && off('healthCheck')) {
    fail(owner, 'withoutSafeguards.healthCheck contradicts the health check the experiment is given; remove one of them.');
  }
  let statusCheck = props.statusCheck;
  if (steady?.healthCheck) {
    if (length === undefined) fail(owner, 'steadyState.healthCheck runs as long as the fault: give the fault a duration.');
    const { name: checkName, ...options } = steady.healthCheck;
    statusCheck = statusCheckTemplate({ ...options, name: checkName ?? `${name}-health`, deadline: length });
  }

  if (defaults === undefined) {
    if (steady) {
      fail(owner, 'steadyState wires the probe, health check and guard through a ChaosMeshApp (its platform chart holds '
        + 'the runner namespace and the shared scripts): build the experiment in app.experiments, or wire ProbeJob and '
        + 'PresyncGuard yourself.');
    }
    return { statusCheck, optOuts };
  }
  if (!steady && !off('probe')) {
    fail(owner, 'has no steadyState, so nothing would measure whether the service stays healthy. Give it one: '
      + "steadyState: { url: 'https://…', thresholds: { minAvailabilityPercent: 99 }, healthCheck: { url: 'http://<service>.<namespace>.svc/…' } } "
      + "(the probe Job, the health check that aborts the run and the runner namespace come with it), or opt out with a reason: "
      + "withoutSafeguards: { probe: '<why>', healthCheck: '<why>' }.");
  }
  if (!statusCheck && !off('healthCheck')) {
    fail(owner, 'has no in-cluster health check, so nothing aborts the run when the service breaks. Give '
      + "steadyState.healthCheck: { url: 'http://<service>.<namespace>.svc/…' }, or opt out with a reason: "
      + "withoutSafeguards: { healthCheck: '<why>' }.");
  }
  if (steady) {
    const thresholds = steady.thresholds ?? defaults.thresholds;
    if (thresholds === undefined || Object.values(thresholds).every((v) => v === undefined)) {
      fail(owner, 'steadyState has no thresholds, so the probe would only measure and never fail: give '
        + 'steadyState.thresholds (e.g. { minAvailabilityPercent: 99 }), or set them once for the app: '
        + 'new ChaosMeshApp({ safeguards: { thresholds: … } }).');
    }
  }
  return { defaults, statusCheck, optOuts };
}

/**
 * Builds what {@link planSafeguards} planned, once the experiment's object exists: the probe Job
 * over every phase, the PreSync guard, and the runner namespace (restricted) in the platform.
 */
export function addSafeguards(experiment: ChaosExperiment, props: ExperimentOptions, plan: SafeguardPlan): Safeguards {
  const defaults = plan.defaults;
  if (defaults === undefined) return { guards: [] };
  const off = (s: Safeguard) => plan.optOuts.some((o) => o.safeguard === s);
  const runner = defaults.runnerNamespace;
  const steady = props.steadyState;
  if (steady && experiment.phases.length === 0) {
    fail(`${experiment.constructor.name} "${experiment.node.path}"`, 'the probe of its steadyState must cover the run, which has no '
      + 'length: give the fault a duration (e.g. duration: GoDuration.minutes(2)).');
  }
  const needsRunner = steady !== undefined || !off('guard');
  if (needsRunner) runnerNamespace(defaults);
  const probe = steady && new ProbeJob(experiment, 'probe', {
    url: steady.url,
    caBundle: steady.caBundle ?? defaults.caBundle,
    namespace: runner,
    name: `${experiment.readableName}-probe`,
    phases: experiment.phases.map((p) => ({ name: p.name, duration: p.length })),
    thresholds: steady.thresholds ?? defaults.thresholds,
    supportScope: defaults.platform,
  });
  return { probe, guards: off('guard') ? [] : guardsOf(experiment, runner, defaults) };
}

/** The experiment's PreSync guards (one per target); when its facts cannot make one, the error names the experiment and the opt-out. */
function guardsOf(experiment: ChaosExperiment, runner: string, defaults: AppDefaults): PresyncGuard[] {
  try {
    return PresyncGuard.forEveryTarget(experiment, 'guard', experiment, { guardNamespace: runner, supportScope: defaults.platform });
  } catch (e) {
    return fail(`${experiment.constructor.name} "${experiment.node.path}"`, `its PreSync guard cannot be built: `
      + `${e instanceof Error ? e.message : String(e)} Or run without it, saying why: withoutSafeguards: { guard: '<why>' }.`);
  }
}

/** Runner namespaces by platform chart and name: looked up once, not once per experiment. */
const runnerNamespaces = new WeakMap<IConstruct, Map<string, RestrictedNamespace>>();

/** The app's runner namespace: the RestrictedNamespace of that name in the platform, made on first use. */
function runnerNamespace(defaults: AppDefaults): RestrictedNamespace {
  const byName = runnerNamespaces.get(defaults.platform) ?? new Map<string, RestrictedNamespace>();
  runnerNamespaces.set(defaults.platform, byName);
  let namespace = byName.get(defaults.runnerNamespace);
  if (namespace === undefined) {
    namespace = defaults.platform.node.findAll()
      .find((c): c is RestrictedNamespace => c instanceof RestrictedNamespace && c.name === defaults.runnerNamespace)
      ?? new RestrictedNamespace(defaults.platform, defaults.runnerNamespace, { name: defaults.runnerNamespace });
    byName.set(defaults.runnerNamespace, namespace);
  }
  return namespace;
}

/** One line of the synth summary per safeguard left out. */
export function optOutLine(experiment: ChaosExperiment, optOut: SafeguardOptOut): string {
  return `Safeguard off: experiment "${experiment.readableName}" runs without its ${SAFEGUARD_NAMES[optOut.safeguard]}: ${optOut.reason}`;
}
