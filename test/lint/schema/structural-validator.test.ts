import { Issue } from '../../../lib/lint/_issue';
import { SchemaNode, StructuralValidator } from '../../../lib/lint/schema/structural-validator';

const validator = new StructuralValidator({
  shared: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
});

function check(value: unknown, schema: SchemaNode): Issue[] {
  const out: Issue[] = [];
  validator.validate(value, schema, 'spec', out);
  return out;
}

const paths = (issues: Issue[]) => issues.map((i) => i.path);

describe('StructuralValidator', () => {
  test('unknown fields are errors that list the allowed fields and suggest the nearest', () => {
    const issues = check({ labelSelector: {} }, { type: 'object', properties: { labelSelectors: { type: 'object' }, namespaces: { type: 'array' } } });
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe('spec.labelSelector');
    expect(issues[0].message).toMatch(/unknown field "labelSelector".*--validate=strict.*labelSelectors, namespaces/);
    expect(issues[0].fix).toBe('Did you mean "labelSelectors"? Rename or remove the field.');
  });

  test('x-kubernetes-preserve-unknown-fields allows unknown fields at that level', () => {
    expect(check({ anything: 1 }, { type: 'object', 'x-kubernetes-preserve-unknown-fields': true })).toEqual([]);
    expect(check({ a: { b: 1 } }, { type: 'object', properties: { a: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } })).toEqual([]);
  });

  test('additionalProperties validates map values', () => {
    const schema = { type: 'object', additionalProperties: { type: 'string' } };
    expect(check({ a: 'x' }, schema)).toEqual([]);
    expect(paths(check({ a: 1 }, schema))).toEqual(['spec.a']);
  });

  test('embedded resources accept apiVersion, kind and metadata', () => {
    expect(check({ apiVersion: 'v1', kind: 'Pod', metadata: {} }, { type: 'object', 'x-kubernetes-embedded-resource': true, properties: {} })).toEqual([]);
  });

  test('types, with the fix saying how to write the value', () => {
    const [issue] = check({ correlation: 25 }, { type: 'object', properties: { correlation: { type: 'string' } } });
    expect(issue).toMatchObject({ path: 'spec.correlation', message: 'must be a string, found the number 25.', fix: 'Quote the value: "25".' });
    expect(paths(check({ n: 1.5 }, { type: 'object', properties: { n: { type: 'integer' } } }))).toEqual(['spec.n']);
    expect(check({ n: 2 }, { type: 'object', properties: { n: { type: 'number' } } })).toEqual([]);
  });

  test('x-kubernetes-int-or-string accepts integers and strings only', () => {
    const schema = { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] };
    expect(check(80, schema)).toEqual([]);
    expect(check('http', schema)).toEqual([]);
    expect(check(true, schema)[0].message).toBe('must be an integer or a string, found the boolean true.');
  });

  test('nullable allows null; elsewhere null is dropped (a warning) and a required field goes missing', () => {
    const schema = { type: 'object', required: ['a', 'b'], properties: { a: { type: 'string', nullable: true }, b: { type: 'string' } } };
    const issues = check({ a: null, b: null }, schema);
    expect(issues.map((i) => [i.path, i.severity ?? 'error'])).toEqual([['spec.b', 'error'], ['spec.b', 'warning']]);
  });

  test('enums list the allowed values', () => {
    const [issue] = check('Replace', { type: 'string', enum: ['Forbid', 'Allow'] });
    expect(issue.message).toBe('"Replace" is not an allowed value; allowed: "Forbid", "Allow".');
  });

  test('required fields are reported at their own path', () => {
    expect(paths(check({}, { type: 'object', required: ['selector'], properties: { selector: { type: 'object' } } }))).toEqual(['spec.selector']);
  });

  test('minimum and maximum, including the boolean exclusive form of the CRDs', () => {
    expect(check(0, { type: 'integer', minimum: 0 })).toEqual([]);
    expect(check(0, { type: 'integer', minimum: 0, exclusiveMinimum: true })[0].message).toBe('0 is too small: it must be greater than 0.');
    expect(check(8193, { type: 'integer', maximum: 8192 })[0].message).toBe('8193 is too large: it must be at most 8192.');
  });

  test('formats int32, date-time and byte; patterns; lengths', () => {
    expect(paths(check(2 ** 31, { type: 'integer', format: 'int32' }))).toEqual(['spec']);
    expect(check('2025-01-31T12:00:00Z', { type: 'string', format: 'date-time' })).toEqual([]);
    expect(paths(check('yesterday', { type: 'string', format: 'date-time' }))).toEqual(['spec']);
    expect(paths(check('not base64!', { type: 'string', format: 'byte' }))).toEqual(['spec']);
    expect(check('200ms', { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h)$' })).toEqual([]);
    expect(check('200 ms', { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h)$' })[0].message).toMatch(/does not match the pattern/);
    expect(paths(check('ab', { type: 'string', minLength: 3 }))).toEqual(['spec']);
  });

  test('list-type set and map items must be unique', () => {
    expect(paths(check(['a', 'b', 'a'], { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' }))).toEqual(['spec[2]']);
    const map = { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } }, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] };
    expect(paths(check([{ name: 'a' }, { name: 'a' }], map))).toEqual(['spec[1]']);
  });

  test('array items are validated with their index in the path', () => {
    expect(paths(check([{}, { name: 'x' }], { type: 'array', items: { $ref: 'shared' } }))).toEqual(['spec[0].name']);
  });

  test('$ref resolves shared subtrees of the bundle', () => {
    expect(check({ name: 'x' }, { $ref: 'shared' })).toEqual([]);
    expect(() => check({}, { $ref: 'missing' })).toThrow(/unknown \$ref "missing"/);
  });

  test('anyOf and allOf are value checks', () => {
    expect(paths(check(5, { anyOf: [{ type: 'integer', maximum: 1 }, { type: 'integer', minimum: 10 }] }))).toEqual(['spec']);
    expect(paths(check(5, { allOf: [{ type: 'integer', maximum: 1 }] }))).toEqual(['spec']);
  });

  test('an opaque metadata property is left to the ObjectMeta check', () => {
    expect(check({ metadata: { anything: 1 } }, { type: 'object', properties: { metadata: { type: 'object' } } })).toEqual([]);
  });

  test('a required field with a default is never missing: the API server defaults it first', () => {
    const schema = {
      type: 'object',
      required: ['type', 'url'],
      properties: { type: { type: 'string', enum: ['HTTP'], default: 'HTTP' }, url: { type: 'string' }, shared: { $ref: 'withDefault' } },
    };
    expect(paths(check({}, schema))).toEqual(['spec.url']);
    expect(paths(check({ url: 'http://x' }, schema))).toEqual([]);
    // the default also takes the place of a pruned null (which still gets its warning)
    const nulled = check({ type: null, url: 'http://x' }, schema);
    expect(nulled.map((i) => [i.path, i.severity])).toEqual([['spec.type', 'warning']]);
    expect(nulled[0].message).toBe('is null; the API server drops null values of fields that are not nullable, so this field is removed and set to its default "HTTP".');
    // defaults behind a $ref count too
    const viaRef = new StructuralValidator({ withDefault: { type: 'integer', default: 3 } });
    const out: Issue[] = [];
    viaRef.validate({}, { type: 'object', required: ['n'], properties: { n: { $ref: 'withDefault' } } }, 'spec', out);
    expect(out).toEqual([]);
  });
});
