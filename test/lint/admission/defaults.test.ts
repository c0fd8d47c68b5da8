import { KubeObject } from '../../../lib/kube-object';
import { applyAdmissionDefaults } from '../../../lib/lint/admission/defaults';

const sel = { namespaces: ['podinfo'], labelSelectors: { app: 'podinfo' } };
const chaos = (kind: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'chaos-mesh.org/v1alpha1', kind, metadata: { name: 'x', namespace: 'chaos-testing' }, spec });

describe('applyAdmissionDefaults (the mutating webhook)', () => {
  test('fills the empty values the Default methods and default tags fill, on a copy', () => {
    const obj = chaos('NetworkChaos', { action: 'delay', mode: 'one', selector: sel, direction: '', delay: { latency: '1ms', jitter: '', correlation: '', reorder: { reorder: '1', correlation: '' } }, loss: { loss: '1', correlation: '' } });
    const before = JSON.stringify(obj);
    const out = applyAdmissionDefaults(obj);
    expect(JSON.stringify(obj)).toBe(before);
    expect(out).not.toBe(obj);
    expect(out.spec).toMatchObject({ direction: 'to', delay: { jitter: '0ms', correlation: '0', reorder: { correlation: '0' } }, loss: { correlation: '0' } });
    expect(applyAdmissionDefaults(out)).toBe(out);
  });

  test('returns the object itself when no default applies (absent fields stay absent)', () => {
    const obj = chaos('NetworkChaos', { action: 'delay', mode: 'one', selector: sel, delay: { latency: '1ms' } });
    expect(applyAdmissionDefaults(obj)).toBe(obj);
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: 1 } } as KubeObject;
    expect(applyAdmissionDefaults(deployment)).toBe(deployment);
  });

  test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['StatusCheck', { type: 'HTTP', mode: '' }, { mode: 'Synchronous' }],
    ['TimeChaos', { timeOffset: '1m', clockIds: [] }, { clockIds: ['CLOCK_REALTIME'] }],
    ['JVMChaos', { action: 'gc', port: 0 }, { port: 9277 }],
    ['PhysicalMachineChaos', { action: 'vm', address: ['', '10.0.0.1:31767', 'https://pm'] }, { address: ['http://', 'http://10.0.0.1:31767', 'https://pm'] }],
    ['BlockChaos', { action: 'delay', delay: { latency: '1ms', jitter: '', correlation: '' } }, { delay: { jitter: '0ms', correlation: '0' } }],
  ])('%s', (kind, spec, expected) => {
    expect(applyAdmissionDefaults(chaos(kind, spec)).spec).toMatchObject(expected);
  });

  test('embedded specs are defaulted where they sit: Schedule, Workflow templates, Schedule templates, Workflows in Schedules', () => {
    const net = () => ({ action: 'delay', mode: 'one', selector: sel, direction: '', delay: { latency: '1ms' } });
    const check = { type: 'HTTP', mode: '', http: { url: 'http://x/', criteria: { statusCode: '200' } } };
    const workflow = { entry: 'a', templates: [
      { name: 'a', templateType: 'NetworkChaos', networkChaos: net() },
      { name: 'b', templateType: 'Schedule', schedule: { type: 'NetworkChaos', networkChaos: net() } },
      { name: 'c', templateType: 'StatusCheck', statusCheck: check },
    ] };
    const out = applyAdmissionDefaults(chaos('Schedule', { type: 'Workflow', networkChaos: net(), workflow }));
    expect(out.spec).toMatchObject({
      networkChaos: { direction: 'to' },
      workflow: { templates: [{ networkChaos: { direction: 'to' } }, { schedule: { networkChaos: { direction: 'to' } } }, { statusCheck: { mode: 'Synchronous' } }] },
    });
  });
});
