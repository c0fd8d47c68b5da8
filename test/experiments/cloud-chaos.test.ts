import { Testing } from 'cdk8s';
import {
  AwsChaosAction, AwsChaosExperiment, AwsChaosExperimentProps, AzureChaosAction, AzureChaosExperiment,
  AzureChaosExperimentProps, ChaosExperiment, GcpChaosAction, GcpChaosExperiment, GcpChaosExperimentProps,
} from '../../lib/experiments';
import { GoDuration } from '../../lib/units';
import { only, podinfo } from '../fixtures/experiments/podinfo';
import { acknowledgeIfRuled, blockingFindings, roundTrip } from './_compliance';

const duration = GoDuration.minutes(5);
const aws = { awsRegion: 'eu-west-1', ec2Instance: 'i-0123456789abcdef0', secretName: 'aws-chaos-credentials', duration };
const gcp = { project: 'shop-staging', zone: 'europe-west1-b', instance: 'gke-pool-1-abcd', secretName: 'gcp-chaos-credentials', duration };
const azure = { subscriptionId: '00000000-0000-0000-0000-000000000000', resourceGroupName: 'aks-nodes', vmName: 'aks-pool-1', secretName: 'azure-chaos-credentials', duration };

/** Every action of the three cloud kinds, as a user would write it. */
const CASES: [string, (chart: any) => ChaosExperiment][] = [
  ...Object.values(AwsChaosAction).map((action): [string, (c: any) => ChaosExperiment] => [`AWSChaos ${action}`, (c) => new AwsChaosExperiment(c, 'aws', {
    target: podinfo(), action, ...aws, ...(action === AwsChaosAction.DETACH_VOLUME ? { volumeId: 'vol-0abc', deviceName: '/dev/sdf' } : {}),
  })]),
  ...Object.values(GcpChaosAction).map((action): [string, (c: any) => ChaosExperiment] => [`GCPChaos ${action}`, (c) => new GcpChaosExperiment(c, 'gcp', {
    target: podinfo(), action, ...gcp, ...(action === GcpChaosAction.DISK_LOSS ? { deviceNames: ['data-disk'] } : {}),
  })]),
  ...Object.values(AzureChaosAction).map((action): [string, (c: any) => ChaosExperiment] => [`AzureChaos ${action}`, (c) => new AzureChaosExperiment(c, 'azure', {
    target: podinfo(), action, ...azure, ...(action === AzureChaosAction.DISK_DETACH ? { diskName: 'data-0', lun: 0 } : {}),
  })]),
];

describe('cloud chaos experiments', () => {
  test.each(CASES)('%s synthesizes a compliant object naming its Secret (the cloud blast radius acknowledged)', (_name, make) => {
    const chart = Testing.chart();
    const experiment = make(chart);
    acknowledgeIfRuled(experiment, 'CM013', 'staging account, the node pool autoscales back');
    const obj = only(chart);
    expect(obj.spec.secretName).toMatch(/-chaos-credentials$/);
    expect(obj.spec.selector).toBeUndefined();
    expect(obj.spec.duration).toBe('5m');
    expect(roundTrip(obj)).toEqual(obj.spec);
    expect(blockingFindings([obj])).toEqual([]);
  });

  test('the CRD field names', () => {
    const spec = (make: (c: any) => unknown) => { const c = Testing.chart(); make(c); return only(c).spec; };
    expect(spec((c) => new AwsChaosExperiment(c, 'a', { target: podinfo(), action: AwsChaosAction.DETACH_VOLUME, ...aws, volumeId: 'vol-1', deviceName: '/dev/sdf' })))
      .toEqual({ action: 'detach-volume', awsRegion: 'eu-west-1', ec2Instance: 'i-0123456789abcdef0', secretName: 'aws-chaos-credentials', volumeID: 'vol-1', deviceName: '/dev/sdf', duration: '5m' });
    expect(spec((c) => new AzureChaosExperiment(c, 'z', { target: podinfo(), action: AzureChaosAction.VM_STOP, ...azure })))
      .toMatchObject({ subscriptionID: azure.subscriptionId, resourceGroupName: 'aks-nodes', vmName: 'aks-pool-1' });
  });

  test.each<[string, () => unknown, RegExp]>([
    ['a detach without its volume', () => new AwsChaosExperiment(Testing.chart(), 'a', { target: podinfo(), action: AwsChaosAction.DETACH_VOLUME, ...aws } as AwsChaosExperimentProps), /volumeId is refused \(spec\.volumeID\): action "detach-volume" needs volumeID/],
    ['deviceNames on a node stop', () => new GcpChaosExperiment(Testing.chart(), 'g', { target: podinfo(), action: GcpChaosAction.NODE_STOP, ...gcp, deviceNames: ['x'] } as GcpChaosExperimentProps), /deviceNames does not apply to action "node-stop"/],
    ['a lun without a disk', () => new AzureChaosExperiment(Testing.chart(), 'z', { target: podinfo(), action: AzureChaosAction.DISK_DETACH, ...azure, lun: 1 } as AzureChaosExperimentProps), /diskName is refused \(spec\.diskName\): action "disk-detach" needs diskName/],
    ['a Secret name that is not a name', () => new AwsChaosExperiment(Testing.chart(), 'a', { target: podinfo(), action: AwsChaosAction.EC2_STOP, ...aws, secretName: 'AKIA/EXAMPLE KEY' }), /secretName "AKIA\/EXAMPLE KEY" is not a valid name/],
    ['an unknown action', () => new GcpChaosExperiment(Testing.chart(), 'g', { target: podinfo(), action: 'node-delete' as GcpChaosAction, ...gcp }), /action "node-delete" is not a GCPChaos action \(allowed: node-stop, node-reset, disk-loss\)/],
  ])('refuses %s', (_name, make, message) => {
    expect(make).toThrow(message);
  });
});
