import { ApiObject } from 'cdk8s';
import { isRecord } from '../_json';
import type { KubeObject } from '../kube-object';
import { ChaosSpec, walkChaos } from '../safety/_chaos-specs';
import { memoryStresses } from '../safety/rules/_chaos-kinds';
import type { ChaosExperiment } from '../experiments';
import { selectsTarget, type ChaosTarget } from '../target';
import { fail, MAX_EXPERIMENT_NAME } from './_validate';

/** The target part of a guard's props, read from an experiment (see {@link guardTargetsOf}). */
export interface ExperimentGuardTarget {
  readonly experiment: string;
  readonly namespaces: string[];
  readonly labels: Record<string, string>;
  readonly containerNames?: string[];
  readonly replicas: number;
  readonly memoryLimit?: string;
  readonly checkMemoryLimit: boolean;
}

type Json = Record<string, any>;

/**
 * The fault bodies of an emitted object: the chaos specs the safety rules see (standalone, a
 * Schedule's embedded chaos, Workflow chaos and Schedule templates), found by the same walker.
 */
export function faultBodies(obj: KubeObject): Json[] {
  return faultSpecs(obj).map((c) => c.spec);
}

function faultSpecs(obj: KubeObject): ChaosSpec[] {
  return walkChaos([obj]).chaos.filter((c) => isRecord(c.spec.selector));
}

/**
 * The experiment's object as it will be written (lazies resolved, JSON patches applied), read with
 * the plain `ApiObject.toJson()`: the content-named object's own `toJson()` also stamps the
 * target's facts into its annotations, and stamping them at construction could leave a fact
 * there that the target no longer has at synth.
 */
function emittedObject(experiment: ChaosExperiment): KubeObject {
  return ApiObject.prototype.toJson.call(experiment.resource);
}

/**
 * What the PresyncGuard checks for `experiment`, read from the experiment itself so the two
 * cannot disagree: for each of its targets (one for a single fault, every distinct target of a
 * GameDay's steps), the readable name (`<name>-t<N>` from the second target on), the target's
 * namespace, labels and replicas (every fault is checked against its target's ready replicas)
 * and, when any fault aimed at it is a memory stress, the target's memory limit and the
 * containers the stresses are injected into (the faults' `containerNames`, which may narrow the
 * target's). "Memory stress" is what the safety rules call one (`memoryStresses`: a StressChaos
 * memory or stress-ng stressor, a JVMChaos `stress` with `memType`), read from the emitted spec
 * of every kind, so no experiment class, Schedule, Workflow template, GameDay step or JSON patch
 * can bypass the live check.
 *
 * Called at construction (to refuse early) and again at synth (a workload target's facts are
 * read then, as the experiment reads them for its annotations).
 */
export function guardTargetsOf(owner: string, experiment: ChaosExperiment): ExperimentGuardTarget[] {
  const faults = faultSpecs(emittedObject(experiment));
  const name = experiment.readableName;
  const count = experiment.targets.length;
  const several = count > 1;
  // say which guard's name is too long, rather than refuse a name the user never wrote
  const longest = nthTargetName(name, count - 1);
  if (several && longest.length > MAX_EXPERIMENT_NAME) {
    fail(owner, `the name "${name}" is too long for one guard per target: the guard of its target ${count} is named "${longest}", `
      + `which must be at most ${MAX_EXPERIMENT_NAME} characters; shorten the name to at most ${MAX_EXPERIMENT_NAME - (longest.length - name.length)} characters.`);
  }
  return experiment.targets.map((target, i) => factsOf(owner, nthTargetName(name, i),
    target, several ? faults.filter((f) => selectsTarget(f.spec.selector, target)) : faults));
}

/** The name (or construct id) of the guard of an experiment's `index`-th target: `<name>`, then `<name>-t2`, ... */
export function nthTargetName(name: string, index: number): string {
  return index === 0 ? name : `${name}-t${index + 1}`;
}

/** The facts of one target, from the faults aimed at it. */
function factsOf(owner: string, name: string, target: ChaosTarget, faults: ChaosSpec[]): ExperimentGuardTarget {
  const memory = faults.filter((c) => memoryStresses(c).length > 0);
  const named = (memory.length > 0 ? memory : faults.slice(0, 1)).map((c) => c.spec.containerNames);
  const containerNames = named.length > 0 && named.every((n) => Array.isArray(n) && n.every((c) => typeof c === 'string'))
    ? [...new Set((named as string[][]).flat())] : target.containerNames;

  const replicas = target.replicas;
  if (replicas === undefined) {
    fail(owner, `experiment "${name}" targets pods whose replica count is unknown (a DaemonSet or an autoscaled `
      + 'workload), so the guard has nothing to compare ready replicas with: pass it to the target, e.g. '
      + 'ChaosTarget.fromWorkload(workload, { replicas: 3 }).');
  }
  const memoryLimit = target.memoryLimit;
  const stressed = memory.length > 0;
  if (stressed && memoryLimit === undefined) {
    fail(owner, `experiment "${name}" is a memory stress, but its target (namespace "${target.namespace}") has no `
      + 'known memory limit, so the guard could not check the live limit: declare it '
      + '(ChaosTarget.fromDeclaration({ ..., memoryLimit: "256Mi" })) or give every targeted container of the '
      + 'workload a memory limit.');
  }
  return {
    experiment: name,
    namespaces: [target.namespace],
    labels: target.labels,
    ...(containerNames === undefined ? {} : { containerNames }),
    replicas,
    ...(stressed ? { memoryLimit } : {}),
    checkMemoryLimit: stressed,
  };
}
