import { Construct } from 'constructs';
import type { ChaosTarget } from '../target';
import { StressSize } from '../units';
import { Fault, stressFault } from './_fault';
import { MAX_STRESS_WORKERS, STRESS_OOM_SCORE_ADJ } from '../lint/admission/stress-chaos';
import { checkInteger, fail } from './_validate';
import { ChaosExperiment, ChaosExperimentProps, chaosStep } from './base';
import { SelectorMode } from './selector-mode';

/** The memory stressor, without timing. */
export interface MemoryStressFaultOptions {
  /** The pods (and, if declared, containers) to stress; the selector comes from here. */
  readonly target: ChaosTarget;
  /**
   * Total memory the stressor allocates, over all workers (what the 2.8.2 memStress daemon does).
   * Rule CM002 bounds it to 2 x the target's smallest memory limit; a percentage is refused by
   * CM001 (2.8.2 takes it of the node's memory).
   */
  readonly size: StressSize;
  /**
   * Stressor processes (>= 1: Chaos Mesh 2.8.2 accepts 0 and then silently drops the stressor).
   *
   * @default 1
   */
  readonly workers?: number;
  /**
   * How many of the selected pods to stress.
   *
   * @default SelectorMode.ONE (the smallest blast radius; rule CM007 refuses reaching all replicas)
   */
  readonly mode?: SelectorMode;
  /**
   * OOM score of the stressor process (-1000 to 1000).
   *
   * @default - omitted (Chaos Mesh's default)
   */
  readonly oomScoreAdj?: number;
  /**
   * Containers to stress.
   *
   * @default - the target's containerNames, else none: Chaos Mesh 2.8.2 then stresses the first
   * container of each pod (`spec.containers[0]`)
   */
  readonly containerNames?: string[];
}

/** Props of {@link MemoryStressExperiment}. */
export interface MemoryStressExperimentProps extends MemoryStressFaultOptions, ChaosExperimentProps {}

/** Builds and validates a memory stress fault. (Internal to lib/experiments.) */
export function memoryStressFault(owner: string, options: MemoryStressFaultOptions): Fault {
  if (!(options.size instanceof StressSize)) {
    fail(owner, 'size must be a StressSize (e.g. StressSize.megabytes(512) or StressSize.parse("512MB")).');
  }
  const workers = options.workers ?? 1;
  checkInteger(owner, 'workers', workers, 1, MAX_STRESS_WORKERS);
  if (options.oomScoreAdj !== undefined) checkInteger(owner, 'oomScoreAdj', options.oomScoreAdj, STRESS_OOM_SCORE_ADJ.min, STRESS_OOM_SCORE_ADJ.max);
  return stressFault(owner, options, 'memory stress', () => ({
    memory: {
      workers,
      size: options.size.text,
      ...(options.oomScoreAdj === undefined ? {} : { oomScoreAdj: options.oomScoreAdj }),
    },
  }));
}

/**
 * A StressChaos memory stressor against a target whose memory limit is known.
 *
 * @example
 * new MemoryStressExperiment(chart, 'podinfo-memory-stress', {
 *   target: podinfo, size: StressSize.parse('512MB'), workers: 1, duration: GoDuration.parse('2m'),
 * });
 */
export class MemoryStressExperiment extends ChaosExperiment {
  /** Total memory the stressor allocates. */
  public readonly size: StressSize;
  /** Stressor processes. */
  public readonly workers: number;

  public constructor(scope: Construct, id: string, props: MemoryStressExperimentProps) {
    super(scope, id, props, chaosStep('MemoryStressExperiment', scope, id, props, memoryStressFault));
    this.size = props.size;
    this.workers = props.workers ?? 1;
  }

  /** The target's smallest memory limit (Kubernetes quantity) the stressor is bounded by, when known. */
  public get memoryLimit(): string | undefined {
    return this.target.memoryLimit;
  }
}
