import { checkObjectMeta, nameProblem, NameRule } from '../../../lib/lint/schema/object-meta';

const paths = (metadata: unknown, props = {}) => checkObjectMeta(metadata, props).map((i) => i.path);

describe('checkObjectMeta', () => {
  test('a plain name and namespace pass', () => {
    expect(checkObjectMeta({ name: 'podinfo-kill', namespace: 'chaos-mesh', labels: { 'app.kubernetes.io/name': 'podinfo' }, annotations: { 'ack.cdk8s-chaos-mesh.io/CM007': 'a reason here' } })).toEqual([]);
  });

  test('a name is required, unless generateName is set', () => {
    expect(paths(undefined)).toEqual(['metadata']);
    expect(paths({})).toEqual(['metadata.name']);
    expect(paths({ generateName: 'guard-' })).toEqual([]);
  });

  test('names follow the rule of the kind', () => {
    expect(nameProblem('a.b', NameRule.DNS_SUBDOMAIN)).toBeUndefined();
    expect(nameProblem('a.b', NameRule.DNS_LABEL)).toMatch(/DNS-1123 label/);
    expect(nameProblem('9lives', NameRule.DNS_1035_LABEL)).toMatch(/starts with a letter/);
    expect(nameProblem('x'.repeat(64), NameRule.DNS_LABEL)).toMatch(/64 characters long, the maximum is 63/);
    expect(nameProblem('system:aggregate', NameRule.PATH_SEGMENT)).toBeUndefined();
    expect(nameProblem('a/b', NameRule.PATH_SEGMENT)).toMatch(/"\/"/);
  });

  test('label keys and values, annotation keys', () => {
    expect(paths({ name: 'x', labels: { 'bad key': 'v', ok: 'bad value!', n: 1 } })).toEqual([
      'metadata.labels["bad key"]',
      'metadata.labels.ok',
      'metadata.labels.n',
    ]);
    expect(paths({ name: 'x', annotations: { 'a/b/c': 'v' } })).toEqual(['metadata.annotations["a/b/c"]']);
  });

  test('unknown metadata fields are errors with a suggestion', () => {
    const [issue] = checkObjectMeta({ name: 'x', lables: {} });
    expect(issue).toMatchObject({ path: 'metadata.lables', fix: 'Did you mean "labels"?' });
  });

  test('the namespace must be a DNS label; on a cluster-scoped kind it is a warning', () => {
    expect(paths({ name: 'x', namespace: 'Chaos_Mesh' })).toEqual(['metadata.namespace']);
    expect(checkObjectMeta({ name: 'x', namespace: 'default' }, { namespaced: false })[0].severity).toBe('warning');
  });
});
