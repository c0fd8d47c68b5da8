import { Construct } from 'constructs';
import type { ChaosTarget } from '../target';
import { Fault, stressFault } from './_fault';
import { MAX_STRESS_WORKERS, STRESS_CPU_LOAD } from '../lint/admission/stress-chaos';
import { checkInteger } from './_validate';
import { ChaosExperiment, ChaosExperimentProps, chaosStep } from './base';
import { SelectorMode } from './selector-mode';

/** The CPU stressor, without timing. */
export interface CpuStressFaultOptions {
  /** The pods (and, if declared, containers) to stress; the selector comes from here. */
  readonly target: ChaosTarget;
  /** Percentage of one CPU each worker keeps busy (0 to 100). */
  readonly load: number;
  /**
   * Stressor processes (>= 1: Chaos Mesh 2.8.2 accepts 0 and then silently drops the stressor).
   *
   * @default 1
   */
  readonly workers?: number;
  /**
   * How many of the selected pods to stress.
   *
   * @default SelectorMode.ONE (the smallest blast radius)
   */
  readonly mode?: SelectorMode;
  /**
   * Containers to stress.
   *
   * @default - the target's containerNames, else none: Chaos Mesh 2.8.2 then stresses the first
   * container of each pod (`spec.containers[0]`)
   */
  readonly containerNames?: string[];
}

/** Props of {@link CpuStressExperiment}. */
export interface CpuStressExperimentProps extends CpuStressFaultOptions, ChaosExperimentProps {}

/** Builds and validates a CPU stress fault. (Internal to lib/experiments.) */
export function cpuStressFault(owner: string, options: CpuStressFaultOptions): Fault {
  const workers = options.workers ?? 1;
  checkInteger(owner, 'workers', workers, 1, MAX_STRESS_WORKERS);
  checkInteger(owner, 'load', options.load, STRESS_CPU_LOAD.min, STRESS_CPU_LOAD.max);
  return stressFault(owner, options, 'CPU stress', () => ({ cpu: { workers, load: options.load } }));
}

/**
 * A StressChaos CPU stressor against a target.
 *
 * @example
 * new CpuStressExperiment(chart, 'podinfo-cpu', {
 *   target: podinfo, load: 80, workers: 2, duration: GoDuration.minutes(2),
 * });
 */
export class CpuStressExperiment extends ChaosExperiment {
  /** Percentage of one CPU each worker keeps busy. */
  public readonly load: number;
  /** Stressor processes. */
  public readonly workers: number;

  public constructor(scope: Construct, id: string, props: CpuStressExperimentProps) {
    super(scope, id, props, chaosStep('CpuStressExperiment', scope, id, props, cpuStressFault));
    this.load = props.load;
    this.workers = props.workers ?? 1;
  }
}
