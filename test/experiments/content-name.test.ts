import { createHash } from 'crypto';
import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import {
  canonicalJson, EXPERIMENT_LABEL, NetworkChaosAction, NetworkChaosExperiment, NetworkChaosExperimentProps, SelectorMode,
  specHash,
} from '../../lib/experiments';
import { GoDuration } from '../../lib/units';
import { only, podinfo } from '../fixtures/experiments/podinfo';

function latency(props: Partial<NetworkChaosExperimentProps> = {}, id = 'podinfo-latency') {
  const chart = Testing.chart();
  const exp = new NetworkChaosExperiment(chart, id, {
    name: 'podinfo-latency',
    target: podinfo(),
    action: NetworkChaosAction.DELAY,
    mode: SelectorMode.ALL,
    delay: { latency: GoDuration.parse('200ms'), jitter: GoDuration.parse('50ms'), correlation: 25 },
    duration: GoDuration.parse('3m'),
    ...props,
  });
  return { chart, exp };
}

const withoutName = (obj: any) => ({ ...obj, metadata: { ...obj.metadata, name: undefined } });

describe('content-named experiments', () => {
  test('the name is <readable>-<first 8 hex of sha256 over the canonical spec JSON>', () => {
    const obj = only(latency().chart);
    const expected = createHash('sha256').update(canonicalJson(obj.spec)).digest('hex').slice(0, 8);
    expect(obj.metadata.name).toBe(`podinfo-latency-${expected}`);
  });

  test('changing a spec field changes the name and nothing else', () => {
    const before = only(latency().chart);
    const after = only(latency({ delay: { latency: GoDuration.parse('300ms'), jitter: GoDuration.parse('50ms'), correlation: 25 } }).chart);
    expect(after.metadata.name).not.toBe(before.metadata.name);
    expect(after.metadata.name).toMatch(/^podinfo-latency-[0-9a-f]{8}$/);
    expect(after.metadata.labels).toEqual({ [EXPERIMENT_LABEL]: 'podinfo-latency' });
    expect(withoutName(after)).toEqual({ ...withoutName(before), spec: { ...before.spec, delay: { ...before.spec.delay, latency: '300ms' } } });
  });

  test('the same spec gives the same name across runs and construct paths', () => {
    const a = only(latency().chart).metadata.name;
    const b = only(latency({}, 'another-id').chart).metadata.name;
    expect(b).toBe(a);
  });

  test('metadata edits do not rename (they are not refused by Chaos Mesh)', () => {
    const before = only(latency().chart).metadata.name;
    const { chart, exp } = latency();
    exp.addAcknowledgement('CM003', 'a long run reviewed in PR 7');
    expect(only(chart).metadata.name).toBe(before);
  });

  test('the hash covers escape-hatch JSON patches', () => {
    const before = only(latency().chart);
    const { chart, exp } = latency();
    ApiObject.of(exp).addJsonPatch(JsonPatch.replace('/spec/duration', '4m'));
    const after = only(chart);
    expect(after.spec.duration).toBe('4m');
    expect(after.metadata.name).toBe(`podinfo-latency-${specHash(after.spec)}`);
    expect(after.metadata.name).not.toBe(before.metadata.name);
  });

  test('a Workflow is renamed when its phases change (a finished Workflow never re-runs)', () => {
    const phases = { baseline: GoDuration.minutes(1), recovery: GoDuration.minutes(1) };
    const a = only(latency({ phases }).chart).metadata.name;
    const b = only(latency({ phases: { ...phases, recovery: GoDuration.minutes(2) } }).chart).metadata.name;
    expect(a).not.toBe(b);
  });

  test('objectName reports the emitted name', () => {
    const { chart, exp } = latency();
    expect(exp.objectName).toBe(only(chart).metadata.name);
    expect(exp.readableName).toBe('podinfo-latency');
  });

  test('canonicalJson ignores key order and undefined values', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } }))
      .toBe('{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(specHash({ b: 1, a: 2 })).toBe(specHash({ a: 2, b: 1 }));
    expect(specHash({ a: 1 })).not.toBe(specHash({ a: 2 }));
  });
});
