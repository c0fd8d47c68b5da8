import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import type { CaBundle, ProbeThresholds } from './probe';

/** What a `ChaosMeshApp` decides once for every experiment in it. */
export interface AppDefaults {
  /** The platform chart: the runner namespace and the safeguards' shared objects go there. */
  readonly platform: Chart;
  /** Namespace of every probe and guard (emitted by the app, Pod Security "restricted"). */
  readonly runnerNamespace: string;
  readonly caBundle?: CaBundle;
  readonly thresholds?: ProbeThresholds;
  /** Create each experiment in its target's namespace instead of `chaos-mesh`. */
  readonly experimentsInTargetNamespace: boolean;
}

/** Where experiment objects live unless told otherwise (the reference validation's choice). */
export const DEFAULT_CHAOS_NAMESPACE = 'chaos-mesh';

/**
 * The namespace an experiment of `scope` aimed at `targetNamespace` is created in when it names
 * none: the target's when the ChaosMeshApp sets `experimentsInTargetNamespace`, else
 * {@link DEFAULT_CHAOS_NAMESPACE}. The experiment and what must sit beside it (a containment
 * check's Secret, which the Workflow's Task pod mounts) read it here, so they cannot part.
 */
export function defaultExperimentNamespace(scope: IConstruct, targetNamespace: string): string {
  return appDefaultsOf(scope)?.experimentsInTargetNamespace === true ? targetNamespace : DEFAULT_CHAOS_NAMESPACE;
}

/** Where probes and guards run unless the app says otherwise. */
export const DEFAULT_RUNNER_NAMESPACE = 'chaos-probes';

const KEY = Symbol.for('cdk8s-chaos-mesh.app-defaults');

/** Records the defaults on the app (the root), so constructs read them without importing the app. */
export function setAppDefaults(app: IConstruct, defaults: AppDefaults): void {
  Object.defineProperty(app, KEY, { value: defaults });
}

/** The defaults of the `ChaosMeshApp` holding `construct`; undefined in any other app or a test chart. */
export function appDefaultsOf(construct: IConstruct): AppDefaults | undefined {
  return (construct.node.root as unknown as Record<symbol, AppDefaults | undefined>)[KEY];
}
