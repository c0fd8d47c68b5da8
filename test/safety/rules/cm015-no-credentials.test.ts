import { checkSafety } from '../../../lib/safety';
import { complianceMatrix, only } from '../../fixtures/safety/matrix';
import { chaosObject, workflow } from '../../fixtures/safety/objects';

const secret = (patch: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'Secret', metadata: { name: 'aws-creds', namespace: 'chaos-mesh' }, type: 'Opaque', ...patch,
});
const tokenSecret = {
  apiVersion: 'v1', kind: 'Secret',
  metadata: { name: 'chaos-dashboard-operator-token', namespace: 'chaos-mesh', annotations: { 'kubernetes.io/service-account.name': 'chaos-dashboard-operator' } },
  type: 'kubernetes.io/service-account-token',
};
const cloud = (kind: string, patch: Record<string, unknown> = {}) => chaosObject(kind, { action: undefined, duration: '5m', ...patch });

complianceMatrix('CM015', {
  compliant: [tokenSecret, cloud('AWSChaos', { action: 'ec2-stop', secretName: 'aws-creds' })],
  nonCompliant: [secret({ data: { aws_access_key_id: 'QUtJQQ==', aws_secret_access_key: 'c2VjcmV0' } })],
  message: /Secret holds values in data \(aws_access_key_id, aws_secret_access_key\): everything in the set is committed to Git.*base64 is an encoding, not encryption/,
  path: 'data',
});

function cm015(...objects: Parameters<typeof checkSafety>[0]) {
  return only(checkSafety(objects), 'CM015');
}

describe('CM015', () => {
  test('stringData is refused too, each field on its own path', () => {
    const found = cm015(secret({ data: { a: 'eA==' }, stringData: { b: 'x' } }));
    expect(found.map((f) => f.path)).toEqual(['data', 'stringData']);
    expect(found[1].message).toMatch(/Secret holds values in stringData \(b\)/);
  });

  test('a Secret without values (a service-account token, empty data) holds no credential', () => {
    expect(cm015(tokenSecret, secret({ data: {} }), secret({ stringData: null }))).toEqual([]);
  });

  test('a data field that is not a mapping is still refused, never passed', () => {
    expect(cm015(secret({ data: 'QUtJQQ==' }))[0].message).toMatch(/\(\(string\)\)/);
  });

  test('only core v1 Secrets are Secrets', () => {
    expect(cm015({ apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 's' }, spec: { encryptedData: { a: 'AgB...' } } })).toEqual([]);
  });

  test.each([
    ['AWSChaos', /default credential chain of chaos-controller-manager \(its environment, an IRSA web identity, or the node's instance profile\)/, /aws_access_key_id and aws_secret_access_key/],
    ['GCPChaos', /Application Default Credentials of chaos-controller-manager \(GOOGLE_APPLICATION_CREDENTIALS, GKE Workload Identity/, /service_account/],
  ])('%s without secretName: refused, naming the ambient identity it would use; acknowledgeable', (kind, message, keys) => {
    const found = cm015(cloud(kind));
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('spec.secretName');
    expect(found[0].message).toMatch(message);
    expect(found[0].fix).toMatch(keys);
    expect(found[0].fix).toMatch(/in namespace chaos-mesh/);
    expect(found[0].fix).toMatch(/acknowledge it with the identity/);
  });

  test('AzureChaos without secretName: refused, and the message says 2.8.2 has no other way to authenticate', () => {
    const found = cm015(cloud('AzureChaos'));
    expect(found[0].message).toMatch(/reads Azure credentials only from that Secret.*never injected/);
    expect(found[0].fix).toMatch(/client_id, client_secret and tenant_id/);
    expect(found[0].fix).not.toMatch(/acknowledge/);
  });

  test('an empty secretName is no secretName', () => {
    expect(cm015(cloud('AWSChaos', { secretName: ' ' }))).toHaveLength(1);
  });

  test('cloud chaos in a Workflow template is found; pod chaos has no credentials to name', () => {
    const wf = workflow({ name: 'stop', templateType: 'GCPChaos', deadline: '5m', gcpChaos: { action: 'node-stop', instance: 'n1' } });
    expect(cm015(wf)[0].path).toBe('spec.templates[0].gcpChaos.secretName');
    expect(cm015(chaosObject('PodChaos', { action: 'pod-kill', mode: 'one' }))).toEqual([]);
  });

  test('odd input never throws', () => {
    const odd = [{ apiVersion: 'v1', kind: 'Secret' }, { apiVersion: 'v1', kind: 'Secret', data: [1] }, cloud('AWSChaos', { secretName: 7 })];
    expect(() => checkSafety(odd)).not.toThrow();
    expect(cm015(...odd).filter((f) => /could not check/.test(f.message))).toEqual([]);
  });
});
