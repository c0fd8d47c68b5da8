import { readFileSync } from 'fs';
import * as path from 'path';
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import {
  AwsChaosAction, AwsChaosExperiment, ChaosExperiment, JvmChaosAction, JvmChaosExperiment, NetworkChaosAction,
  NetworkChaosExperiment, PodChaosAction, PodChaosExperiment,
} from '../../lib/experiments';
import { GoDuration } from '../../lib/units';
import { only, podinfo } from '../fixtures/experiments/podinfo';
import { repoRoot } from '../support/run-app';
import { acknowledgeIfRuled, blockingFindings } from './_compliance';

/** docs/escape-hatch.md: one example per family of faults; each is rebuilt here and must work as written. */
const doc = readFileSync(path.join(repoRoot, 'docs', 'escape-hatch.md'), 'utf8');

interface Example {
  readonly build: (chart: Chart) => ChaosExperiment;
  /** The patch line as the doc writes it, and the patch itself. */
  readonly line: string;
  readonly patch: JsonPatch;
  /** Where the patched value lands in the emitted object, and the value. */
  readonly at: (obj: any) => unknown;
  readonly value: unknown;
}

const EXAMPLES: Record<string, Example> = {
  'pod faults': {
    build: (c) => new PodChaosExperiment(c, 'podinfo-kill', { target: podinfo(), action: PodChaosAction.POD_KILL }),
    line: "ApiObject.of(kill).addJsonPatch(JsonPatch.add('/spec/remoteCluster', 'cluster-b'));",
    patch: JsonPatch.add('/spec/remoteCluster', 'cluster-b'),
    at: (o) => o.spec.remoteCluster,
    value: 'cluster-b',
  },
  'network, IO, HTTP, DNS and time faults': {
    build: (c) => new NetworkChaosExperiment(c, 'podinfo-latency', {
      target: podinfo(), action: NetworkChaosAction.DELAY, delay: { latency: GoDuration.millis(200) }, duration: GoDuration.minutes(3),
    }),
    line: "ApiObject.of(latency).addJsonPatch(JsonPatch.add('/spec/device', 'eth1'));",
    patch: JsonPatch.add('/spec/device', 'eth1'),
    at: (o) => o.spec.device,
    value: 'eth1',
  },
  'JVM faults': {
    build: (c) => new JvmChaosExperiment(c, 'checkout-latency', {
      target: podinfo(), action: JvmChaosAction.LATENCY, javaClass: 'com.example.Checkout', method: 'pay',
      latency: GoDuration.millis(800), duration: GoDuration.minutes(2),
    }),
    line: "ApiObject.of(slow).addJsonPatch(JsonPatch.add('/spec/selector/annotationSelectors', { 'example.com/canary': 'true' }));",
    patch: JsonPatch.add('/spec/selector/annotationSelectors', { 'example.com/canary': 'true' }),
    at: (o) => o.spec.selector.annotationSelectors,
    value: { 'example.com/canary': 'true' },
  },
  'out-of-pod and cloud faults': {
    build: (c) => {
      const stop = new AwsChaosExperiment(c, 'node-stop', {
        target: podinfo(), action: AwsChaosAction.EC2_STOP, awsRegion: 'eu-west-1', ec2Instance: 'i-0123456789abcdef0',
        secretName: 'aws-chaos-credentials', duration: GoDuration.minutes(5),
      });
      acknowledgeIfRuled(stop, 'CM013', 'test environment against a local AWS emulator');
      return stop;
    },
    line: "ApiObject.of(stop).addJsonPatch(JsonPatch.add('/spec/endpoint', 'http://localstack.aws-test:4566'));",
    patch: JsonPatch.add('/spec/endpoint', 'http://localstack.aws-test:4566'),
    at: (o) => o.spec.endpoint,
    value: 'http://localstack.aws-test:4566',
  },
};

function synth(example: Example, patched: boolean): any {
  const chart = Testing.chart();
  const experiment = example.build(chart);
  if (patched) ApiObject.of(experiment).addJsonPatch(example.patch);
  return only(chart);
}

describe('the escape hatch, as docs/escape-hatch.md shows it', () => {
  test.each(Object.entries(EXAMPLES))('%s: the documented patch reaches the unmodelled field and passes every check', (_family, example) => {
    expect(doc).toContain(example.line);
    const obj = synth(example, true);
    expect(example.at(obj)).toEqual(example.value);
    expect(blockingFindings([obj])).toEqual([]);
    // The content name covers the patched spec: a patched experiment is a new object.
    expect(obj.metadata.name).not.toBe(synth(example, false).metadata.name);
  });

  test('in a Workflow the fault spec sits in the fault template, at the index the doc gives', () => {
    expect(doc).toContain('`/spec/templates/2/networkChaos/device`');
    const chart = Testing.chart();
    const experiment = new NetworkChaosExperiment(chart, 'latency', {
      target: podinfo(), action: NetworkChaosAction.DELAY, delay: { latency: GoDuration.millis(200) }, duration: GoDuration.minutes(3),
      phases: { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(1) },
    });
    ApiObject.of(experiment).addJsonPatch(JsonPatch.add('/spec/templates/2/networkChaos/device', 'eth1'));
    const wf = only(chart);
    expect(wf.spec.templates.map((t: any) => t.name)).toEqual(['run', 'baseline', 'fault', 'recovery']);
    expect(wf.spec.templates[2].networkChaos.device).toBe('eth1');
    expect(blockingFindings([wf])).toEqual([]);
  });

  test('a patch cannot smuggle in a field the CRD does not define', () => {
    const example = EXAMPLES['pod faults'];
    const obj = synth({ ...example, patch: JsonPatch.add('/spec/remoteClusterName', 'cluster-b') }, true);
    expect(blockingFindings([obj])).toEqual([expect.stringMatching(/^schema .* spec\.remoteClusterName: unknown field "remoteClusterName"/)]);
  });
});
