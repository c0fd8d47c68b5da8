import { Construct } from 'constructs';
import { CronSchedule, GoDuration } from '../units';
import { EMBED_KEYS, Fault, ownerOf } from './_fault';
import { MIN_SCHEDULE_HISTORY_LIMIT } from '../lint/admission/schedule';
import { checkInteger, fail } from './_validate';
import { ChaosExperiment, ExperimentOptions, FaultStep } from './base';
import { CpuStressFaultOptions, cpuStressFault } from './cpu-stress';
import { MemoryStressFaultOptions, memoryStressFault } from './memory-stress';
import { NetworkChaosFaultOptions, networkChaosFault } from './network-chaos';
import { PodChaosFaultOptions, podChaosFault } from './pod-chaos';

/** How long each scheduled run of a fault lasts. */
export interface ScheduledRunOptions {
  /**
   * How long each run lasts (`duration` of the scheduled chaos). Required except for pod-kill and
   * container-kill, which act once.
   *
   * @default - none (only for one-shot actions)
   */
  readonly duration?: GoDuration;
}

/** The chaos a {@link BoundedSchedule} repeats: one of the experiment faults, plus a run duration. */
export class ScheduledFault {
  /** Repeat a pod-kill, pod-failure or container-kill. */
  public static podChaos(options: PodChaosFaultOptions & ScheduledRunOptions): ScheduledFault {
    return new ScheduledFault((owner) => podChaosFault(owner, options), options.duration);
  }

  /** Repeat a network fault (each run needs a duration). */
  public static networkChaos(options: NetworkChaosFaultOptions & ScheduledRunOptions): ScheduledFault {
    return new ScheduledFault((owner) => networkChaosFault(owner, options), options.duration);
  }

  /** Repeat a memory stressor (each run needs a duration). */
  public static memoryStress(options: MemoryStressFaultOptions & ScheduledRunOptions): ScheduledFault {
    return new ScheduledFault((owner) => memoryStressFault(owner, options), options.duration);
  }

  /** Repeat a CPU stressor (each run needs a duration). */
  public static cpuStress(options: CpuStressFaultOptions & ScheduledRunOptions): ScheduledFault {
    return new ScheduledFault((owner) => cpuStressFault(owner, options), options.duration);
  }

  private constructor(
    private readonly build: (owner: string) => Fault,
    /** Duration of each run. */
    public readonly duration: GoDuration | undefined,
  ) {}

  /** Validates the fault for its schedule (errors name the schedule). @internal */
  public _bind(owner: string): Fault {
    const fault = this.build(owner);
    if (this.duration === undefined && !fault.oneShot) {
      fail(owner, `fault duration is required for ${fault.action} in a schedule: each scheduled run lasts that long `
        + '(e.g. ScheduledFault.networkChaos({ ..., duration: GoDuration.minutes(1) })).');
    }
    if (this.duration !== undefined && !this.duration.isPositive()) {
      fail(owner, `fault duration "${this.duration.text}" must be a positive duration.`);
    }
    return fault;
  }
}

/** What a bounded schedule repeats, when, and until when (a {@link BoundedSchedule}, or a GameDay step). */
export interface BoundedScheduleOptions {
  /**
   * When runs start: cron with optional seconds, as Chaos Mesh 2.8.2 parses it
   * (`"*\/30 * * * * *"`, `"@every 1m"`).
   *
   * @see https://chaos-mesh.org/docs/define-scheduling-rules/
   */
  readonly schedule: string;
  /** When the whole schedule stops: the Workflow `Schedule` template's deadline. */
  readonly deadline: GoDuration;
  /** The chaos each run creates. */
  readonly fault: ScheduledFault;
  /**
   * How many finished runs Chaos Mesh keeps (>= 1, so the last runs can be inspected).
   *
   * @default 5 (the reference validation's value)
   */
  readonly historyLimit?: number;
}

/** Props of {@link BoundedSchedule}. */
export interface BoundedScheduleProps extends BoundedScheduleOptions, ExperimentOptions {}

/**
 * The Schedule template of a bounded schedule, validated (errors name `owner`): the step a
 * {@link BoundedSchedule} or a GameDay runs. (Internal to lib/experiments.)
 */
export function scheduleStep(owner: string, props: BoundedScheduleOptions): FaultStep {
  if (!(props.fault instanceof ScheduledFault)) {
    fail(owner, 'fault must be a ScheduledFault (e.g. ScheduledFault.podChaos({...})).');
  }
  const fault = props.fault._bind(owner);
  try {
    CronSchedule.parse(props.schedule);
  } catch (e) {
    fail(owner, `schedule "${props.schedule}" is not a cron expression Chaos Mesh accepts (${(e as Error).message}); `
      + 'use 5 or 6 fields (seconds first) or a descriptor such as "@every 30s".');
  }
  if (props.deadline === undefined) {
    fail(owner, 'deadline is required: it is what stops the schedule (e.g. deadline: GoDuration.minutes(5)).');
  }
  const historyLimit = props.historyLimit ?? 5;
  checkInteger(owner, 'historyLimit', historyLimit, MIN_SCHEDULE_HISTORY_LIMIT);
  const embedKey = EMBED_KEYS[fault.kind];
  const runDuration = props.fault.duration;
  return {
    owner,
    target: fault.target,
    standaloneKind: undefined,
    templateType: 'Schedule',
    embedKey: 'schedule',
    oneShot: false,
    action: `a schedule of ${fault.action}`,
    length: props.deadline,
    lengthProp: 'deadline',
    renderBody: () => ({
      schedule: props.schedule,
      type: fault.kind,
      historyLimit,
      concurrencyPolicy: 'Forbid',
      [embedKey]: {
        ...fault.renderSpec(),
        ...(runDuration === undefined ? {} : { duration: runDuration.text }),
      },
    }),
  };
}

/**
 * A schedule that stops by itself: a Workflow whose `Schedule` template has a deadline (a bare
 * Schedule runs until someone deletes it, which the reference validation had to do by hand).
 * Runs never overlap (`concurrencyPolicy: Forbid`). With phases, the Schedule template is the
 * fault phase between baseline and recovery.
 *
 * @example
 * new BoundedSchedule(chart, 'podinfo-kill', {
 *   schedule: '*\/30 * * * * *', deadline: GoDuration.minutes(5), historyLimit: 5,
 *   fault: ScheduledFault.podChaos({ target: podinfo, action: PodChaosAction.POD_KILL,
 *     mode: SelectorMode.ONE, gracePeriod: GoDuration.seconds(0) }),
 * });
 */
export class BoundedSchedule extends ChaosExperiment {
  /** The cron text, as written. */
  public readonly schedule: string;
  /** The deadline that stops the schedule. */
  public readonly deadline: GoDuration;
  /** Duration of each run (undefined for one-shot actions). */
  public readonly runDuration?: GoDuration;

  public constructor(scope: Construct, id: string, props: BoundedScheduleProps) {
    super(scope, id, props, scheduleStep(ownerOf('BoundedSchedule', scope, id), props));
    this.schedule = props.schedule;
    this.deadline = props.deadline;
    this.runDuration = props.fault.duration;
  }
}
