import { createHash } from 'crypto';
import { ApiObject, JsonPatch, Lazy, Testing } from 'cdk8s';
import {
  canonicalJson, contentName, ContentNamedApiObject, ContentNamedApiObjectProps, SPEC_HASH_LENGTH, specHash,
} from '../lib/content-named-api-object';
import * as experiments from '../lib/experiments';

const sha8 = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 8);

function build(props: Partial<ContentNamedApiObjectProps> = {}) {
  const chart = Testing.chart();
  const obj = new ContentNamedApiObject(chart, 'Resource', {
    apiVersion: 'example.org/v1',
    kind: 'Thing',
    metadata: { name: 'thing', namespace: 'ns' },
    spec: { size: 3, mode: 'fast' },
    ...props,
  });
  const synth = (): any => Testing.synth(chart)[0];
  return { chart, obj, synth };
}

describe('canonicalJson / specHash / contentName', () => {
  test('canonicalJson sorts keys at every level, keeps array order and drops undefined values', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1, { y: 2, x: 1 }], c: undefined } }))
      .toBe('{"a":{"d":[2,1,{"x":1,"y":2}]},"b":1}');
  });

  test('specHash is the first 8 hex characters of sha256 over the canonical JSON', () => {
    expect(SPEC_HASH_LENGTH).toBe(8);
    expect(specHash({ b: 1, a: 'x' })).toBe(sha8('{"a":"x","b":1}'));
    expect(specHash({ b: 1, a: 'x' })).toBe(specHash({ a: 'x', b: 1 }));
    expect(specHash({ a: 1 })).not.toBe(specHash({ a: 2 }));
    // No spec hashes like an empty one.
    expect(specHash(undefined)).toBe(sha8('{}'));
  });

  test('contentName joins the readable name and the hash', () => {
    expect(contentName('podinfo', { a: 1 })).toBe(`podinfo-${sha8('{"a":1}')}`);
  });

  test('lib/experiments re-exports the same helpers (its public API)', () => {
    expect(experiments.canonicalJson).toBe(canonicalJson);
    expect(experiments.specHash).toBe(specHash);
    expect(experiments.contentName).toBe(contentName);
    expect(experiments.SPEC_HASH_LENGTH).toBe(SPEC_HASH_LENGTH);
  });
});

describe('ContentNamedApiObject', () => {
  test('is named <metadata.name>-<hash of the emitted spec> by default', () => {
    const { obj, synth } = build();
    const json = synth();
    expect(json.metadata).toEqual({ name: `thing-${sha8('{"mode":"fast","size":3}')}`, namespace: 'ns' });
    expect(obj.readableName).toBe('thing');
    expect(obj.contentNamed).toBe(true);
  });

  test('contentNamed: false keeps metadata.name', () => {
    expect(build({ contentNamed: false }).synth().metadata.name).toBe('thing');
  });

  test('without metadata.name, the readable part is the name cdk8s generates', () => {
    const { obj, synth } = build({ metadata: {} });
    expect(obj.readableName).toBe(obj.name);
    expect(synth().metadata.name).toBe(`${obj.name}-${specHash(synth().spec)}`);
  });

  test('lazy specs are resolved before hashing', () => {
    let size = 3;
    const { synth } = build({ spec: Lazy.any({ produce: () => ({ size, mode: 'fast' }) }) });
    const before = synth().metadata.name;
    expect(before).toBe(build().synth().metadata.name);
    size = 4;
    expect(synth().metadata.name).not.toBe(before);
  });

  test('a JSON patch added after construction is part of the hash', () => {
    const { chart, synth } = build();
    const before = synth().metadata.name;
    ApiObject.of(chart.node.findChild('Resource')).addJsonPatch(JsonPatch.replace('/spec/size', 5));
    const after = synth();
    expect(after.spec.size).toBe(5);
    expect(after.metadata.name).toBe(`thing-${specHash({ size: 5, mode: 'fast' })}`);
    expect(after.metadata.name).not.toBe(before);
  });

  test('metadata edits do not rename', () => {
    const { obj, synth } = build();
    const before = synth().metadata.name;
    obj.metadata.addLabel('team', 'sre');
    obj.addJsonPatch(JsonPatch.add('/metadata/annotations', { note: 'reviewed' }));
    const after = synth();
    expect(after.metadata).toMatchObject({ labels: { team: 'sre' }, annotations: { note: 'reviewed' } });
    expect(after.metadata.name).toBe(before);
  });

  test('late annotations are read at synth, and a JSON patch can still change them', () => {
    let limit = '64Mi';
    const { obj, synth } = build({ lateAnnotations: () => ({ 'example.org/limit': limit }) });
    limit = '128Mi';
    expect(synth().metadata.annotations).toEqual({ 'example.org/limit': '128Mi' });
    obj.addJsonPatch(JsonPatch.replace('/metadata/annotations/example.org~1limit', '1Gi'));
    expect(synth().metadata.annotations).toEqual({ 'example.org/limit': '1Gi' });
  });
});
