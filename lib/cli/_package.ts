/** Where this package is installed, for the commands that read its own files (version, examples). */
import { readFileSync } from 'fs';
import * as path from 'path';

/** The parts of this package's package.json the commands read. */
export interface OwnPackage {
  readonly root: string;
  readonly name: string;
  readonly version: string;
  readonly devDependencies: Readonly<Record<string, string>>;
  readonly peerDependencies: Readonly<Record<string, string>>;
}

let cached: OwnPackage | undefined;

/** This package's root and package.json: lib/cli/ in the repository, build/lib/cli/ when installed. */
export function ownPackage(): OwnPackage {
  if (cached) return cached;
  for (const up of ['../..', '../../..']) {
    const root = path.resolve(__dirname, up);
    try {
      const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
      if (pkg.name !== 'cdk8s-chaos-mesh') continue;
      cached = { root, name: pkg.name, version: pkg.version, devDependencies: pkg.devDependencies ?? {}, peerDependencies: pkg.peerDependencies ?? {} };
      return cached;
    } catch {
      // not at this level
    }
  }
  throw new Error(`cannot find the package.json of cdk8s-chaos-mesh above ${__dirname}`);
}
