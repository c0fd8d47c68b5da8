import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ChaosMeshApp, ChaosMeshAppProps } from '../../lib/app';
import {
  ChaosExperiment, CpuStressExperiment, DnsChaosAction, DnsChaosExperiment, MemoryStressExperiment, NetworkChaosAction,
  NetworkChaosExperiment, PodChaosAction, PodChaosExperiment, SteadyState, TimeChaosExperiment, TimeOffset,
} from '../../lib/experiments';
import { RestrictedNamespace } from '../../lib/install';
import { KubeObject } from '../../lib/kube-object';
import { CaBundle } from '../../lib/probe';
import { ChaosTarget } from '../../lib/target';
import { GoDuration, StressSize } from '../../lib/units';

const checkout = ChaosTarget.fromDeclaration({ namespace: 'shop', labels: { app: 'checkout' }, replicas: 2, memoryLimit: '256Mi' });
const steadyState: SteadyState = {
  url: 'https://shop.example.com/healthz',
  thresholds: { minAvailabilityPercent: 99 },
  healthCheck: { url: 'http://checkout.shop.svc:8080/healthz' },
};
const phases = { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(1) };

describe('safeguards of an experiment in a ChaosMeshApp', () => {
  let outdir: string;
  beforeEach(() => { outdir = mkdtempSync(path.join(tmpdir(), 'chaos-safeguards-')); });
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  const newApp = (props: ChaosMeshAppProps = {}, log: string[] = []) => new ChaosMeshApp({ outdir, log: (l) => log.push(l), ...props });
  const latency = (app: ChaosMeshApp, extra: object = { steadyState }) => new NetworkChaosExperiment(app.experiments, 'checkout-latency', {
    target: checkout, action: NetworkChaosAction.DELAY, delay: { latency: GoDuration.parse('100ms') }, duration: GoDuration.minutes(2), phases, ...extra,
  });
  const objects = (app: ChaosMeshApp) => app.synthObjects();
  const find = (app: ChaosMeshApp, kind: string, name?: RegExp) => objects(app)
    .filter((s) => s.object.kind === kind && (name === undefined || name.test(s.object.metadata?.name ?? '')));

  test('a steadyState brings the probe Job, the PreSync guard, the StatusCheck abort and the restricted runner namespace', () => {
    const app = newApp();
    const experiment = latency(app);
    const all = objects(app);

    const namespace = all.find((s) => s.object.kind === 'Namespace')!;
    expect(namespace).toMatchObject({ chart: 'platform', object: { metadata: { name: 'chaos-probes' } } });
    expect(namespace.object.metadata!.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'restricted' });

    const jobs = all.filter((s) => s.object.kind === 'Job');
    expect(jobs.map((s) => [s.file, s.object.metadata!.namespace])).toEqual([
      ['checkout-latency', 'chaos-probes'], ['checkout-latency', 'chaos-probes'],
    ]);
    expect(experiment.probe!.environment).toMatchObject({ PROBE_URL: steadyState.url, PROBE_PHASES: 'baseline:60 fault:120 recovery:60', PROBE_MIN_AVAILABILITY: '99' });
    expect(experiment.guard!.names.job).toBe('checkout-latency-presync-guard');

    const workflow = all.find((s) => s.object.kind === 'Workflow')!.object as KubeObject & { spec: any };
    const check = workflow.spec.templates.find((t: any) => t.templateType === 'StatusCheck');
    expect(check).toMatchObject({
      name: 'checkout-latency-health', deadline: '2m', abortWithStatusCheck: true,
      statusCheck: { mode: 'Continuous', http: { url: steadyState.healthCheck!.url } },
    });
    expect(app.synthObjects().filter((s) => s.chart === 'experiments').every((s) => s.file === 'checkout-latency')).toBe(true);
  });

  test('app-level defaults are set once: runner namespace, CA bundle and thresholds', () => {
    const app = newApp({
      safeguards: {
        runnerNamespace: 'team-probes',
        caBundle: CaBundle.fromConfigMap('corp-ca', 'ca.crt'),
        thresholds: { minAvailabilityPercent: 99.9 },
      },
    });
    const experiment = latency(app, { steadyState: { url: steadyState.url, healthCheck: steadyState.healthCheck } });
    expect(experiment.probe!.environment).toMatchObject({ PROBE_MIN_AVAILABILITY: '99.9', PROBE_CA_FILE: '/probe-ca/ca.crt' });
    expect(find(app, 'Namespace').map((s) => s.object.metadata!.name)).toEqual(['team-probes']);
    expect(find(app, 'Job').every((s) => s.object.metadata!.namespace === 'team-probes')).toBe(true);
  });

  test('an experiment without a steady state is refused, naming both ways forward', () => {
    const app = newApp();
    expect(() => latency(app, {})).toThrow(/"experiments\/checkout-latency": has no steadyState[\s\S]*steadyState: \{ url[\s\S]*withoutSafeguards: \{ probe/);
  });

  test('a steady state without thresholds or a health check is refused', () => {
    expect(() => latency(newApp(), { steadyState: { url: steadyState.url, healthCheck: steadyState.healthCheck } }))
      .toThrow(/no thresholds, so the probe would only measure[\s\S]*safeguards: \{ thresholds/);
    expect(() => latency(newApp(), { steadyState: { url: steadyState.url, thresholds: steadyState.thresholds } }))
      .toThrow(/no in-cluster health check[\s\S]*withoutSafeguards: \{ healthCheck/);
  });

  test('opting out is explicit, needs a reason, and prints one line per safeguard at synth', () => {
    const log: string[] = [];
    const app = newApp({}, log);
    const experiment = latency(app, { steadyState, withoutSafeguards: { guard: 'the target is created by this very sync' } });
    expect(experiment.guard).toBeUndefined();
    expect(find(app, 'Job').map((s) => s.object.metadata!.name)).toEqual([expect.stringMatching(/^checkout-latency-probe-/)]);
    app.synth();
    expect(log).toContain('Safeguard off: experiment "checkout-latency" runs without its PreSync guard: the target is created by this very sync');

    expect(() => latency(newApp(), { steadyState, withoutSafeguards: { guard: 'no' } })).toThrow(/withoutSafeguards\.guard needs a reason of at least 10/);
    expect(() => latency(newApp(), { steadyState, withoutSafeguards: { guards: 'a typo of guard' } })).toThrow(/withoutSafeguards\.guards is not a safeguard/);
  });

  test('contradictions are refused: a safeguard given and opted out of, a health check given twice', () => {
    expect(() => latency(newApp(), { steadyState, withoutSafeguards: { probe: 'measured elsewhere already' } }))
      .toThrow(/withoutSafeguards\.probe contradicts steadyState/);
    expect(() => latency(newApp(), { steadyState, withoutSafeguards: { healthCheck: 'the service has no health URL' } }))
      .toThrow(/withoutSafeguards\.healthCheck contradicts/);
    expect(() => latency(newApp(), {
      steadyState,
      statusCheck: { name: 'other', templateType: 'StatusCheck', statusCheck: { mode: 'Continuous', type: 'HTTP', http: { url: 'http://x' } } },
    })).toThrow(/steadyState\.healthCheck and statusCheck both give the health check/);
  });

  test('a target whose replicas are unknown: the error names the experiment, the missing fact and the opt-out', () => {
    const app = newApp();
    const agent = new kplus.DaemonSet(app.addChart('shop', { namespace: 'shop' }), 'agent', {
      containers: [{ image: 'ghcr.io/example/agent:1.0.0', resources: { memory: { limit: Size.mebibytes(64) } } }],
    });
    expect(() => latency(app, { steadyState, target: ChaosTarget.fromWorkload(agent) }))
      .toThrow(/NetworkChaosExperiment "experiments\/checkout-latency": its PreSync guard cannot be built: .*replica count is unknown.* withoutSafeguards: \{ guard/);
  });

  test('an explicit RestrictedNamespace of the runner namespace is reused, not emitted twice', () => {
    const app = newApp();
    new RestrictedNamespace(app.platform, 'probes-namespace', { name: 'chaos-probes', syncWave: -20 });
    latency(app);
    expect(find(app, 'Namespace').map((s) => s.file)).toEqual(['probes-namespace']);
  });

  test('a memory stress gets a guard that checks the live memory limit', () => {
    const app = newApp();
    const memory = new MemoryStressExperiment(app.experiments, 'checkout-memory', {
      target: checkout, size: StressSize.megabytes(256), duration: GoDuration.minutes(2), steadyState,
    });
    const env = find(app, 'Job', /presync-guard/)[0].object as any;
    expect(env.spec.template.spec.containers[0].env).toEqual(expect.arrayContaining([{ name: 'GUARD_MEMORY_LIMIT', value: '256Mi' }]));
    expect(memory.probe).toBeDefined();
  });

  test('reproduction 1: the probe, its namespace and the guard come with the experiment, not from a top-level ProbeJob', () => {
    const app = newApp({ gitOps: { repoURL: 'https://git.example.com/chaos.git' } });
    latency(app);
    const all = objects(app);
    const applications = all.filter((s) => s.object.kind === 'Application').map((s) => s.object.metadata!.name);
    expect(applications).toEqual(['chaos-mesh-platform', 'chaos-mesh-experiment-checkout-latency']);
    expect(all.filter((s) => s.object.kind === 'Namespace').map((s) => s.object.metadata!.name)).toEqual(['chaos-probes']);
    expect(all.filter((s) => s.object.kind === 'Job').map((s) => s.object.metadata!.name))
      .toEqual([expect.stringMatching(/^checkout-latency-probe-[0-9a-f]{8}$/), 'checkout-latency-presync-guard']);
  });

  const twoMinutes = GoDuration.minutes(2);
  const KINDS: [string, (app: ChaosMeshApp) => ChaosExperiment][] = [
    ['PodChaosExperiment', (app) => new PodChaosExperiment(app.experiments, 'x', { target: checkout, action: PodChaosAction.POD_FAILURE, duration: twoMinutes, steadyState })],
    ['DnsChaosExperiment', (app) => new DnsChaosExperiment(app.experiments, 'x', { target: checkout, action: DnsChaosAction.ERROR, duration: twoMinutes, steadyState })],
    ['TimeChaosExperiment', (app) => new TimeChaosExperiment(app.experiments, 'x', { target: checkout, offset: TimeOffset.behind(GoDuration.minutes(10)), duration: twoMinutes, steadyState })],
    ['CpuStressExperiment', (app) => new CpuStressExperiment(app.experiments, 'x', { target: checkout, load: 50, duration: twoMinutes, steadyState })],
  ];
  test.each(KINDS)('%s inherits the safeguards from the base', (_kind, build) => {
    const app = newApp();
    const experiment = build(app);
    expect([experiment.probe?.job.kind, experiment.guard?.job.kind]).toEqual(['Job', 'Job']);
    const workflow = objects(app).find((s) => s.object.kind === 'Workflow')!.object as any;
    expect(workflow.spec.templates.map((t: any) => t.templateType)).toContain('StatusCheck');
  });

  test('outside a ChaosMeshApp nothing is wired, and a steadyState says where it works', () => {
    const chart = Testing.chart();
    const bare = new NetworkChaosExperiment(chart, 'bare', {
      target: checkout, action: NetworkChaosAction.DELAY, delay: { latency: GoDuration.parse('100ms') }, duration: GoDuration.minutes(2),
    });
    expect([bare.probe, bare.guard]).toEqual([undefined, undefined]);
    expect(Testing.synth(chart).map((o) => o.kind)).toEqual(['NetworkChaos']);
    expect(() => new NetworkChaosExperiment(Testing.chart(), 'steady', {
      target: checkout, action: NetworkChaosAction.DELAY, delay: { latency: GoDuration.parse('100ms') }, duration: GoDuration.minutes(2), steadyState,
    })).toThrow(/steadyState wires the probe, health check and guard through a ChaosMeshApp/);
  });
});
