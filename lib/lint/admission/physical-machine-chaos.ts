import { parsePhysicalMachineSize } from '../../units';
import { Issue, quote } from '../_issue';
import { fieldPath } from '../../_field-path';
import { isRecord } from '../../_json';
import { goParseFloat32 } from './_go-number';
import { checkGoDuration, DefaultWriter, unitReason, WEBHOOK } from './_common';

/** PhysicalMachineChaos actions in Chaos Mesh 2.8.2 (the CRD enum); each reads the block of the same name. */
export const PHYSICAL_MACHINE_CHAOS_ACTIONS = [
  'stress-cpu', 'stress-mem', 'disk-read-payload', 'disk-write-payload', 'disk-fill', 'network-corrupt', 'network-duplicate',
  'network-loss', 'network-delay', 'network-partition', 'network-dns', 'network-bandwidth', 'network-flood', 'network-down',
  'process', 'jvm-exception', 'jvm-gc', 'jvm-latency', 'jvm-return', 'jvm-stress', 'jvm-rule-data', 'jvm-mysql', 'clock',
  'redis-expiration', 'redis-penetration', 'redis-cacheLimit', 'redis-restart', 'redis-stop', 'kafka-fill', 'kafka-flood',
  'kafka-io', 'file-create', 'file-modify', 'file-delete', 'file-rename', 'file-append', 'file-replace', 'vm', 'user_defined',
] as const;

/** The `direction` of a `network-partition` (validateNetworkPartitionAction accepts only these). */
export const MACHINE_PARTITION_DIRECTIONS = ['to', 'from'] as const;

/**
 * The `ip-protocol` values of the machine network actions, as the CRD documents them. Open at
 * admission (no check in Go); chaosd refuses another one when it injects.
 */
export const MACHINE_IP_PROTOCOLS = ['tcp', 'udp', 'icmp', 'all'] as const;

type Block = Record<string, unknown>;
/** One action's check: Go's validateXxxAction, returning its error text. */
type ActionCheck = (b: Block) => string | undefined;

const has = (b: Block, key: string) => b[key] !== undefined && b[key] !== null && b[key] !== '' && b[key] !== 0 && b[key] !== false;
const required = (...keys: string[]): ActionCheck => (b) => keys.map((k) => (has(b, k) ? undefined : `${k} is required`)).find(Boolean);
const all = (...checks: ActionCheck[]): ActionCheck => (b) => checks.map((c) => c(b)).find(Boolean);

/** CheckPercent: empty passes only where zero is allowed; else a float32 in [0, 100] (and not 0 unless allowed). */
function percentOk(value: unknown, allowZero: boolean): boolean {
  if (value === undefined || value === null || value === '') return allowZero;
  if (typeof value !== 'string') return true; // a schema finding
  const parsed = goParseFloat32(value);
  if (!parsed.ok) return false;
  if (parsed.value === 0 && !allowZero) return false;
  return parsed.value >= 0 && parsed.value <= 100;
}

/** validateStressMemAction / validateDisk*Action: a size ParseUnit reads. */
const size: ActionCheck = (b) => {
  if (!has(b, 'size')) return 'size is required';
  if (typeof b.size !== 'string') return undefined;
  try {
    parsePhysicalMachineSize(b.size);
    return undefined;
  } catch (err) {
    return unitReason(err);
  }
};
/** CheckPid: a pid is required and not negative. */
const pid: ActionCheck = (b) => (typeof b.pid === 'number' && b.pid < 0 ? 'pid is invalid' : has(b, 'pid') ? undefined : 'pid is required');
/** validateNetworkCommon: correlation a percentage (empty allowed), device required. */
const networkCommon: ActionCheck = (b) => (!percentOk(b.correlation, true) ? `correlation ${quote(b.correlation)} is invalid` : has(b, 'device') ? undefined : 'device is required');
const networkPercent: ActionCheck = all(networkCommon, (b) => (percentOk(b.percent, false) ? undefined : 'percent is invalid'));
const tcpFlags: ActionCheck = (b) => (has(b, 'accept-tcp-flags') && b['ip-protocol'] !== 'tcp' ? "protocol should be 'tcp' when set accept-tcp-flags" : undefined);
const jvmClassMethod = all(pid, required('class', 'method'));
const redisCommon = (b: Block) => (has(b, 'addr') ? undefined : 'addr of redis server is required');
const kafkaCommon = required('host', 'port');

