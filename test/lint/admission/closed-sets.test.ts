import { KubeObject } from '../../../lib/kube-object';
import { AWS_CHAOS_ACTIONS } from '../../../lib/lint/admission/aws-chaos';
import { AZURE_CHAOS_ACTIONS } from '../../../lib/lint/admission/azure-chaos';
import { BLOCK_CHAOS_ACTIONS } from '../../../lib/lint/admission/block-chaos';
import { DNS_CHAOS_ACTIONS } from '../../../lib/lint/admission/dns-chaos';
import { GCP_CHAOS_ACTIONS } from '../../../lib/lint/admission/gcp-chaos';
import { HTTP_CHAOS_TARGETS } from '../../../lib/lint/admission/http-chaos';
import { IO_CHAOS_ACTIONS } from '../../../lib/lint/admission/io-chaos';
import { JVM_CHAOS_ACTIONS } from '../../../lib/lint/admission/jvm-chaos';
import { BANDWIDTH_LIMIT, BANDWIDTH_MINBURST, NETWORK_CHAOS_ACTIONS } from '../../../lib/lint/admission/network-chaos';
import { PHYSICAL_MACHINE_CHAOS_ACTIONS } from '../../../lib/lint/admission/physical-machine-chaos';
import { POD_CHAOS_ACTIONS } from '../../../lib/lint/admission/pod-chaos';
import { MIN_SCHEDULE_HISTORY_LIMIT } from '../../../lib/lint/admission/schedule';
import { STATUS_CHECK_MODES } from '../../../lib/lint/admission/status-check';
import { schemaIssues } from '../../../lib/lint/schema/check-schema';

/**
 * The closed sets the admission modules export (and constructors import) are the pinned CRDs'
 * enums: a value outside the set is refused by the compiled schema, and every value in it passes.
 */
const SETS: [kind: string, field: string, values: readonly string[], base: Record<string, unknown>][] = [
  ['PodChaos', 'action', POD_CHAOS_ACTIONS, { mode: 'one', selector: {} }],
  ['NetworkChaos', 'action', NETWORK_CHAOS_ACTIONS, { mode: 'one', selector: {} }],
  ['IOChaos', 'action', IO_CHAOS_ACTIONS, { mode: 'one', selector: {}, volumePath: '/data' }],
  ['DNSChaos', 'action', DNS_CHAOS_ACTIONS, { mode: 'one', selector: {} }],
  ['HTTPChaos', 'target', HTTP_CHAOS_TARGETS, { mode: 'one', selector: {} }],
  ['JVMChaos', 'action', JVM_CHAOS_ACTIONS, { mode: 'one', selector: {} }],
  ['BlockChaos', 'action', BLOCK_CHAOS_ACTIONS, { mode: 'one', selector: {}, volumeName: 'data' }],
  ['PhysicalMachineChaos', 'action', PHYSICAL_MACHINE_CHAOS_ACTIONS, { mode: 'one' }],
  ['AWSChaos', 'action', AWS_CHAOS_ACTIONS, { awsRegion: 'r', ec2Instance: 'i' }],
  ['GCPChaos', 'action', GCP_CHAOS_ACTIONS, { project: 'p', zone: 'z', instance: 'i' }],
  ['AzureChaos', 'action', AZURE_CHAOS_ACTIONS, { subscriptionID: 's', resourceGroupName: 'g', vmName: 'v' }],
  ['StatusCheck', 'mode', STATUS_CHECK_MODES, { type: 'HTTP', http: { url: 'http://x/', criteria: { statusCode: '200' } } }],
];

const object = (kind: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'chaos-mesh.org/v1alpha1', kind, metadata: { name: 'x', namespace: 'chaos-testing' }, spec });

describe.each(SETS)('%s %s', (kind, field, values, base) => {
  test('every value of the exported set passes the CRD schema', () => {
    for (const value of values) {
      expect(schemaIssues(object(kind, { ...base, [field]: value })).filter((i) => i.path === `spec.${field}`)).toEqual([]);
    }
  });

  test('a value outside the set is refused by the CRD enum, which lists exactly the set', () => {
    const [issue] = schemaIssues(object(kind, { ...base, [field]: 'not-a-value' })).filter((i) => i.path === `spec.${field}`);
    expect(issue?.message).toBeDefined();
    for (const value of values) expect(issue.message).toContain(`"${value}"`);
    expect((issue.message.match(/"[^"]+"/g) ?? []).filter((q) => q !== '"not-a-value"')).toHaveLength(values.length);
  });
});

/**
 * The numeric limits the admission modules export (and constructors import) are the pinned CRDs'
 * bounds: the smallest and largest value pass the compiled schema, one step outside is refused.
 */
describe.each<[string, string, { readonly min: number; readonly max?: number }, Record<string, unknown>]>([
  ['NetworkChaos', 'bandwidth.limit', BANDWIDTH_LIMIT, { action: 'bandwidth', mode: 'one', selector: {}, bandwidth: { rate: '1mbps', limit: 1, buffer: 1 } }],
  ['NetworkChaos', 'bandwidth.buffer', BANDWIDTH_LIMIT, { action: 'bandwidth', mode: 'one', selector: {}, bandwidth: { rate: '1mbps', limit: 1, buffer: 1 } }],
  ['NetworkChaos', 'bandwidth.minburst', BANDWIDTH_MINBURST, { action: 'bandwidth', mode: 'one', selector: {}, bandwidth: { rate: '1mbps', limit: 1, buffer: 1 } }],
  ['Schedule', 'historyLimit', { min: MIN_SCHEDULE_HISTORY_LIMIT }, { schedule: '@every 1m', type: 'PodChaos', podChaos: { action: 'pod-kill', mode: 'one', selector: {} } }],
])('%s %s', (kind, field, limit, base) => {
  const [block, key] = field.includes('.') ? field.split('.') : [undefined, field];
  const withValue = (value: number) => (block ? { ...base, [block]: { ...(base[block] as object), [key]: value } } : { ...base, [key]: value });
  const issuesAt = (value: number) => schemaIssues(object(kind, withValue(value))).filter((i) => i.path === `spec.${field}`);

  test('the exported bounds pass the CRD schema, one step outside them is refused', () => {
    expect(issuesAt(limit.min)).toEqual([]);
    expect(issuesAt(limit.min - 1)).not.toEqual([]);
    if (limit.max !== undefined) {
      expect(issuesAt(limit.max)).toEqual([]);
      expect(issuesAt(limit.max + 1)).not.toEqual([]);
    }
  });
});
