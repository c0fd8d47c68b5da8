/**
 * The benchmark's "every kind" app: one experiment of every Chaos Mesh 2.8.2 fault kind, each
 * with the reference app's safeguards (steady state: probe Job, health check, PreSync guard),
 * against a target read from a cdk8s-plus Deployment in the same app. bench/kinds.bench.mjs
 * synthesizes it next to main.ts.
 */
import { Size } from 'cdk8s';
import { Deployment } from 'cdk8s-plus-28';
import {
  AwsChaosAction, AwsChaosExperiment, AzureChaosAction, AzureChaosExperiment, BlockChaosAction, BlockChaosExperiment,
  ChaosExperiment, ChaosMeshApp, ChaosMeshInstall, ChaosTarget, CpuStressExperiment, DnsChaosAction, DnsChaosExperiment,
  Errno, GcpChaosAction, GcpChaosExperiment, GoDuration, HttpChaosAction, HttpChaosExperiment, IoChaosAction, IoChaosExperiment, JvmChaosAction, JvmChaosExperiment, KernelChaosExperiment, KernelFailType,
  MemoryStressExperiment, NetworkChaosAction, NetworkChaosExperiment, PhysicalMachineChaosAction,
  PhysicalMachineChaosExperiment, PodChaosAction, PodChaosExperiment, RuleId, RuntimePreset, StressSize, synthOrExit, TimeChaosExperiment, TimeOffset,
} from '../lib';

synthOrExit(() => {
  const app = new ChaosMeshApp({
    gitOps: { repoURL: 'https://git.example.com/platform/chaos-engineering.git', targetRevision: 'main', path: 'dist' },
  });
  new ChaosMeshInstall(app.platform, 'chaos-mesh', { runtime: RuntimePreset.K3S, dnsChaos: true, externalTargetNamespaces: ['shop', 'machines'] });

  const workloads = app.addChart('shop', { namespace: 'shop' });
  const deployment = new Deployment(workloads, 'api', {
    replicas: 3,
    containers: [{
      name: 'api', image: 'ghcr.io/example/api:1.0.0', portNumber: 8080,
      resources: { memory: { limit: Size.mebibytes(256), request: Size.mebibytes(128) } },
    }],
  });
  const target = ChaosTarget.fromWorkload(deployment, { containerNames: ['api'] });

  const d = GoDuration.minutes(2);
  const phases = { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(1) };
  const steadyState = {
    url: 'http://api.shop.svc:8080/healthz',
    thresholds: { minAvailabilityPercent: 99 },
    healthCheck: { url: 'http://api.shop.svc:8080/healthz', failureThreshold: 3 },
  };
  const scope = app.experiments;
  /** The acknowledgement the node, machine and cloud faults need (rule CM013). */
  const ack = (e: ChaosExperiment, rule: RuleId) => e.addAcknowledgement(rule, 'benchmark app, never deployed');
  // One experiment of every kind (and both StressChaos stressors).
  new PodChaosExperiment(scope, 'pod-failure', { target, action: PodChaosAction.POD_FAILURE, duration: d, phases, steadyState });
  new NetworkChaosExperiment(scope, 'network-delay', { target, action: NetworkChaosAction.DELAY, delay: { latency: GoDuration.millis(200) }, duration: d, phases, steadyState });
  new MemoryStressExperiment(scope, 'memory-stress', { target, size: StressSize.megabytes(256), duration: d, phases, steadyState });
  new CpuStressExperiment(scope, 'cpu-stress', { target, load: 50, duration: d, phases, steadyState });
  new IoChaosExperiment(scope, 'io-latency', { target, action: IoChaosAction.LATENCY, volumePath: '/data', delay: GoDuration.millis(50), duration: d, phases, steadyState });
  new IoChaosExperiment(scope, 'io-fault', { target, action: IoChaosAction.FAULT, volumePath: '/data', errno: Errno.EIO, percent: 10, duration: d, phases, steadyState });
  new TimeChaosExperiment(scope, 'clock-skew', { target, offset: TimeOffset.behind(GoDuration.minutes(10)), duration: d, phases, steadyState });
  new DnsChaosExperiment(scope, 'dns-error', { target, action: DnsChaosAction.ERROR, patterns: ['payments.example.com'], duration: d, phases, steadyState });
  new HttpChaosExperiment(scope, 'http-delay', { target, action: HttpChaosAction.DELAY, httpTarget: 'Request', port: 8080, delay: GoDuration.millis(300), duration: d, phases, steadyState });
  new JvmChaosExperiment(scope, 'jvm-exception', { target, action: JvmChaosAction.EXCEPTION, javaClass: 'com.example.Api', method: 'handle', exception: 'java.io.IOException("chaos")', duration: d, phases, steadyState });
  ack(new KernelChaosExperiment(scope, 'kernel-slab', { target, failType: KernelFailType.SLAB, probability: 1, times: 5, duration: d, phases, steadyState }), RuleId.CM013);
  ack(new BlockChaosExperiment(scope, 'block-delay', { target, action: BlockChaosAction.DELAY, volumeName: 'data', delay: { latency: GoDuration.millis(20) }, duration: d, phases, steadyState }), RuleId.CM013);
  ack(new PhysicalMachineChaosExperiment(scope, 'machine-loss', {
    target, machines: { namespace: 'machines', labels: { role: 'edge' } }, action: PhysicalMachineChaosAction.NETWORK_LOSS,
    networkLoss: { device: 'eth0', percent: 5 }, duration: d, phases, steadyState,
  }), RuleId.CM013);
  ack(new AwsChaosExperiment(scope, 'aws-stop', { target, action: AwsChaosAction.EC2_STOP, awsRegion: 'eu-west-1', ec2Instance: 'i-0123456789abcdef0', secretName: 'aws-chaos', duration: d, phases, steadyState }), RuleId.CM013);
  ack(new GcpChaosExperiment(scope, 'gcp-stop', { target, action: GcpChaosAction.NODE_STOP, project: 'shop', zone: 'europe-west1-b', instance: 'node-1', secretName: 'gcp-chaos', duration: d, phases, steadyState }), RuleId.CM013);
  ack(new AzureChaosExperiment(scope, 'azure-stop', { target, action: AzureChaosAction.VM_STOP, subscriptionId: '00000000-0000-0000-0000-000000000000', resourceGroupName: 'shop', vmName: 'node-1', secretName: 'azure-chaos', duration: d, phases, steadyState }), RuleId.CM013);
  return app;
});
