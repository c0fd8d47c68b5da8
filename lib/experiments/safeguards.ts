import type { CaBundle, HttpStatusCheckOptions, ProbeThresholds } from '../probe';

/**
 * The in-cluster health check of an experiment: an HTTP StatusCheck the Chaos Mesh controller
 * runs in Parallel with the fault, for as long as the fault lasts; when it fails
 * (`failureThreshold` checks in a row), the Workflow aborts and the fault is removed.
 */
export interface HealthCheck extends HttpStatusCheckOptions {
  /**
   * Template name inside the Workflow (a DNS label).
   * @default '<experiment name>-health'
   */
  readonly name?: string;
}

/**
 * What "healthy" means while the experiment runs. From it the experiment gets, without further
 * wiring: an availability probe Job covering every phase (it fails when a threshold is missed),
 * the in-cluster health check that aborts the run, and (as every experiment of a `ChaosMeshApp`)
 * the PreSync guard that checks the live target before the sync.
 */
export interface SteadyState {
  /** The URL the probe Job requests at fixed ticks, as a user reaches the service (`http://` or `https://`). */
  readonly url: string;
  /**
   * The probe's thresholds: missing one fails the probe Job.
   * @default - the app's `safeguards.thresholds`; one of the two is required
   */
  readonly thresholds?: ProbeThresholds;
  /**
   * CA bundle for an https URL signed by a private CA.
   * @default - the app's `safeguards.caBundle`, else the probe image's public trust store
   */
  readonly caBundle?: CaBundle;
  /**
   * The in-cluster health check that aborts the run.
   * @default - none; then `withoutSafeguards.healthCheck` must say why
   */
  readonly healthCheck?: HealthCheck;
}

/**
 * Safeguards an experiment runs without, each with the reason (at least 10 characters). The prop
 * shows in the reviewed diff of `main.ts`, and synth prints one line per safeguard left out.
 */
export interface SafeguardOptOuts {
  /** Why no availability probe measures the run (then no `steadyState.url`). */
  readonly probe?: string;
  /** Why no in-cluster health check can abort the run. */
  readonly healthCheck?: string;
  /** Why no PreSync guard checks the live target before the sync. */
  readonly guard?: string;
}

/** A safeguard left out, and why (see {@link SafeguardOptOuts}). */
export interface SafeguardOptOut {
  readonly safeguard: 'probe' | 'healthCheck' | 'guard';
  readonly reason: string;
}

/** What a `ChaosMeshApp` sets once for the safeguards of all its experiments. */
export interface SafeguardDefaults {
  /**
   * Namespace of every probe Job and PreSync guard. The app emits it in the platform at Pod
   * Security "restricted" (they need no privilege), apart from `chaos-mesh`, which must admit the
   * privileged chaos-daemon.
   * @default 'chaos-probes'
   */
  readonly runnerNamespace?: string;
  /**
   * CA bundle of every probe whose `steadyState` gives none.
   * @default - the probe image's public trust store
   */
  readonly caBundle?: CaBundle;
  /**
   * Thresholds of every probe whose `steadyState` gives none.
   * @default - none: each `steadyState` gives its own
   */
  readonly thresholds?: ProbeThresholds;
}
