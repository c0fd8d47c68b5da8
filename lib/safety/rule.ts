import { KubeObject, objectRef } from '../kube-object';
import { ChaosSpec, ScheduleSpec, walkChaos } from './_chaos-specs';
import { ChartValues, findChartValues } from './chart-values';
import { Finding, Severity } from './finding';
import { ResolvedSafetyOptions } from './options';
import { ResolvedTarget, resolveChaosTarget } from './target-resolution';

/** The stable IDs of the safety rules (DESIGN.md, "Safety rules"). */
export enum RuleId {
  CM001 = 'CM001',
  CM002 = 'CM002',
  CM003 = 'CM003',
  CM004 = 'CM004',
  CM005 = 'CM005',
  CM006 = 'CM006',
  CM007 = 'CM007',
  CM008 = 'CM008',
  CM009 = 'CM009',
  CM010 = 'CM010',
  CM011 = 'CM011',
  CM012 = 'CM012',
  CM013 = 'CM013',
  CM014 = 'CM014',
  CM015 = 'CM015',
  CM016 = 'CM016',
}

/** What a rule sees: the whole object set, the options, and the shared walks over it. */
export interface RuleContext {
  readonly objects: readonly KubeObject[];
  readonly options: ResolvedSafetyOptions;
  /** Every chaos spec in the set: standalone, in Schedules, in Workflow templates. */
  readonly chaos: readonly ChaosSpec[];
  /** Every Schedule in the set: standalone and in Workflow templates. */
  readonly schedules: readonly ScheduleSpec[];
  /** Every Chaos Mesh chart values tree in the set. */
  readonly chartValues: readonly ChartValues[];
  /** The target of a chaos spec, resolved across the whole set (memoized). */
  resolveTarget(chaos: ChaosSpec): ResolvedTarget;
}

/** A safety rule: a pure function over plain objects, with a stable ID and an explanation. */
export interface SafetyRule {
  readonly id: string;
  readonly title: string;
  /** Severity of the rule's findings (a rule may report a warning where noted). */
  readonly severity: Severity;
  /** What the rule checks, in one or two sentences. */
  readonly description: string;
  readonly check: (ctx: RuleContext) => Finding[];
}

/** Builds the context every rule of one `checkSafety` run shares. */
export function createRuleContext(objects: readonly KubeObject[], options: ResolvedSafetyOptions): RuleContext {
  // Computed on first use, inside a rule, so that a walk that throws is a rule failure, not a crash.
  let walked: ReturnType<typeof walkChaos> | undefined;
  const targets = new Map<ChaosSpec, ResolvedTarget>();
  let chartValues: ChartValues[] | undefined;
  return {
    objects,
    options,
    get chaos() {
      walked ??= walkChaos(objects);
      return walked.chaos;
    },
    get schedules() {
      walked ??= walkChaos(objects);
      return walked.schedules;
    },
    get chartValues() {
      chartValues ??= findChartValues(objects);
      return chartValues;
    },
    resolveTarget(spec: ChaosSpec): ResolvedTarget {
      let target = targets.get(spec);
      if (!target) {
        target = resolveChaosTarget(objects, spec);
        targets.set(spec, target);
      }
      return target;
    },
  };
}

/** A finding about `source`, with the object reference filled in. */
export function finding(
  rule: string,
  source: KubeObject,
  path: string,
  message: string,
  fix: string,
  severity: Severity = 'error',
): Finding {
  return { rule, severity, object: objectRef(source), path, message, fix, source };
}