/** The per-action checks of (*PhysicalMachineChaosSpec).Validate, physical_machine_chaos_webhook.go. */
const ACTION_CHECKS: Readonly<Record<string, ActionCheck>> = {
  // validateStressCPUAction
  'stress-cpu': (b) => (!has(b, 'load') ? "load can't be 0" : !has(b, 'workers') ? "workers can't be 0" : undefined),
  // validateStressMemAction
  'stress-mem': size,
  // validateDiskPayloadAction
  'disk-read-payload': all((b) => (has(b, 'payload-process-num') ? undefined : "payload-process-num can't be 0"), size),
  'disk-write-payload': all((b) => (has(b, 'payload-process-num') ? undefined : "payload-process-num can't be 0"), size),
  // validateDiskFillAction
  'disk-fill': size,
  // validateNetworkCorruptAction / DuplicateAction / LossAction
  'network-corrupt': networkPercent,
  'network-duplicate': networkPercent,
  'network-loss': networkPercent,
  // validateNetworkDelayAction
  'network-delay': all(networkCommon, (b) => (has(b, 'latency') ? undefined : 'latency is invalid'), tcpFlags),
  // validateNetworkPartitionAction
  'network-partition': all(required('device'), (b) => (has(b, 'ip-address') || has(b, 'hostname') ? undefined : 'one of ip-address and hostname is required'),
    (b) => ((MACHINE_PARTITION_DIRECTIONS as readonly unknown[]).includes(b.direction) ? undefined : "direction should be one of 'to' and 'from'"), tcpFlags),
  // validateNetworkBandwidthAction
  'network-bandwidth': all(required('device'), (b) => (has(b, 'rate') && has(b, 'limit') && has(b, 'buffer') ? undefined : 'rate, limit and buffer both are required when action is bandwidth')),
  // validateNetworkDNSAction
  'network-dns': (b) => (has(b, 'dns-domain-name') !== has(b, 'dns-ip') ? `DNS host ${quote(b['dns-domain-name'] ?? '')} must match a DNS ip ${quote(b['dns-ip'] ?? '')}` : undefined),
  // validateNetworkFlood
  'network-flood': required('ip-address', 'port', 'rate', 'duration'),
  // validateNetworkDownAction
  'network-down': required('device', 'duration'),
  // validateProcessAction
  'process': (b) => (!has(b, 'process') ? 'process is required' : !has(b, 'signal') ? 'signal is required' : undefined),
  // validateJVMExceptionAction, GCAction, LatencyAction, ReturnAction, StressAction, RuleDataAction, MySQLAction
  'jvm-exception': all(jvmClassMethod, (b) => (has(b, 'exception') ? undefined : 'exception is required')),
  'jvm-gc': pid,
  'jvm-latency': all(jvmClassMethod, (b) => (has(b, 'latency') ? undefined : 'latency is required')),
  'jvm-return': all(jvmClassMethod, (b) => (has(b, 'value') ? undefined : 'value is required')),
  'jvm-stress': all(pid, (b) => (!has(b, 'cpu-count') && !has(b, 'mem-type') ? 'one of cpu-count and mem-type is required'
    : has(b, 'cpu-count') && has(b, 'mem-type') ? 'inject stress on both CPU and memory is not support' : undefined)),
  'jvm-rule-data': all(pid, (b) => (has(b, 'rule-data') ? undefined : 'rule-data is required')),
  'jvm-mysql': all(pid, (b) => (has(b, 'mysqlConnectorVersion') ? undefined : 'MySQL connector version not provided'),
    (b) => (has(b, 'exception') || has(b, 'latency') ? undefined : 'must set one of exception or latency')),
  // validateClockAction
  'clock': all(pid, (b) => (has(b, 'time-offset') ? undefined : 'time-offset is required')),
  // validateRedisExpirationAction: as written in 2.8.2, it refuses the four valid options and passes any other.
  'redis-expiration': all(redisCommon, (b) => (['XX', 'NX', 'GT', 'LT'].includes(String(b.option ?? '')) ? 'option invalid' : undefined)),
  // validateRedisCacheLimitAction: a percent needs cacheSize "0" written out.
  'redis-cacheLimit': all(redisCommon, (b) => ((b.cacheSize ?? '') !== '0' && (b.percent ?? '') !== '' ? 'only one of size and percent can be set' : undefined)),
  // validateRedisPenetrationAction, SentinelStopAction, SentinelRestartAction
  'redis-penetration': all(redisCommon, (b) => (has(b, 'requestNum') ? undefined : 'requestNum is required')),
  'redis-stop': redisCommon,
  'redis-restart': all(redisCommon, (b) => (has(b, 'conf') ? undefined : 'conf is required to restart the sentinel')),
  // validateKafkaFillAction, FloodAction, IOAction
  'kafka-fill': all(kafkaCommon, (b) => (has(b, 'maxBytes') ? undefined : 'max bytes is required'), (b) => (has(b, 'reloadCommand') ? undefined : 'reload command is required')),
  'kafka-flood': all(kafkaCommon, (b) => (has(b, 'threads') ? undefined : 'threads is required')),
  'kafka-io': (b) => (b.nonReadable === true || b.nonWritable === true ? undefined : 'at least one of non-readable or non-writable is required'),
  // validateFileCreateAction, ModifyPrivilegeAction, DeleteAction, RenameAction, AppendAction, ReplaceAction
  'file-create': (b) => (has(b, 'file-name') || has(b, 'dir-name') ? undefined : 'one of file-name and dir-name is required'),
  'file-modify': (b) => (!has(b, 'file-name') ? 'file name is required' : !has(b, 'privilege') ? 'file privilege is required' : undefined),
  'file-delete': (b) => (has(b, 'file-name') || has(b, 'dir-name') ? undefined : 'one of file-name and dir-name is required'),
  'file-rename': (b) => (has(b, 'source-file') && has(b, 'dest-file') ? undefined : 'both source file and destination file are required'),
  'file-append': (b) => (!has(b, 'file-name') ? 'file-name is required' : !has(b, 'data') ? 'append data is required' : undefined),
  'file-replace': (b) => (!has(b, 'file-name') ? 'file-name is required' : has(b, 'origin-string') && has(b, 'dest-string') ? undefined : 'both origin and destination string are required'),
  // validateUserDefinedAction
  'user_defined': (b) => (!has(b, 'attackCmd') ? 'attack command not provided' : !has(b, 'recoverCmd') ? 'recover command not provided' : undefined),
};

