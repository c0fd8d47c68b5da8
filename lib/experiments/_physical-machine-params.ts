/**
 * Parameters of the PhysicalMachineChaos actions on the machine itself (stress, disk, network,
 * processes, clock, files, VMs, commands), one prop per action named after it. Field names
 * follow the CRD in camelCase; `renderPhysicalMachineParams` finds the CRD's own spelling.
 * Applications on the machine (JVM, Redis, Kafka): `_physical-machine-app-params.ts`.
 */
import type { MACHINE_IP_PROTOCOLS, MACHINE_PARTITION_DIRECTIONS } from '../lint/admission/physical-machine-chaos';
import { GoDuration } from '../units';
import { BandwidthRate } from './bandwidth-rate';
import { TimeOffset } from './time-offset';
import type { PhysicalMachineAppParams } from './_physical-machine-app-params';

/** Which traffic a network action on a machine affects (every field narrows it). */
export interface MachineTrafficFilter {
  /** The network interface, e.g. `eth0`. @default - chaosd's default interface */
  readonly device?: string;
  /** Only traffic to these host names (comma-separated). @default - any host */
  readonly hostname?: string;
  /** Only traffic to these IP addresses or CIDRs (comma-separated). @default - any address */
  readonly ipAddress?: string;
  /** Only this protocol. @default 'all' */
  readonly ipProtocol?: (typeof MACHINE_IP_PROTOCOLS)[number];
  /** Only traffic to these destination ports (`80,8080` or `8000-8080`). @default - any port */
  readonly egressPort?: string;
  /** Only traffic from these source ports. @default - any port */
  readonly sourcePort?: string;
}

/** A percentage of packets, with an optional correlation with the previous packet (both 0-100). */
export interface MachinePacketShare extends MachineTrafficFilter {
  readonly percent: number;
  /** @default - none */
  readonly correlation?: number;
}

/** Reading or writing a payload with dd. */
export interface MachineDiskPayload {
  /** File to read or write. @default - a temporary file */
  readonly path?: string;
  /** Amount, with a dd unit (`1G`, `500M`, `512kB`). */
  readonly size: string;
  /** dd processes (1-255; the 2.8.2 webhook refuses leaving it out). */
  readonly payloadProcessNum: number;
}

