import { Construct } from 'constructs';
import type { IO_CHAOS_FILE_TYPES, IO_CHAOS_METHODS, IO_CHAOS_MISTAKE_FILLINGS } from '../lint/admission/io-chaos';
import type { ChaosTarget } from '../target';
import { GoDuration } from '../units';
import { ChaosKind, Fault, podFault } from './_fault';
import { checkActionProps } from './_action-props';
import { ChaosExperiment, ChaosExperimentProps, chaosStep } from './base';
import { SelectorMode } from './selector-mode';

/**
 * What an IOChaos does to file system calls under the volume (a FUSE layer between the
 * process and the volume).
 *
 * @see https://chaos-mesh.org/docs/simulate-io-chaos-on-kubernetes/
 */
export enum IoChaosAction {
  /** Delay the calls (`delay`). */
  LATENCY = 'latency',
  /** Fail the calls with an error number (`errno`). */
  FAULT = 'fault',
  /** Report other file attributes (`attr`). Overriding `size` moves where writes land: rule CM014. */
  ATTR_OVERRIDE = 'attrOverride',
  /** Return wrong data on reads and writes (`mistake`). Corrupted writes stay corrupted: rule CM014. */
  MISTAKE = 'mistake',
}

/** Error numbers a `fault` returns (Linux values), by name. */
export enum Errno {
  EPERM = 1,
  ENOENT = 2,
  EINTR = 4,
  EIO = 5,
  ENXIO = 6,
  EBADF = 9,
  EAGAIN = 11,
  ENOMEM = 12,
  EACCES = 13,
  EFAULT = 14,
  EBUSY = 16,
  EEXIST = 17,
  ENODEV = 19,
  ENOTDIR = 20,
  EISDIR = 21,
  EINVAL = 22,
  ENFILE = 23,
  EMFILE = 24,
  EFBIG = 27,
  ENOSPC = 28,
  ESPIPE = 29,
  EROFS = 30,
  EMLINK = 31,
  ENAMETOOLONG = 36,
  ENOSYS = 38,
  ENOTEMPTY = 39,
  ELOOP = 40,
  ENODATA = 61,
  ETIMEDOUT = 110,
  EDQUOT = 122,
}

/**
 * File system calls an IOChaos can intercept (`methods`).
 * @inline
 */
export type IoMethod = (typeof IO_CHAOS_METHODS)[number];

/**
 * File types an `attrOverride` can report (`attr.kind`).
 * @inline
 */
export type IoFileType = (typeof IO_CHAOS_FILE_TYPES)[number];

/**
 * What a `mistake` fills wrong data with: `'zero'` or `'random'`.
 * @inline
 */
export type IoMistakeFilling = (typeof IO_CHAOS_MISTAKE_FILLINGS)[number];

/** Props of {@link IoChaosExperiment}. */
export interface IoChaosExperimentProps extends ChaosExperimentProps {
  /** The pods whose volume gets the fault; the selector comes from here. */
  readonly target: ChaosTarget;
  readonly action: IoChaosAction;
  /** Mount path of the volume inside the container (`volumePath`), e.g. `/var/lib/data`. */
  readonly volumePath: string;
  /**
   * Files affected, a glob under the volume (`path`).
   *
   * @default - every file of the volume
   */
  readonly path?: string;
  /**
   * Percentage of calls affected (0 to 100).
   *
   * @default - omitted: Chaos Mesh uses 100
   */
  readonly percent?: number;
  /**
   * Calls affected.
   *
   * @default - every call
   */
  readonly methods?: IoMethod[];
  /** LATENCY only (required): how long each call is delayed. @default - none */
  readonly delay?: GoDuration;
  /** FAULT only (required): the error number the calls return. @default - none */
  readonly errno?: Errno;
  /** ATTR_OVERRIDE only (required): the attributes reported instead of the real ones. @default - none */
  readonly attr?: {
    readonly ino?: number;
    readonly size?: number;
    readonly blocks?: number;
    readonly atime?: Date;
    readonly mtime?: Date;
    readonly ctime?: Date;
    readonly kind?: IoFileType;
    /** Permission bits, e.g. `0o444`. */
    readonly perm?: number;
    readonly nlink?: number;
    readonly uid?: number;
    readonly gid?: number;
    readonly rdev?: number;
  };
  /** MISTAKE only (required): how much wrong data, and what it is. @default - none */
  readonly mistake?: {
    readonly filling: IoMistakeFilling;
    /** Up to this many wrong segments per call (>= 1). */
    readonly maxOccurrences: number;
    /** Bytes per wrong segment, at most (>= 1). */
    readonly maxLength: number;
  };
  /**
   * How many of the selected pods to hit.
   *
   * @default SelectorMode.ONE (the smallest blast radius)
   */
  readonly mode?: SelectorMode;
  /**
   * Containers whose view of the volume changes.
   *
   * @default - the target's containerNames, else none: Chaos Mesh 2.8.2 injects into the first container
   */
  readonly containerNames?: string[];
}

/**
 * The prop each action reads. `errno` is left to the admission check ("errno 0 is not
 * supported"); the others are required here because 2.8.2 accepts the action without them and
 * then injects nothing.
 */
const ACTION_PROPS = {
  [IoChaosAction.LATENCY]: 'delay',
  [IoChaosAction.FAULT]: { optional: ['errno'] },
  [IoChaosAction.ATTR_OVERRIDE]: 'attr',
  [IoChaosAction.MISTAKE]: 'mistake',
} as const;

function timespec(date: Date | undefined): { sec: number; nsec: number } | undefined {
  if (date === undefined) return undefined;
  const ms = date.getTime();
  return { sec: Math.floor(ms / 1000), nsec: (ms % 1000 + 1000) % 1000 * 1_000_000 };
}

/** Builds and validates the fault (shared with a GameDay step). (Internal to lib/experiments.) */
export function ioChaosFault(owner: string, props: IoChaosExperimentProps): Fault {
  checkActionProps(owner, 'IOChaos', IoChaosAction, ACTION_PROPS, props);
  const a = props.attr;
  const attr = a && {
    ...a, atime: timespec(a.atime), mtime: timespec(a.mtime), ctime: timespec(a.ctime),
  };
  return podFault(owner, ChaosKind.IO_CHAOS, props, `IO ${props.action}`, {
    action: props.action,
    volumePath: props.volumePath,
    path: props.path,
    percent: props.percent,
    methods: props.methods && [...props.methods],
    delay: props.delay?.text,
    errno: props.errno,
    attr,
    mistake: props.mistake && { ...props.mistake },
  });
}

/**
 * An IOChaos: delays, errors, wrong attributes or wrong data on a volume's file system calls.
 *
 * @example
 * new IoChaosExperiment(chart, 'data-errors', {
 *   target: db, action: IoChaosAction.FAULT, volumePath: '/var/lib/data', errno: Errno.EIO, percent: 50,
 *   duration: GoDuration.minutes(2),
 * });
 */
export class IoChaosExperiment extends ChaosExperiment {
  /** The action performed. */
  public readonly action: IoChaosAction;

  public constructor(scope: Construct, id: string, props: IoChaosExperimentProps) {
    super(scope, id, props, chaosStep('IoChaosExperiment', scope, id, props, ioChaosFault));
    this.action = props.action;
  }
}
