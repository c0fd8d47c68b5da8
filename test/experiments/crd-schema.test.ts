import { Chart, Testing } from 'cdk8s';
import {
  toJson_NetworkChaosSpec, toJson_PodChaosSpec, toJson_StressChaosSpec, toJson_WorkflowSpec,
} from '../../imports/chaos-mesh.org';
import {
  BandwidthRate, BoundedSchedule, CpuStressExperiment, MemoryStressExperiment, NetworkChaosAction, NetworkChaosExperiment,
  PodChaosAction, PodChaosExperiment, ScheduledFault, SelectorMode, WorkflowTemplate,
} from '../../lib/experiments';
import { checkSchema } from '../../lib/lint';
import { ChaosTarget } from '../../lib/target';
import { GoDuration, StressSize } from '../../lib/units';
import { podinfo } from '../fixtures/experiments/podinfo';

/**
 * Every emitted object is checked against the pinned v2.8.2 CRDs in two ways, both always run:
 * through the generated converters in imports/ (they drop any key the CRD does not define, so a
 * round trip that changes the object means an unknown key), and with the CRD openAPI schemas of
 * the committed bundle (schemas/chaos-mesh-crds.json) through lint's structural-schema check,
 * unknown fields refused like `kubectl apply --validate=strict`. That the bundle is what the
 * upstream CRDs compile to is test/lint/schema/crd-schemas.test.ts's job.
 */

const phases = { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(1) };
const statusCheck: WorkflowTemplate = {
  name: 'health',
  templateType: 'StatusCheck',
  statusCheck: { mode: 'Continuous', type: 'HTTP', intervalSeconds: 1, failureThreshold: 3, http: { url: 'http://podinfo.podinfo:9898/healthz', method: 'GET', criteria: { statusCode: '200' } } },
};
const task: WorkflowTemplate = {
  name: 'containment-check',
  templateType: 'Task',
  deadline: '2m',
  task: { container: { name: 'check', image: 'bitnami/kubectl:1.31.4', command: ['sh', '-c', 'exit 0'] } },
};

function everything(): Chart {
  const chart = Testing.chart();
  const t = podinfo();
  const peer = ChaosTarget.fromDeclaration({ namespace: 'db', labels: { app: 'db' }, replicas: 3, containerNames: ['db'] });
  const d = GoDuration.minutes(2);
  new PodChaosExperiment(chart, 'kill', { target: t, action: PodChaosAction.POD_KILL, gracePeriod: GoDuration.seconds(5) });
  new PodChaosExperiment(chart, 'failure', { target: t, action: PodChaosAction.POD_FAILURE, mode: SelectorMode.fixed(1), duration: d, phases });
  new PodChaosExperiment(chart, 'ckill', { target: peer, action: PodChaosAction.CONTAINER_KILL, duration: d, phases, statusCheck });
  const delay = { latency: GoDuration.parse('200ms'), jitter: GoDuration.parse('50ms'), correlation: 25, reorder: { percent: 10, gap: 2 } };
  new NetworkChaosExperiment(chart, 'delay', { target: t, action: NetworkChaosAction.DELAY, delay, direction: 'both', peer: { target: peer }, duration: d });
  new NetworkChaosExperiment(chart, 'loss', { target: t, action: NetworkChaosAction.LOSS, loss: { percent: 5, correlation: 10 }, externalTargets: ['10.0.0.1'], duration: d, phases });
  new NetworkChaosExperiment(chart, 'dup', { target: t, action: NetworkChaosAction.DUPLICATE, duplicate: { percent: 5 }, duration: d });
  new NetworkChaosExperiment(chart, 'corrupt', { target: t, action: NetworkChaosAction.CORRUPT, corrupt: { percent: 5 }, duration: d });
  new NetworkChaosExperiment(chart, 'bw', { target: t, action: NetworkChaosAction.BANDWIDTH, bandwidth: { rate: BandwidthRate.mbps(1), limit: 100, buffer: 10000, peakrate: 2000, minburst: 1500 }, duration: d });
  new NetworkChaosExperiment(chart, 'partition', { target: t, action: NetworkChaosAction.PARTITION, direction: 'from', peer: { target: peer, mode: SelectorMode.ONE }, duration: d, phases });
  new MemoryStressExperiment(chart, 'mem', { target: t, size: StressSize.parse('512MB'), oomScoreAdj: 0, duration: d, phases, afterRecovery: [task] });
  new MemoryStressExperiment(chart, 'mem-standalone', { target: peer, size: StressSize.parse('512MB'), duration: d });
  new CpuStressExperiment(chart, 'cpu', { target: t, load: 50, workers: 2, duration: d, phases, statusCheck, afterRecovery: [task] });
  new BoundedSchedule(chart, 'sched', { schedule: '*/30 * * * * *', deadline: GoDuration.minutes(5), fault: ScheduledFault.podChaos({ target: t, action: PodChaosAction.POD_KILL }), phases });
  new BoundedSchedule(chart, 'sched-net', { schedule: '@every 1m', deadline: GoDuration.minutes(5), fault: ScheduledFault.networkChaos({ target: t, action: NetworkChaosAction.LOSS, loss: { percent: 1 }, duration: GoDuration.seconds(20) }) });
  new BoundedSchedule(chart, 'sched-cpu', { schedule: '@every 1m', deadline: GoDuration.minutes(5), fault: ScheduledFault.cpuStress({ target: t, load: 10, duration: GoDuration.seconds(20) }) });
  new BoundedSchedule(chart, 'sched-mem', { schedule: '@every 1m', deadline: GoDuration.minutes(5), fault: ScheduledFault.memoryStress({ target: t, size: StressSize.parse('100MB'), duration: GoDuration.seconds(20) }) });
  return chart;
}

