#!/usr/bin/env node
// `tsc` compiles lib/ into build/lib/ but copies only TypeScript's own outputs. The shell scripts
// that constructs put into ConfigMaps (probe, guard) are read next to the compiled code, so copy
// them with the same relative paths.
import { cpSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const assets = readdirSync(join(root, 'lib'), { recursive: true }).filter((f) => f.endsWith('.sh'));
for (const file of assets) {
  cpSync(join(root, 'lib', file), join(root, 'build', 'lib', file));
}
