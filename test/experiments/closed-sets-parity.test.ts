import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  AwsChaosAction, AzureChaosAction, BlockChaosAction, DnsChaosAction, Errno, GcpChaosAction, IoChaosAction, JvmChaosAction,
  KernelFailType, NetworkChaosAction, PhysicalMachineChaosAction, PodChaosAction,
} from '../../lib';
import { ChaosKind } from '../../lib/experiments/_fault';
import { HttpChaosAction } from '../../lib/experiments/http-chaos';
import { SelectorModeType } from '../../lib/experiments/selector-mode';
import { chaosSpecIssues } from '../../lib/lint/admission/chaos-spec';
import { HTTP_CHAOS_METHODS, HTTP_CHAOS_TARGETS } from '../../lib/lint/admission/http-chaos';
import { IO_CHAOS_FILE_TYPES, IO_CHAOS_METHODS, IO_CHAOS_MISTAKE_FILLINGS } from '../../lib/lint/admission/io-chaos';
import { JVM_MEMORY_TYPES, JVM_MYSQL_CONNECTOR_VERSIONS, JVM_SQL_TYPES } from '../../lib/lint/admission/jvm-chaos';
import { NETWORK_DIRECTIONS } from '../../lib/lint/admission/network-chaos';
import { MACHINE_IP_PROTOCOLS, MACHINE_PARTITION_DIRECTIONS } from '../../lib/lint/admission/physical-machine-chaos';
import { STATUS_CHECK_MODES } from '../../lib/lint/admission/status-check';
import { TIME_CHAOS_CLOCK_IDS } from '../../lib/lint/admission/time-chaos';
import { CrdSchemas } from '../../lib/lint/schema/crd-schemas';
import { SchemaNode } from '../../lib/lint/schema/structural-validator';
import { StatusCheckMethod, StatusCheckMode } from '../../lib/probe/status-check';

/**
 * Every closed value set the constructors offer is the set Chaos Mesh 2.8.2 accepts for its field,
 * both ways: a value missing from the offer refuses what Chaos Mesh accepts, an extra one accepts
 * what it refuses. The reference is the compiled CRD schema (schemas/chaos-mesh-crds.json) where
 * the CRD has an `enum` (or integer bounds), else the set the admission module encodes from the
 * named Go function, exercised through the admission check itself. Sets Chaos Mesh leaves open
 * (no enum, no Go check) that the library deliberately narrows are listed in NARROWER with the
 * reason README.md gives.
 */
type Value = string | number;
/** The values an enum offers at runtime (a numeric enum also maps names back: skip those). */
const enumValues = (e: object): Value[] => Object.values(e).filter((v) => typeof v === 'number' || !(typeof (e as Record<string, unknown>)[v] === 'number'));

const crd = CrdSchemas.get();
/** The CRD schema at `Kind.spec.a.b` (a final `[]` steps into the array's items). */
function schemaAt(field: string): SchemaNode | undefined {
  const [kind, ...keys] = field.replace(/\[\]$/, '').split('.');
  const node = crd.field(kind, ...keys);
  return field.endsWith('[]') ? node?.items as SchemaNode | undefined : node;
}
/** The values the CRD accepts at `field`: its enum, or every integer of its bounds. */
function crdValues(field: string): Value[] | undefined {
  const node = schemaAt(field);
  if (Array.isArray(node?.enum)) return node.enum as Value[];
  const { minimum, maximum } = (node ?? {}) as { minimum?: number; maximum?: number };
  if (node?.type === 'integer' && minimum !== undefined && maximum !== undefined && maximum - minimum < 1000) {
    return Array.from({ length: maximum - minimum + 1 }, (_v, i) => minimum + i);
  }
  return undefined;
}

function difference(name: string, field: string, offered: readonly Value[], accepted: readonly Value[]): string | undefined {
  const missing = accepted.filter((v) => !offered.includes(v));
  const extra = offered.filter((v) => !accepted.includes(v));
  if (missing.length === 0 && extra.length === 0) return undefined;
  return `${name} differs from what Chaos Mesh 2.8.2 accepts at ${field}:`
    + (missing.length ? ` missing ${JSON.stringify(missing)} (refuses what Chaos Mesh accepts)` : '')
    + (extra.length ? ` extra ${JSON.stringify(extra)} (accepts what Chaos Mesh refuses)` : '');
}