const CONVERTERS: Record<string, (spec: any) => unknown> = {
  PodChaos: toJson_PodChaosSpec,
  NetworkChaos: toJson_NetworkChaosSpec,
  StressChaos: toJson_StressChaosSpec,
  Workflow: toJson_WorkflowSpec,
};

const objects = Testing.synth(everything());

describe('emitted objects against the generated CRD types', () => {
  test('every kind and template type is covered', () => {
    expect(new Set(objects.map((o) => o.kind))).toEqual(new Set(['PodChaos', 'NetworkChaos', 'StressChaos', 'Workflow']));
    const types = new Set(objects.flatMap((o) => (o.kind === 'Workflow' ? o.spec.templates.map((t: any) => t.templateType) : [])));
    expect(types).toEqual(new Set(['Serial', 'Parallel', 'Suspend', 'PodChaos', 'NetworkChaos', 'StressChaos', 'Schedule', 'StatusCheck', 'Task']));
  });

  test.each(objects.map((o) => [`${o.kind}/${o.metadata.name}`, o]))('%s uses only CRD fields', (_name, obj: any) => {
    const roundTrip = JSON.parse(JSON.stringify(CONVERTERS[obj.kind](obj.spec)));
    expect(roundTrip).toEqual(obj.spec);
  });

  test('a key the CRD does not define is caught by the round trip', () => {
    const bad = { ...objects.find((o) => o.kind === 'Workflow').spec };
    bad.templates = [...bad.templates, { name: 'x', templateType: 'Suspend', deadline: '1m', duration: '1m' }];
    expect(JSON.parse(JSON.stringify(toJson_WorkflowSpec(bad)))).not.toEqual(bad);
  });
});

describe('emitted objects against the CRD schemas (lint schema check over the committed bundle)', () => {
  test.each(objects.map((o) => [`${o.kind}/${o.metadata.name}`, o]))('%s has no schema finding', async (_name, obj: any) => {
    expect(await checkSchema(obj)).toEqual([]);
  });

  test('the check refuses an unknown template field (so the test above can fail)', async () => {
    const wf = objects.find((o) => o.kind === 'Workflow');
    const at = wf.spec.templates.length;
    const bad = { ...wf, spec: { ...wf.spec, templates: [...wf.spec.templates, { name: 'x', templateType: 'Suspend', deadline: '1m', duration: '1m' }] } };
    const findings = await checkSchema(bad);
    expect(findings.map((f) => `${f.rule} ${f.severity} ${f.path}`)).toEqual([`schema error spec.templates[${at}].duration`]);
    expect(findings[0].message).toMatch(/^unknown field "duration"/);
  });
});
