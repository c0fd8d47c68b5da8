/**
 * What loading the library loads: only packages it declares, and not cdk8s-plus-28, which the
 * library needs for types only (a peer dependency for users who build targets from cdk8s-plus
 * workloads; loading it costs more than a small app's synth).
 */
import * as path from 'path';
import { buildSync } from 'esbuild';
import { repoRoot } from './support/run-app';

const pkg = require('../package.json');

/** The npm packages `lib/index.ts` and everything it imports load at run time. */
function runtimePackages(): string[] {
  const result = buildSync({
    entryPoints: [path.join(repoRoot, 'lib', 'index.ts')],
    bundle: true, packages: 'external', platform: 'node', format: 'cjs', write: false, metafile: true, logLevel: 'silent',
    outfile: path.join(repoRoot, 'build', 'runtime-imports.js'),
  });
  const imports = Object.values(result.metafile!.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  const packages = imports.filter((p) => !p.startsWith('node:') && !require('module').builtinModules.includes(p))
    .map((p) => (p.startsWith('@') ? p.split('/').slice(0, 2) : p.split('/').slice(0, 1)).join('/'));
  return [...new Set(packages)].sort();
}

test('the library loads only declared packages, and never cdk8s-plus-28', () => {
  const packages = runtimePackages();
  expect(packages).not.toContain('cdk8s-plus-28');
  expect(packages).toEqual(expect.arrayContaining(['cdk8s', 'constructs', 'yaml']));
  const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)]);
  expect(packages.filter((p) => !declared.has(p))).toEqual([]);
});