/** Sets the CRD closes with an enum (or integer bounds): the offer must list exactly those. */
const MODE_KINDS = ['PodChaos', 'NetworkChaos', 'StressChaos', 'IOChaos', 'TimeChaos', 'DNSChaos', 'HTTPChaos', 'JVMChaos', 'KernelChaos', 'BlockChaos', 'PhysicalMachineChaos'];
const CRD_SETS: [name: string, offered: readonly Value[], field: string][] = [
  ['PodChaosAction', enumValues(PodChaosAction), 'PodChaos.spec.action'],
  ['NetworkChaosAction', enumValues(NetworkChaosAction), 'NetworkChaos.spec.action'],
  ['IoChaosAction', enumValues(IoChaosAction), 'IOChaos.spec.action'],
  ['DnsChaosAction', enumValues(DnsChaosAction), 'DNSChaos.spec.action'],
  ['JvmChaosAction', enumValues(JvmChaosAction), 'JVMChaos.spec.action'],
  ['BlockChaosAction', enumValues(BlockChaosAction), 'BlockChaos.spec.action'],
  ['PhysicalMachineChaosAction', enumValues(PhysicalMachineChaosAction), 'PhysicalMachineChaos.spec.action'],
  ['AwsChaosAction', enumValues(AwsChaosAction), 'AWSChaos.spec.action'],
  ['GcpChaosAction', enumValues(GcpChaosAction), 'GCPChaos.spec.action'],
  ['AzureChaosAction', enumValues(AzureChaosAction), 'AzureChaos.spec.action'],
  ...MODE_KINDS.map((kind): [string, Value[], string] => ['SelectorMode', enumValues(SelectorModeType), `${kind}.spec.mode`]),
  ['SelectorMode', enumValues(SelectorModeType), 'NetworkChaos.spec.target.mode'],
  ['KernelFailType', enumValues(KernelFailType), 'KernelChaos.spec.failKernRequest.failtype'],
  ['NetworkChaosExperimentProps.direction', NETWORK_DIRECTIONS, 'NetworkChaos.spec.direction'],
  ['HttpChaosExperimentProps.httpTarget', HTTP_CHAOS_TARGETS, 'HTTPChaos.spec.target'],
  ['IoChaosExperimentProps.mistake.filling', IO_CHAOS_MISTAKE_FILLINGS, 'IOChaos.spec.mistake.filling'],
  ['StatusCheckMode', enumValues(StatusCheckMode), 'StatusCheck.spec.mode'],
  ['StatusCheck modes of the admission check', STATUS_CHECK_MODES, 'StatusCheck.spec.mode'],
  ['StatusCheckMethod', enumValues(StatusCheckMethod), 'StatusCheck.spec.http.method'],
];

test('every chaos kind with a selector mode is in the table', () => {
  const withMode = Object.values(ChaosKind).filter((kind) => crd.field(kind, 'spec', 'mode') !== undefined);
  expect(withMode.sort()).toEqual([...MODE_KINDS].sort());
});

test.each(CRD_SETS.map(([name, offered, field]) => [name, field, offered] as const))('%s is the CRD enum at %s', (name, field, offered) => {
  const accepted = crdValues(field);
  if (accepted === undefined) throw new Error(`${name}: the CRD has no enum or integer bounds at ${field}; move the set to GO_SETS or NARROWER`);
  expect(difference(name, field, offered, accepted)).toBeUndefined();
});

/**
 * Sets the CRD leaves open (`type: string`) and a Go validation closes. The admission module
 * encodes the Go set once and the literal type derives from it. The set the Go function accepts is
 * pinned here (`goAccepts`, read from v2.8.2) so that a value added to or dropped from the one copy
 * fails; the admission check itself must agree: every offered value passes, another is refused.
 */
interface GoSet {
  readonly name: string;
  readonly offered: readonly Value[];
  /** The field and the Go function that closes it. */
  readonly field: string;
  readonly go: string;
  /** What that Go function accepts (v2.8.2). */
  readonly goAccepts: readonly Value[];
  /** A spec of `kind` that sets the field to `value`, valid otherwise. */
  readonly spec: (value: Value) => Record<string, unknown>;
  /** The path the admission check reports the field under. */
  readonly at: string;
}
const selector = { mode: 'one', selector: { namespaces: ['shop'] } };
const GO_SETS: GoSet[] = [
  {
    name: 'HttpChaosExperimentProps.method', offered: HTTP_CHAOS_METHODS, field: 'HTTPChaos.spec.method', go: '(*HTTPMethod).Validate', goAccepts: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT'], at: 'spec.method',
    spec: (method) => ({ ...selector, target: 'Request', port: 80, abort: true, method }),
  },
  {
    name: 'JvmChaosExperimentProps.memoryType', offered: JVM_MEMORY_TYPES, field: 'JVMChaos.spec.memType', go: '(*JVMChaosSpec).Validate', goAccepts: ['stack', 'heap'], at: 'spec.memType',
    spec: (memType) => ({ ...selector, action: 'stress', memType }),
  },
  {
    name: 'JvmChaosExperimentProps.mysql.connectorVersion', offered: JVM_MYSQL_CONNECTOR_VERSIONS, field: 'JVMChaos.spec.mysqlConnectorVersion', go: '(*JVMChaosSpec).Validate', goAccepts: ['5', '8'], at: 'spec.mysqlConnectorVersion',
    spec: (mysqlConnectorVersion) => ({ ...selector, action: 'mysql', mysqlConnectorVersion, errorMessage: 'boom' }),
  },
  {
    name: 'PhysicalMachineChaosExperimentProps.networkPartition.direction', offered: MACHINE_PARTITION_DIRECTIONS, field: 'PhysicalMachineChaos.spec.network-partition.direction', go: 'validateNetworkPartitionAction', goAccepts: ['to', 'from'], at: 'spec.network-partition',
    spec: (direction) => ({ mode: 'one', address: ['10.0.0.1:31767'], action: 'network-partition', 'network-partition': { device: 'eth0', hostname: 'db', direction } }),
  },
];