/** Every action's parameters: give exactly the one named after the action. */
export interface PhysicalMachineParams extends PhysicalMachineAppParams {
  /** STRESS_CPU: stress-ng CPU workers. @default - none */
  readonly stressCpu?: {
    /** Percent load per worker (0-100). */
    readonly load: number;
    readonly workers: number;
    /** Extra stress-ng options. @default - none */
    readonly options?: string[];
  };
  /** STRESS_MEM: stress-ng memory workers. @default - none */
  readonly stressMem?: {
    /** Memory per worker (`512MB`, `50%` of the machine). */
    readonly size: string;
    /** Extra stress-ng options. @default - none */
    readonly options?: string[];
  };
  /** DISK_READ_PAYLOAD. @default - none */
  readonly diskReadPayload?: MachineDiskPayload;
  /** DISK_WRITE_PAYLOAD. @default - none */
  readonly diskWritePayload?: MachineDiskPayload;
  /** DISK_FILL: fill a file system. @default - none */
  readonly diskFill?: {
    readonly size: string;
    /** @default - a temporary file */
    readonly path?: string;
    /** Reserve with fallocate instead of writing. @default false */
    readonly fillByFallocate?: boolean;
  };
  /** NETWORK_CORRUPT. @default - none */
  readonly networkCorrupt?: MachinePacketShare;
  /** NETWORK_DUPLICATE. @default - none */
  readonly networkDuplicate?: MachinePacketShare;
  /** NETWORK_LOSS. @default - none */
  readonly networkLoss?: MachinePacketShare;
  /** NETWORK_DELAY. @default - none */
  readonly networkDelay?: MachineTrafficFilter & {
    readonly latency: GoDuration;
    /** @default - none */
    readonly jitter?: GoDuration;
    /** Percent (0-100). @default - none */
    readonly correlation?: number;
    /** Only TCP packets with these flags pass (`SYN,ACK SYN`). @default - any */
    readonly acceptTcpFlags?: string;
  };
  /** NETWORK_PARTITION. @default - none */
  readonly networkPartition?: Omit<MachineTrafficFilter, 'egressPort' | 'sourcePort'> & {
    /** `to`: packets to the address; `from`: packets from it. */
    readonly direction: (typeof MACHINE_PARTITION_DIRECTIONS)[number];
    /** @default - any */
    readonly acceptTcpFlags?: string;
  };
  /** NETWORK_DNS: answer DNS lookups wrongly. @default - none */
  readonly networkDns?: {
    /** Map this host name ... @default - none */
    readonly dnsDomainName?: string;
    /** ... to this IP address. @default - none */
    readonly dnsIp?: string;
    /** Use this DNS server in /etc/resolv.conf. @default - unchanged */
    readonly dnsServer?: string;
  };
  /** NETWORK_BANDWIDTH. @default - none */
  readonly networkBandwidth?: Omit<MachineTrafficFilter, 'ipProtocol' | 'egressPort' | 'sourcePort'> & {
    readonly rate: BandwidthRate;
    /** Bytes that can queue (>= 1). */
    readonly limit: number;
    /** Bucket size in bytes (>= 1). */
    readonly buffer: number;
    /** @default - none */
    readonly peakrate?: number;
    /** @default - none */
    readonly minburst?: number;
  };
  /** NETWORK_FLOOD: generate traffic with iperf. @default - none */
  readonly networkFlood?: {
    /** iperf rate (`10mbps`). */
    readonly rate: BandwidthRate;
    /** How long iperf runs, in seconds as text (`"30"`). */
    readonly duration: string;
    readonly ipAddress: string;
    readonly port: string;
    /** @default 1 */
    readonly parallel?: number;
  };
  /** NETWORK_DOWN: take an interface down. @default - none */
  readonly networkDown?: {
    readonly device: string;
    /** How long the interface stays down. */
    readonly duration: GoDuration;
  };
  /** PROCESS: signal a process. @default - none */
  readonly process?: {
    /** Process name or PID. */
    readonly process: string;
    /** Signal number (9 kills, 15 terminates, 19 stops). */
    readonly signal: number;
    /** Command run when the experiment recovers. @default - none */
    readonly recoverCmd?: string;
  };
  /** CLOCK: shift a process's clock. @default - none */
  readonly clock?: {
    readonly pid: number;
    readonly timeOffset: TimeOffset;
    /** Comma-separated clock ids (`CLOCK_REALTIME,CLOCK_MONOTONIC`). @default - CLOCK_REALTIME */
    readonly clockIdsSlice?: string;
  };
  /** FILE_CREATE: a file or a directory. @default - none */
  readonly fileCreate?: { readonly fileName?: string; readonly dirName?: string };
  /** FILE_MODIFY: change a file's permission bits. @default - none */
  readonly fileModify?: { readonly fileName: string; readonly privilege: number };
  /** FILE_DELETE: a file or a directory. @default - none */
  readonly fileDelete?: { readonly fileName?: string; readonly dirName?: string };
  /** FILE_RENAME. @default - none */
  readonly fileRename?: { readonly sourceFile: string; readonly destFile: string };
  /** FILE_APPEND: append data `count` times. @default - none */
  readonly fileAppend?: { readonly fileName: string; readonly data: string; /** @default 1 */ readonly count?: number };
  /** FILE_REPLACE: replace a string (on one line, or everywhere). @default - none */
  readonly fileReplace?: {
    readonly fileName: string;
    readonly originString: string;
    readonly destString: string;
    /** @default - every line */
    readonly line?: number;
  };
  /** VM: stop a virtual machine. @default - none */
  readonly vm?: { readonly vmName: string };
  /** USER_DEFINED: run a command, and another to recover. @default - none */
  readonly userDefined?: { readonly attackCmd: string; readonly recoverCmd: string };
}
