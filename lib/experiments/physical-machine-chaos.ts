import { Construct } from 'constructs';
import { CrdSchemas } from '../lint/schema/crd-schemas';
import type { ChaosTarget } from '../target';
import { GoDuration } from '../units';
import { ChaosKind, Fault, outOfPodFault } from './_fault';
import { checkActionProps } from './_action-props';
import { PhysicalMachineParams } from './_physical-machine-params';
import { checkDnsLabel, checkLabels, fail } from './_validate';
import { ChaosExperiment, ChaosExperimentProps, chaosStep } from './base';
import { SelectorMode } from './selector-mode';

/**
 * What a PhysicalMachineChaos does on the selected machines (through chaosd). The blast radius
 * is a whole machine: rule CM013.
 *
 * @see https://chaos-mesh.org/docs/simulate-physical-machine-chaos/
 */
export enum PhysicalMachineChaosAction {
  STRESS_CPU = 'stress-cpu', STRESS_MEM = 'stress-mem',
  DISK_READ_PAYLOAD = 'disk-read-payload', DISK_WRITE_PAYLOAD = 'disk-write-payload', DISK_FILL = 'disk-fill',
  NETWORK_CORRUPT = 'network-corrupt', NETWORK_DUPLICATE = 'network-duplicate', NETWORK_LOSS = 'network-loss',
  NETWORK_DELAY = 'network-delay', NETWORK_PARTITION = 'network-partition', NETWORK_DNS = 'network-dns',
  NETWORK_BANDWIDTH = 'network-bandwidth', NETWORK_FLOOD = 'network-flood', NETWORK_DOWN = 'network-down',
  PROCESS = 'process',
  JVM_EXCEPTION = 'jvm-exception', JVM_GC = 'jvm-gc', JVM_LATENCY = 'jvm-latency', JVM_RETURN = 'jvm-return',
  JVM_STRESS = 'jvm-stress', JVM_RULE_DATA = 'jvm-rule-data', JVM_MYSQL = 'jvm-mysql',
  CLOCK = 'clock',
  REDIS_EXPIRATION = 'redis-expiration', REDIS_PENETRATION = 'redis-penetration', REDIS_CACHE_LIMIT = 'redis-cacheLimit',
  REDIS_RESTART = 'redis-restart', REDIS_STOP = 'redis-stop',
  KAFKA_FILL = 'kafka-fill', KAFKA_FLOOD = 'kafka-flood', KAFKA_IO = 'kafka-io',
  FILE_CREATE = 'file-create', FILE_MODIFY = 'file-modify', FILE_DELETE = 'file-delete', FILE_RENAME = 'file-rename',
  FILE_APPEND = 'file-append', FILE_REPLACE = 'file-replace',
  VM = 'vm',
  USER_DEFINED = 'user_defined',
}

/** Props of {@link PhysicalMachineChaosExperiment}: the action, and the parameters named after it. */
export interface PhysicalMachineChaosExperimentProps extends ChaosExperimentProps, PhysicalMachineParams {
  /**
   * The service whose steady state the probe and guard watch while the machines suffer the
   * fault (not written into the chaos spec: the fault selects machines, not pods).
   */
  readonly target: ChaosTarget;
  /**
   * The `PhysicalMachine` objects (registered chaosd instances) to act on: in one namespace,
   * by labels or by names.
   */
  readonly machines: {
    readonly namespace: string;
    /** @default - give names */
    readonly labels?: Readonly<Record<string, string>>;
    /** @default - give labels */
    readonly names?: string[];
  };
  readonly action: PhysicalMachineChaosAction;
  /**
   * How many of the selected machines to hit.
   *
   * @default SelectorMode.ONE (the smallest blast radius)
   */
  readonly mode?: SelectorMode;
}

/** `network-delay` -> `networkDelay`: the prop that holds an action's parameters. */
function paramProp(action: string): string {
  return action.replace(/[-_]([a-zA-Z])/g, (_m, c: string) => c.toUpperCase());
}

/** The prop each action reads (that it is given, and complete, is the admission check's to say). */
const ACTION_PROPS = Object.fromEntries(Object.values(PhysicalMachineChaosAction).map((a) => [a, { optional: [paramProp(a)] }]));

