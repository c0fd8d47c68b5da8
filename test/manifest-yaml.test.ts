/**
 * lib/_manifest-yaml.ts must write exactly the bytes of cdk8s's `Yaml.stringify` (the writer it
 * replaces in synth): compared on dist/, on every fixture object, on a generated app, and on
 * generated hostile values (strings that look like other YAML types, indicators, unicode, control
 * characters, line breaks, long lines, awkward keys, empty and nested collections, odd numbers).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { scaleApp } from '../bench/_scale-app';
import { manifestYaml } from '../lib/_manifest-yaml';

const root = path.join(__dirname, '..');

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** The documents of a YAML file that parse without error, as plain data. */
function documents(file: string): unknown[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8'), { version: '1.1' })
    .filter((d) => d.errors.length === 0)
    .map((d) => d.toJSON());
}

const library = (docs: readonly unknown[]) => Yaml.stringify(...docs);

test.each(yamlFiles(path.join(root, 'dist')).map((f) => [path.relative(root, f)]))('%s: the same bytes as the file and as cdk8s', (file) => {
  const docs = documents(path.join(root, file));
  expect(manifestYaml(docs)).toBe(library(docs));
  if (!file.startsWith('dist/helm-values/')) expect(manifestYaml(docs)).toBe(fs.readFileSync(path.join(root, file), 'utf8'));
});

test('every fixture object: the same bytes as cdk8s', () => {
  const files = yamlFiles(path.join(root, 'test', 'fixtures'));
  expect(files.length).toBeGreaterThan(100);
  for (const file of files) {
    const docs = documents(file);
    // one document at a time, so that a difference names its file
    for (const doc of docs) expect([file, manifestYaml([doc])]).toEqual([file, library([doc])]);
    expect(manifestYaml(docs)).toBe(library(docs));
  }
});

test('a generated app\'s rendered objects: the same bytes as cdk8s, most written without it', () => {
  const objects = scaleApp(9).synthObjects().map((s) => s.object);
  const expected = library(objects);
  const calls = jest.spyOn(Yaml, 'stringify');
  try {
    expect(manifestYaml(objects)).toBe(expected);
    // Only the scalars it cannot write plain (the probe's multi-line script, quoted numbers) go to cdk8s, once each.
    expect(calls.mock.calls.length).toBeLessThan(objects.length / 4);
  } finally {
    calls.mockRestore();
  }
});

test('values the fast path cannot write plain are printed by cdk8s', () => {
  const shared = { a: 1 };
  const cases: unknown[] = [
    { shared, again: shared }, // an alias
    { a: undefined, b: [undefined] },
    { when: new Date(0) },
    { 'yes': 1, '1': 2, 'a: b': 3, '': 4, [`${'k'.repeat(1025)}`]: 5 },
    // eslint-disable-next-line no-sparse-arrays
    [1, , 3],
    'top-level scalar',
    null,
    { n: [-0, 0.5, 1e21, 2 ** 53, NaN, -Infinity] },
  ];
  for (const doc of cases) expect(manifestYaml([doc])).toBe(library([doc]));
  expect(manifestYaml([undefined, { a: 1 }, undefined])).toBe(Yaml.stringify(undefined, { a: 1 }, undefined));
});

/** Strings YAML 1.1 reads as something else, or that need quotes, blocks or escapes. */
const HOSTILE = [
  '', ' ', 'yes', 'No', 'ON', 'off', 'y', 'N', 'true', 'False', 'NULL', 'null', '~', '<<', '.inf', '-.Inf', '.NaN',
  '0777', '0o17', '0x1F', '0b101', '1_000', '+12', '-0', '190:20:30', '1:20.5', '1e3', '-1.5e-3', '.5', '1.', '2001-12-14',
  '2001-12-14t21:59:43.10-05:00', '2002-12-14 21:59:43', '---', '...', '--- x', '%YAML 1.1', '- x', '? x', '-', '?', ':',
  'a: b', 'a #b', 'a#b', 'x:', ' x', 'x ', 'http://h:80/x?y=1#z', "it's", '"q"', `'"`, '@x', '`x', '!tag', '&a', '*a',
  '|', '>', '[x]', '{x}', 'a, b', 'a\nb', 'a\n', 'a\n\n', '\n', '\na', '\n a', 'a \nb', 'a\n b', '  \n', 'x\n  ', '\t',
  'é', 'ü: x', '😀', '\u0085', '\u2028', '\u00a0', '\x00', '\x07', '\x1b', '\x7f', '\ud800', 'long '.repeat(300),
  `${'line\n'.repeat(30)}`, '#!/bin/sh\nset -eu\necho "$X: done" # ok\n',
];
const CHARS = [' ', ':', '#', '-', '?', '\n', '\t', "'", '"', '%', '@', '|', '>', '{', ']', ',', '&', '*', '!', '.', '0',
  '7', '9', 'x', 'b', 'e', '+', '_', 'y', 'n', 'o', 'T', 'Z', 'é', '😀', '\u2028', '\x00', 'a'];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 12 }),
  fc.tuple(fc.constantFrom(...HOSTILE), fc.constantFrom(...HOSTILE)).map(([a, b]) => a + b),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const leaf = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(-0, NaN, Infinity, 2 ** 53, 1e21, 0.1),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('map')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.dictionary(fc.oneof(hostileString, fc.constantFrom('metadata', 'app.kubernetes.io/name', 'x')), tie('value'), { maxKeys: 4 }),
}));

test('generated hostile documents: the same bytes as cdk8s', () => {
  const doc = fc.oneof(fc.dictionary(fc.constantFrom('apiVersion', 'kind', 'spec', 'data'), value, { maxKeys: 4 }), fc.array(value, { maxLength: 3 }));
  fc.assert(fc.property(fc.array(doc, { minLength: 1, maxLength: 3 }), (docs) => {
    expect(manifestYaml(docs)).toBe(library(docs));
  }), { numRuns: Number(process.env.FUZZ_RUNS ?? 1000) });
});
