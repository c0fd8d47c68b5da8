import type { GoDuration } from '../units';
import { Fault } from './_fault';
import { fail } from './_validate';
import { awsChaosFault, AwsChaosExperimentProps } from './aws-chaos';
import { azureChaosFault, AzureChaosExperimentProps } from './azure-chaos';
import { ChaosExperimentProps, FaultStep, faultStep } from './base';
import { blockChaosFault, BlockChaosExperimentProps } from './block-chaos';
import { BoundedScheduleOptions, scheduleStep } from './bounded-schedule';
import { CpuStressFaultOptions, cpuStressFault } from './cpu-stress';
import { dnsChaosFault, DnsChaosExperimentProps } from './dns-chaos';
import { gcpChaosFault, GcpChaosExperimentProps } from './gcp-chaos';
import { httpChaosFault, HttpChaosExperimentProps } from './http-chaos';
import { ioChaosFault, IoChaosExperimentProps } from './io-chaos';
import { jvmChaosFault, JvmChaosExperimentProps } from './jvm-chaos';
import { kernelChaosFault, KernelChaosExperimentProps } from './kernel-chaos';
import { MemoryStressFaultOptions, memoryStressFault } from './memory-stress';
import { NetworkChaosFaultOptions, networkChaosFault } from './network-chaos';
import { physicalMachineChaosFault, PhysicalMachineChaosExperimentProps } from './physical-machine-chaos';
import { PodChaosFaultOptions, podChaosFault } from './pod-chaos';
import { timeChaosFault, TimeChaosExperimentProps } from './time-chaos';

/** What every GameDay step takes besides its fault. */
export interface GameDayStepOptions {
  /**
   * The step's name: its probe phase is `step-<N>-<name>` and its Workflow template too. A
   * lowercase DNS label of at most 40 characters, unique within the GameDay.
   *
   * @default - the fault's action (`pod-kill`, `network-delay`, `memory-stress`); `pause-<K>` for the K-th pause; `parallel-<K>` for the K-th parallel step
   */
  readonly name?: string;
}

/** What a fault step takes besides the kind's own props: how long the step lasts. */
export interface GameDayFaultOptions extends GameDayStepOptions {
  /**
   * How long the fault lasts: its Workflow template's `deadline`; the next step starts after it.
   * Required for every fault, one-shot pod-kill included (the step's window is what the probe
   * measures).
   */
  readonly duration: GoDuration;
}

/** A kind's experiment props without the experiment-wide options (name, safeguards, phases...) that the GameDay holds once. */
export type GameDayFaultProps<P extends ChaosExperimentProps> = Omit<P, keyof ChaosExperimentProps> & GameDayFaultOptions;

/** A step as the GameDay lays it out. (Internal to lib/experiments.) @hidden */
export type BoundGameDayStep =
  | { readonly type: 'fault'; readonly name: string; readonly fault: FaultStep }
  | { readonly type: 'pause'; readonly name: string; readonly length: GoDuration }
  | { readonly type: 'parallel'; readonly name: string; readonly faults: readonly { readonly name: string; readonly fault: FaultStep }[] };

/** What a factory was given, bound later (errors then name the GameDay and the step). @hidden */
type Spec =
  | { readonly type: 'fault'; readonly name?: string; build(owner: string): { step: FaultStep; action: string } }
  | { readonly type: 'pause'; readonly name?: string; readonly length: GoDuration }
  | { readonly type: 'parallel'; readonly name?: string; readonly faults: readonly GameDayStep[] };

/**
 * One step of a {@link GameDay}: a fault of any kind, with the same props as its experiment class
 * (`GameDayStep.podChaos({...})` takes what `new PodChaosExperiment(...)` takes, minus the
 * experiment-wide options) and its own duration; a bounded schedule; a pause; or faults run in
 * parallel. Steps run one after the other.
 *
 * @example
 * GameDayStep.memoryStress({ target: podinfo, size: StressSize.megabytes(512), duration: GoDuration.minutes(2) })
 */
export class GameDayStep {
  /** A pod-kill, pod-failure or container-kill. */
  public static podChaos(props: PodChaosFaultOptions & GameDayFaultOptions): GameDayStep {
    return GameDayStep.fault(props, (owner) => podChaosFault(owner, props));
  }

  /** A network fault (delay, loss, partition, bandwidth...). */
  public static networkChaos(props: NetworkChaosFaultOptions & GameDayFaultOptions): GameDayStep {
    return GameDayStep.fault(props, (owner) => networkChaosFault(owner, props));
  }

  /** A memory stressor (the guard then checks the target's live memory limit). */
  public static memoryStress(props: MemoryStressFaultOptions & GameDayFaultOptions): GameDayStep {
    return GameDayStep.fault(props, (owner) => memoryStressFault(owner, props));
  }

  /** A CPU stressor. */
  public static cpuStress(props: CpuStressFaultOptions & GameDayFaultOptions): GameDayStep {
    return GameDayStep.fault(props, (owner) => cpuStressFault(owner, props));
  }

  /** An IOChaos fault. */
  public static ioChaos(props: GameDayFaultProps<IoChaosExperimentProps>): GameDayStep {
    return GameDayStep.fault(props, (owner) => ioChaosFault(owner, props));
  }

  /** A TimeChaos clock skew. */
  public static timeChaos(props: GameDayFaultProps<TimeChaosExperimentProps>): GameDayStep {
    return GameDayStep.fault(props, (owner) => timeChaosFault(owner, props));
  }