/**
 * (*PhysicalMachineChaosSpec).Default: every address not starting with "http" gets "http://"
 * in front (it also draws a random uid, which nothing validates and the copy leaves out).
 */
export function defaultPhysicalMachineChaosSpec(spec: Record<string, unknown>, w: DefaultWriter): void {
  if (!Array.isArray(spec.address)) return;
  spec.address.forEach((a, i) => {
    if (typeof a === 'string' && !a.startsWith('http')) w.set(spec.address as unknown[], i, `http://${a}`);
  });
}

/**
 * What the 2.8.2 webhook refuses in a PhysicalMachineChaos spec ((*PhysicalMachineChaosSpec).
 * Validate): no block for the action, neither or both of `address` and `selector`, and the
 * action's own checks (required parameters, sizes, percentages, pids). The selector's mode and
 * value are not checked: a PhysicalMachineSelector is not a PodSelector. The mutating webhook
 * prefixes every address with "http://" first, so an empty address passes.
 */
export function physicalMachineChaosSpecIssues(spec: Record<string, unknown>, at: string): Issue[] {
  const out: Issue[] = [];
  const action = typeof spec.action === 'string' ? spec.action : '';
  const block = spec[action];
  if (action !== '' && (block === undefined || block === null)) {
    // "the configuration corresponding to action is required": the action's block is absent.
    out.push({ path: fieldPath(at, action), message: `action ${quote(action)} needs its ${action} block; ${WEBHOOK} refuses it ("the configuration corresponding to action is required").`, fix: `Add ${action}: {...} with the parameters of the action.` });
  }
  const addresses = Array.isArray(spec.address) ? spec.address : [];
  const selectorSet = isRecord(spec.selector) && Object.values(spec.selector).some((v) => v !== null && v !== undefined && (typeof v !== 'object' || Object.keys(v).length > 0));
  if (addresses.length === 0 && !selectorSet) {
    out.push({ path: fieldPath(at, 'address'), message: `a PhysicalMachineChaos needs address or selector; ${WEBHOOK} refuses it ("one of address or selector should be specified").`, fix: 'List the chaosd addresses in address, or select PhysicalMachine objects with selector.' });
  } else if (addresses.length > 0 && selectorSet) {
    out.push({ path: fieldPath(at, 'address'), message: `a PhysicalMachineChaos takes address or selector, not both; ${WEBHOOK} refuses it ("only one of address or selector could be specified").`, fix: 'Keep address or selector, and remove the other.' });
  }
  const check = ACTION_CHECKS[action];
  if (check && isRecord(block)) {
    const problem = check(block);
    if (problem) out.push({ path: fieldPath(at, action), message: `${action}: ${problem}; ${WEBHOOK} refuses it.`, fix: `Complete the ${action} block (see the Chaos Mesh PhysicalMachineChaos documentation for its parameters).` });
  }
  checkGoDuration(spec.duration, fieldPath(at, 'duration'), out);
  return out;
}