/** Builds and validates the fault (shared with a GameDay step). (Internal to lib/experiments.) */
export function physicalMachineChaosFault(owner: string, props: PhysicalMachineChaosExperimentProps): Fault {
  checkActionProps(owner, 'PhysicalMachineChaos', PhysicalMachineChaosAction, ACTION_PROPS, props);
  const m = props.machines;
  checkDnsLabel(owner, 'machines.namespace', m?.namespace);
  if ((m.labels === undefined) === (m.names === undefined)) {
    fail(owner, 'machines needs exactly one of labels or names (the PhysicalMachine objects to act on).');
  }
  if (m.labels) checkLabels(owner, 'machines.labels', m.labels);
  if (m.names && m.names.length === 0) fail(owner, 'machines.names is empty: name at least one PhysicalMachine.');
  const selector = m.labels
    ? { namespaces: [m.namespace], labelSelectors: { ...m.labels } }
    : { physicalMachines: { [m.namespace]: [...m.names!] } };
  const action = props.action;
  const prop = paramProp(action);
  let params = (props as unknown as Record<string, Record<string, unknown> | undefined>)[prop];
  // validateRedisCacheLimitAction (2.8.2) accepts a percent only next to cacheSize "0".
  if (action === PhysicalMachineChaosAction.REDIS_CACHE_LIMIT && params?.percent !== undefined) params = { cacheSize: '0', ...params };
  const spec = params && renderSpec(owner, action, prop, params);
  return outOfPodFault(owner, ChaosKind.PHYSICAL_MACHINE_CHAOS, props.target, `machine ${action}`, {
    action,
    ...(props.mode ?? SelectorMode.ONE).toSpec(),
    selector,
    [action]: spec,
  }, { [action]: prop, selector: 'machines' });
}

/** An action's parameters under the CRD's own field names, values as the CRD types them. */
function renderSpec(owner: string, action: string, prop: string, params: Record<string, unknown>): Record<string, unknown> {
  const crd = CrdSchemas.get();
  const kind = ChaosKind.PHYSICAL_MACHINE_CHAOS;
  const byNorm = new Map(Object.keys(crd.field(kind, 'spec', action)?.properties ?? {})
    .filter((k) => !CREDENTIAL_FIELDS.has(k)).map((k) => [norm(k), k]));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    const field = byNorm.get(norm(key));
    if (field === undefined) {
      fail(owner, `${prop}.${key} is not a parameter of action "${action}" (allowed: ${[...byNorm.values()].map(paramProp).join(', ')}; `
        + 'passwords are never offered: everything here is committed to Git).');
    }
    out[field] = crdValue(value, crd.field(kind, 'spec', action, field)?.type);
  }
  return out;
}

/** CRD fields that would put a credential into the manifest (Redis and Kafka passwords). */
const CREDENTIAL_FIELDS = new Set(['password']);

const norm = (key: string) => key.replace(/[-_]/g, '').toLowerCase();

function crdValue(value: unknown, type: unknown): unknown {
  if (value instanceof GoDuration) return type === 'integer' ? value.toMilliseconds() : value.text;
  if (typeof value === 'number' && type === 'string') return String(value);
  if (Array.isArray(value)) return [...value];
  if (value !== null && typeof value === 'object' && 'text' in value) return (value as { text: string }).text;
  return value;
}

/**
 * A PhysicalMachineChaos: one of chaosd's 39 actions (stress, disk, network, processes, JVM,
 * clock, Redis, Kafka, files, VMs, commands) on registered machines, while the probe and guard
 * watch `target`.
 *
 * @example
 * new PhysicalMachineChaosExperiment(chart, 'db-host-latency', {
 *   target: podinfo, machines: { namespace: 'machines', labels: { role: 'db' } },
 *   action: PhysicalMachineChaosAction.NETWORK_DELAY,
 *   networkDelay: { device: 'eth0', latency: GoDuration.millis(100) },
 *   duration: GoDuration.minutes(2),
 * });
 */
export class PhysicalMachineChaosExperiment extends ChaosExperiment {
  /** The action performed. */
  public readonly action: PhysicalMachineChaosAction;

  public constructor(scope: Construct, id: string, props: PhysicalMachineChaosExperimentProps) {
    super(scope, id, props, chaosStep('PhysicalMachineChaosExperiment', scope, id, props, physicalMachineChaosFault));
    this.action = props.action;
  }
}
