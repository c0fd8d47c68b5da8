import { checkSafety } from '../../../lib/safety';
import { complianceMatrix, only } from '../../fixtures/safety/matrix';
import { chaosObject, deployment, merge, podChaos, podFaultSpec, workflow } from '../../fixtures/safety/objects';

const aws = (patch: Record<string, unknown> = {}) => chaosObject('AWSChaos', {
  action: 'ec2-stop', awsRegion: 'eu-west-1', ec2Instance: 'i-0abc', secretName: 'aws-creds', duration: '5m', ...patch,
});
const block = (volumeName: unknown = 'data') => chaosObject('BlockChaos', podFaultSpec({ action: 'delay', volumeName, delay: { latency: '100ms' } }));
/** podinfo with one volume named "data". */
const withVolume = (volume: Record<string, unknown>) => merge(deployment(), { spec: { template: { spec: { volumes: [{ name: 'data', ...volume }] } } } });
const claim = (spec: Record<string, unknown>) => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'podinfo-data', namespace: 'podinfo' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
});
const pvcVolume = { persistentVolumeClaim: { claimName: 'podinfo-data' } };

complianceMatrix('CM013', {
  compliant: [podChaos(), deployment()],
  nonCompliant: [aws()],
  message: /AWSChaos stops an EC2 instance "i-0abc": if it is a Kubernetes node, every pod on it goes down with it, and on a cluster with a single control-plane node/,
  path: 'spec.action',
});

function cm013(...objects: Parameters<typeof checkSafety>[0]) {
  return only(checkSafety(objects), 'CM013');
}

describe('CM013', () => {
  test.each([
    ['AWSChaos', 'ec2-stop', /stops an EC2 instance/],
    ['AWSChaos', 'ec2-restart', /restarts an EC2 instance/],
    ['AWSChaos', 'detach-volume', /detaches an EBS volume/],
    ['GCPChaos', 'node-stop', /stops a Compute Engine instance/],
    ['GCPChaos', 'node-reset', /resets a Compute Engine instance/],
    ['GCPChaos', 'disk-loss', /detaches disks/],
    ['AzureChaos', 'vm-stop', /powers off an Azure VM/],
    ['AzureChaos', 'vm-restart', /restarts an Azure VM/],
    ['AzureChaos', 'disk-detach', /detaches a data disk/],
  ])('%s %s is refused', (kind, action, message) => {
    const found = cm013(chaosObject(kind, { action, secretName: 'creds', duration: '5m' }));
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(message);
  });

  test('a cloud chaos without action gets the CRD default (ec2-stop, node-stop, vm-stop): still refused', () => {
    expect(cm013(aws({ action: undefined }))[0].message).toMatch(/stops an EC2 instance/);
  });

  test('KernelChaos and PhysicalMachineChaos are always refused', () => {
    const kernel = chaosObject('KernelChaos', podFaultSpec({ failKernRequest: { failtype: 0, probability: 1, times: 1 } }));
    expect(cm013(deployment(), kernel)[0]).toMatchObject({ path: 'spec.failKernRequest' });
    expect(cm013(deployment(), kernel)[0].message).toMatch(/node's kernel/);
    const machine = chaosObject('PhysicalMachineChaos', { action: 'stress-cpu', mode: 'one', address: ['http://10.0.0.5:31767'], 'stress-cpu': { load: 50, workers: 1 }, duration: '1m' });
    expect(cm013(machine)[0].message).toMatch(/whole machines through chaosd \(action "stress-cpu"\)/);
  });

  test('embedded in a Schedule or a Workflow template: found there', () => {
    const wf = workflow({ name: 'stop', templateType: 'AWSChaos', deadline: '5m', awsChaos: aws().spec });
    expect(cm013(wf)[0].path).toBe('spec.templates[0].awsChaos.action');
  });

  test('pod-level chaos is not this rule\'s business', () => {
    expect(cm013(deployment(), chaosObject('IOChaos', podFaultSpec({ action: 'latency', volumePath: '/data', delay: '10ms' })))).toEqual([]);
  });

  describe('BlockChaos is refused on a shared device, allowed on a device of the target\'s own', () => {
    test.each([
      ['a hostPath', [withVolume({ hostPath: { path: '/srv/data' } })], /hostPath: a directory of the node's own disk/],
      ['a disk-backed emptyDir', [withVolume({ emptyDir: {} })], /emptyDir on the kubelet's disk/],
      ['a claim bound to a local PV', [withVolume(pvcVolume), claim({ volumeName: 'pv-1' }),
        { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-1' }, spec: { local: { path: '/mnt/disk1' } } }], /a local volume/],
      ['a claim of the local-path StorageClass', [withVolume(pvcVolume), claim({ storageClassName: 'local-path' }),
        { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local-path' }, provisioner: 'rancher.io/local-path' }], /rancher\.io\/local-path/],
      ['a claim of the default StorageClass (unknown: k3s defaults to local-path)', [withVolume(pvcVolume), claim({})], /default StorageClass/],
      ['a claim not in the set', [withVolume(pvcVolume)], /not in the set/],
      ['a volume the workload does not have', [deployment()], /has no volume "data"/],
      ['no matching workload', [], /no workload in the set matches/],
    ])('%s: refused', (_, objects, message) => {
      const found = cm013(...(objects as any[]), block());
      expect(found).toHaveLength(1);
      expect(found[0].path).toBe('spec.volumeName');
      expect(found[0].message).toMatch(message);
      expect(found[0].message).toMatch(/switches the whole device's I\/O scheduler to ioem/);
    });

    test.each([
      ['a claim bound to a CSI volume', [withVolume(pvcVolume), claim({ volumeName: 'pv-2' }),
        { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-2' }, spec: { csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-1' } } }]],
      ['a PV that names the claim in claimRef', [withVolume(pvcVolume), claim({}),
        { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-3' }, spec: { claimRef: { name: 'podinfo-data', namespace: 'podinfo' }, gcePersistentDisk: { pdName: 'd' } } }]],
      ['a claim of a cloud-disk StorageClass', [withVolume(pvcVolume), claim({ storageClassName: 'gp3' }),
        { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'gp3' }, provisioner: 'ebs.csi.aws.com' }]],
      ['an ephemeral volume of a cloud-disk StorageClass', [withVolume({ ephemeral: { volumeClaimTemplate: { spec: { storageClassName: 'gp3' } } } }),
        { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'gp3' }, provisioner: 'ebs.csi.aws.com' }]],
    ])('%s: allowed', (_, objects) => {
      expect(cm013(...(objects as any[]), block())).toEqual([]);
    });

    test('odd input never throws', () => {
      const odd = [merge(deployment(), { spec: { template: { spec: { volumes: 'x' } } } }), block(7), chaosObject('BlockChaos', { selector: null })];
      expect(() => checkSafety(odd)).not.toThrow();
      expect(cm013(...odd).filter((f) => /could not check/.test(f.message))).toEqual([]);
    });
  });
});
