import { Construct } from 'constructs';
import type { ChaosTarget } from '../target';
import { ChaosKind, Fault, podFault } from './_fault';
import { ChaosExperiment, ChaosExperimentProps, chaosStep } from './base';
import { SelectorMode } from './selector-mode';

/**
 * Which kernel allocation a KernelChaos fails (`failKernRequest.failtype`). The fault is
 * injected into the node's kernel (BPF), so it reaches every process on the node: rule CM013.
 *
 * @see https://chaos-mesh.org/docs/simulate-kernel-chaos-on-kubernetes/
 */
export enum KernelFailType {
  /** Slab allocations (`should_failslab`). */
  SLAB = 0,
  /** Page allocations (`should_fail_alloc_page`). */
  PAGE = 1,
  /** Block I/O (`should_fail_bio`). */
  BIO = 2,
}

/** Props of {@link KernelChaosExperiment}. */
export interface KernelChaosExperimentProps extends ChaosExperimentProps {
  /** The pods whose kernel calls fail; the selector comes from here. */
  readonly target: ChaosTarget;
  readonly failType: KernelFailType;
  /**
   * Only calls through this chain of kernel functions, outermost first (e.g. `ext4_mount`, then
   * `mount_subtree`), each optionally with a predicate over its parameters.
   *
   * @default - every call
   */
  readonly callchain?: ReadonlyArray<{
    readonly funcname: string;
    /** The function's parameters, as C (`struct dentry *parent, const struct qstr *name`). */
    readonly parameters?: string;
    /** A condition over them (`STRNCMP(name->name, "bananas", 8)`). */
    readonly predicate?: string;
  }>;
  /** Kernel headers the predicates need (`linux/mmzone.h`). @default - none */
  readonly headers?: string[];
  /** Percentage of matching calls that fail (0 to 100). @default - omitted: Chaos Mesh's default */
  readonly probability?: number;
  /** Fail at most this many times. @default - omitted: no limit */
  readonly times?: number;
  /**
   * How many of the selected pods to hit.
   *
   * @default SelectorMode.ONE (the smallest blast radius)
   */
  readonly mode?: SelectorMode;
  /**
   * Containers whose calls fail.
   *
   * @default - the target's containerNames, else none: Chaos Mesh 2.8.2 injects into the first container
   */
  readonly containerNames?: string[];
}

/** Builds and validates the fault (shared with a GameDay step). (Internal to lib/experiments.) */
export function kernelChaosFault(owner: string, props: KernelChaosExperimentProps): Fault {
  return podFault(owner, ChaosKind.KERNEL_CHAOS, props, 'kernel fault', {
    failKernRequest: {
      failtype: props.failType,
      callchain: props.callchain?.map((frame) => ({ ...frame })),
      headers: props.headers && [...props.headers],
      probability: props.probability,
      times: props.times,
    },
  }, {
    'failKernRequest.failtype': 'failType', 'failKernRequest.callchain': 'callchain', 'failKernRequest.headers': 'headers',
    'failKernRequest.probability': 'probability', 'failKernRequest.times': 'times',
  });
}

/**
 * A KernelChaos: kernel allocations (slab, page, block I/O) fail for the target's processes.
 *
 * @example
 * new KernelChaosExperiment(chart, 'slab-failures', {
 *   target: podinfo, failType: KernelFailType.SLAB, probability: 1, times: 10, duration: GoDuration.minutes(1),
 * });
 */
export class KernelChaosExperiment extends ChaosExperiment {
  /** What fails. */
  public readonly failType: KernelFailType;

  public constructor(scope: Construct, id: string, props: KernelChaosExperimentProps) {
    super(scope, id, props, chaosStep('KernelChaosExperiment', scope, id, props, kernelChaosFault));
    this.failType = props.failType;
  }
}