  /** A DNSChaos fault. */
  public static dnsChaos(props: GameDayFaultProps<DnsChaosExperimentProps>): GameDayStep {
    return GameDayStep.fault(props, (owner) => dnsChaosFault(owner, props));
  }

  /** An HTTPChaos fault. */
  public static httpChaos(props: GameDayFaultProps<HttpChaosExperimentProps>): GameDayStep {
    return GameDayStep.fault(props, (owner) => httpChaosFault(owner, props));
  }

  /** A JVMChaos fault. */
  public static jvmChaos(props: GameDayFaultProps<JvmChaosExperimentProps>): GameDayStep {
    return GameDayStep.fault(props, (owner) => jvmChaosFault(owner, props));
  }

  /** A KernelChaos fault (CM013: acknowledge it on the GameDay). */
  public static kernelChaos(props: GameDayFaultProps<KernelChaosExperimentProps>): GameDayStep {
    return GameDayStep.fault(props, (owner) => kernelChaosFault(owner, props));
  }

  /** A BlockChaos fault. */
  public static blockChaos(props: GameDayFaultProps<BlockChaosExperimentProps>): GameDayStep {
    return GameDayStep.fault(props, (owner) => blockChaosFault(owner, props));
  }

  /** A PhysicalMachineChaos fault. */
  public static physicalMachineChaos(props: GameDayFaultProps<PhysicalMachineChaosExperimentProps>): GameDayStep {
    return GameDayStep.fault(props, (owner) => physicalMachineChaosFault(owner, props));
  }

  /** An AWSChaos fault. */
  public static awsChaos(props: GameDayFaultProps<AwsChaosExperimentProps>): GameDayStep {
    return GameDayStep.fault(props, (owner) => awsChaosFault(owner, props));
  }

  /** A GCPChaos fault. */
  public static gcpChaos(props: GameDayFaultProps<GcpChaosExperimentProps>): GameDayStep {
    return GameDayStep.fault(props, (owner) => gcpChaosFault(owner, props));
  }

  /** An AzureChaos fault. */
  public static azureChaos(props: GameDayFaultProps<AzureChaosExperimentProps>): GameDayStep {
    return GameDayStep.fault(props, (owner) => azureChaosFault(owner, props));
  }

  /**
   * A bounded schedule (as a {@link BoundedSchedule}'s props): the step lasts its `deadline`.
   * Its default name is the scheduled fault's action.
   */
  public static schedule(props: BoundedScheduleOptions & GameDayStepOptions): GameDayStep {
    return new GameDayStep({
      type: 'fault',
      name: props.name,
      build: (owner) => {
        const step = scheduleStep(owner, props);
        return { step, action: step.action.replace(/^a schedule of /, '') };
      },
    });
  }

  /** Nothing injected for `length`: time for the service to recover before the next step. */
  public static pause(length: GoDuration, options: GameDayStepOptions = {}): GameDayStep {
    return new GameDayStep({ type: 'pause', name: options.name, length });
  }

  /**
   * Faults that run at the same time, each with its own duration (the step lasts the longest).
   * Meant for faults on different workloads: faults that could reach the same pods and together
   * leave no replica serving are refused by rule CM007.
   */
  public static parallel(faults: readonly GameDayStep[], options: GameDayStepOptions = {}): GameDayStep {
    return new GameDayStep({ type: 'parallel', name: options.name, faults: [...faults] });
  }

  private static fault(props: GameDayFaultOptions, build: (owner: string) => Fault): GameDayStep {
    return new GameDayStep({
      type: 'fault',
      name: props.name,
      build: (owner) => {
        const fault = build(owner);
        if (props.duration === undefined) {
          fail(owner, `duration is required: it is how long the step's ${fault.action} lasts (its template deadline), `
            + 'e.g. duration: GoDuration.minutes(2).');
        }
        return { step: faultStep(owner, fault, props.duration), action: fault.action };
      },
    });
  }

  private constructor(private readonly spec: Spec) {}

  /**
   * Validates the step (errors name `owner`, e.g. `GameDay "chart/id" steps[2]`); `counters`
   * numbers the default names of pauses and parallel steps. @internal
   */
  public _bind(owner: string, counters: { pause: number; parallel: number }): BoundGameDayStep {
    const spec = this.spec;
    switch (spec.type) {
      case 'pause':
        return { type: 'pause', name: spec.name ?? `pause-${++counters.pause}`, length: spec.length };
      case 'parallel': {
        const name = spec.name ?? `parallel-${++counters.parallel}`;
        if (spec.faults.length < 2) {
          fail(owner, `GameDayStep.parallel "${name}" has ${spec.faults.length} fault${spec.faults.length === 1 ? '' : 's'}: `
            + 'give it at least two (a single fault is a step of its own).');
        }
        const faults = spec.faults.map((f, i) => {
          if (!(f instanceof GameDayStep) || f.spec.type !== 'fault') {
            return fail(owner, `GameDayStep.parallel "${name}" faults[${i}] must be a fault step (GameDayStep.podChaos({...}), `
              + 'GameDayStep.schedule({...}), ...), not a pause or another parallel step.');
          }
          const built = f.spec.build(`${owner} faults[${i}]`);
          return { name: f.spec.name ?? actionName(built.action), fault: built.step };
        });
        return { type: 'parallel', name, faults };
      }
      default: {
        const built = spec.build(owner);
        return { type: 'fault', name: spec.name ?? actionName(built.action), fault: built.step };
      }
    }
  }
}

/** `memory stress` -> `memory-stress`: a fault's action as a default step name (at most 40 characters). */
function actionName(action: string): string {
  return action.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 40).replace(/^-+|-+$/g, '') || 'fault';
}