describe.each(GO_SETS)('$name (no CRD enum: $go)', (set) => {
  const kind = set.field.split('.')[0];
  const refusals = (value: Value) => chaosSpecIssues(kind, set.spec(value), 'spec').filter((i) => i.path.startsWith(set.at));

  test('the CRD leaves the field open, so the Go function is the reference', () => {
    expect(crdValues(set.field)).toBeUndefined();
    expect(schemaAt(set.field)?.type).toBe('string');
  });

  test('the offer is what the Go function accepts', () => {
    expect(difference(set.name, `${set.field} (${set.go})`, set.offered, set.goAccepts)).toBeUndefined();
  });

  test('every offered value passes the admission check, a value outside the offer is refused', () => {
    const refused = set.offered.filter((v) => refusals(v).length > 0);
    expect(refused.length ? `${set.name}: ${set.go} refuses ${JSON.stringify(refused)} at ${set.field}, which the constructors offer` : undefined).toBeUndefined();
    expect(refusals('not-in-the-set')).not.toEqual([]);
  });
});

/**
 * Sets deliberately narrower than Chaos Mesh's: the CRD leaves the field open and no Go function
 * closes it, so 2.8.2 accepts any value and fails (or injects nothing) only at injection. The
 * constructors offer the values the CRD documents, so a typo fails at compile time instead of
 * passing review; the escape hatch writes any other value. README.md ("Closed value sets") says so.
 */
const NARROWER: [name: string, offered: readonly Value[], field: string, reason: string][] = [
  ['methods', IO_CHAOS_METHODS, 'IOChaos.spec.methods[]', 'the calls toda intercepts; another name intercepts nothing'],
  ['attr.kind', IO_CHAOS_FILE_TYPES, 'IOChaos.spec.attr.kind', 'the Go FileType names; another one is not a file type'],
  ['clockIds', TIME_CHAOS_CLOCK_IDS, 'TimeChaos.spec.clockIds[]', 'the clocks the CRD lists; another id fails at injection'],
  ['mysql.sqlType', JVM_SQL_TYPES, 'JVMChaos.spec.sqlType', 'the SQL types the CRD lists; another one matches no statement'],
  ['ipProtocol', MACHINE_IP_PROTOCOLS, 'PhysicalMachineChaos.spec.network-delay.ip-protocol', 'the protocols the CRD lists; chaosd refuses another one at injection'],
  ['Errno', enumValues(Errno), 'IOChaos.spec.errno', 'names the common Linux error numbers; any other non-zero one is `n as Errno`'],
];

describe.each(NARROWER)('%s is narrower than Chaos Mesh, on purpose', (name, offered, field, reason) => {
  test('the CRD leaves the field open (else it belongs in CRD_SETS)', () => {
    expect(crdValues(field)).toBeUndefined();
    expect(['string', 'integer']).toContain(schemaAt(field)?.type);
    expect(offered.length).toBeGreaterThan(0);
    expect(reason).not.toBe('');
  });

  test('README.md names it among the deliberately narrower sets', () => {
    const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('Closed value sets'));
    expect(section.slice(0, 2000)).toContain(`\`${name}\``);
  });

  test('the lint refuses nothing Chaos Mesh accepts there', () => {
    const [kind, , ...rest] = field.replace(/\[\]/g, '').split('.');
    const value = typeof offered[0] === 'number' ? 4095 : 'not-in-the-set';
    const spec: Record<string, unknown> = { mode: 'one', selector: { namespaces: ['shop'] } };
    let at = spec;
    rest.slice(0, -1).forEach((key) => { at = (at[key] = {}) as Record<string, unknown>; });
    at[rest[rest.length - 1]] = field.includes('[]') ? [value] : value;
    expect(chaosSpecIssues(kind, spec, 'spec').filter((i) => i.path.startsWith(`spec.${rest[0]}`))).toEqual([]);
  });
});

/** HTTPChaos has no `action` field: each action is the spec field of that name (Go's PodHttpChaosActions). */
test('every HttpChaosAction is an HTTPChaos spec field', () => {
  const missing = enumValues(HttpChaosAction).filter((a) => crd.field('HTTPChaos', 'spec', String(a)) === undefined);
  expect(missing).toEqual([]);
});
