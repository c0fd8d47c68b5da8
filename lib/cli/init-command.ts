/**
 * `cdk8s-chaos-mesh init [DIR] [--example NAME]`: a new chaos repository that `npm install &&
 * npx cdk8s synth` turns into a clean dist/, and whose ci.sh runs types, synth and lint.
 *
 * Exit 0: files written. Exit 2: unusable arguments, or DIR holds files (init never overwrites:
 * the message names them).
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import * as path from 'path';
import { ownPackage, OwnPackage } from './_package';

export interface InitIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** The example apps shipped under examples/, each a main.ts. */
export const EXAMPLES = ['reference', 'same-app-deployment', 'namespace-team'] as const;

export const INIT_USAGE = `Usage: cdk8s-chaos-mesh init [DIR] [--example NAME]

Creates a chaos repository in DIR (default: the current directory): package.json (this version of
cdk8s-chaos-mesh and the cdk8s, cdk8s-plus-28 and constructs versions it was built with), cdk8s.yaml,
.npmrc, tsconfig.json, main.ts, .gitignore and ci.sh (type check, synth, lint). Then:
  cd DIR && npm install && npx cdk8s synth

DIR must be empty or new (a .git folder alone is fine): init never overwrites a file.

Options:
  --example NAME   the main.ts to start from: ${EXAMPLES.join(', ')} (default: reference)
  --help           show this help
`;

/** Packages the generated project depends on, pinned to the versions this package was built and tested with. */
const RUNTIME_PACKAGES = ['cdk8s', 'cdk8s-plus-28', 'constructs'];
const DEV_PACKAGES = ['@types/node', 'cdk8s-cli', 'ts-node', 'typescript'];

/** Directory entries that do not make a directory "non-empty" for init. */
const IGNORED_ENTRIES = new Set(['.git']);

export function runInit(argv: string[], io: InitIO): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr(`cdk8s-chaos-mesh init: ${args}\n\n${INIT_USAGE}`);
    return 2;
  }
  if (args.help) {
    io.stdout(INIT_USAGE);
    return 0;
  }
  const dir = path.resolve(args.dir);
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    io.stderr(`cdk8s-chaos-mesh init: ${args.dir} exists and is not a directory.\n`);
    return 2;
  }
  const present = existsSync(dir) ? readdirSync(dir).filter((f) => !IGNORED_ENTRIES.has(f)).sort() : [];
  if (present.length > 0) {
    const shown = present.length > 10 ? [...present.slice(0, 10), `... (${present.length - 10} more)`] : present;
    io.stderr(`cdk8s-chaos-mesh init: ${args.dir} is not empty (${shown.join(', ')}); init never overwrites files. `
      + 'Run it in a new or empty directory.\n');
    return 2;
  }

  const pkg = ownPackage();
  const files = projectFiles(pkg, path.basename(dir), readFileSync(path.join(pkg.root, 'examples', args.example, 'main.ts'), 'utf8'));
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    // 'wx': fails instead of overwriting, should a file appear between the check and the write.
    writeFileSync(path.join(dir, name), content, { flag: 'wx' });
  }
  chmodSync(path.join(dir, 'ci.sh'), 0o755);
  const cd = path.relative(process.cwd(), dir);
  io.stdout(`Created ${Object.keys(files).join(', ')} in ${cd || '.'} (main.ts from the ${args.example} example).\n`
    + `Next:\n${cd ? `  cd ${cd}\n` : ''}  npm install\n  npx cdk8s synth       # writes dist/: commit it, ArgoCD syncs it\n`
    + '  ./ci.sh               # what CI runs: types, a fresh dist/, the safety lint\n');
  return 0;
}

interface InitArgs {
  readonly dir: string;
  readonly example: string;
  readonly help: boolean;
}

function parseArgs(argv: string[]): InitArgs | string {
  let dir: string | undefined;
  let example = 'reference';
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--example' || arg.startsWith('--example=')) {
      const value = arg === '--example' ? argv[++i] : arg.slice('--example='.length);
      if (!(EXAMPLES as readonly string[]).includes(value)) {
        return `--example takes one of ${EXAMPLES.join(', ')}; got ${JSON.stringify(value ?? '')}.`;
      }
      example = value;
    } else if (arg.startsWith('-')) return `unknown option ${JSON.stringify(arg)}.`;
    else if (dir !== undefined) return `one DIR only; got ${JSON.stringify(dir)} and ${JSON.stringify(arg)}.`;
    else dir = arg;
  }
  return { dir: dir ?? '.', example, help };
}

/** The generated repository, file name to content. */
function projectFiles(pkg: OwnPackage, dirName: string, mainTs: string): Record<string, string> {
  const pin = (names: string[]) => Object.fromEntries(names.map((n) => [n, exactVersion(pkg, n)]));
  const packageJson = {
    name: npmName(dirName),
    version: '0.1.0',
    private: true,
    description: 'Chaos experiments on Chaos Mesh, synthesized by cdk8s-chaos-mesh into dist/ (synced by ArgoCD)',
    scripts: {
      synth: 'cdk8s synth',
      lint: 'cdk8s-chaos-mesh lint --strict dist',
      typecheck: 'tsc --noEmit',
      ci: './ci.sh',
    },
    dependencies: { [pkg.name]: pkg.version, ...pin(RUNTIME_PACKAGES) },
    devDependencies: pin(DEV_PACKAGES),
  };
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'commonjs',
      moduleResolution: 'node',
      lib: ['ES2022'],
      types: ['node'],
      strict: true,
      noUnusedLocals: true,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
    },
    include: ['main.ts'],
  };
  return {
    'package.json': `${JSON.stringify(packageJson, null, 2)}\n`,
    'cdk8s.yaml': CDK8S_YAML,
    '.npmrc': NPMRC,
    'tsconfig.json': `${JSON.stringify(tsconfig, null, 2)}\n`,
    'main.ts': mainTs,
    '.gitignore': 'node_modules/\n',
    'ci.sh': CI_SH,
  };
}

/** The exact version this package was built with (its devDependencies pin every peer). */
function exactVersion(pkg: OwnPackage, name: string): string {
  const version = pkg.devDependencies[name];
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(`the package.json of ${pkg.name} pins no exact version of ${name} (found ${JSON.stringify(version)})`);
  }
  return version;
}

/** A valid npm package name from a directory name ("My Chaos" -> "my-chaos"). */
function npmName(dirName: string): string {
  const name = dirName.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|-+$/g, '');
  return name || 'chaos-experiments';
}

const CDK8S_YAML = `# \`npx cdk8s synth\` runs main.ts and writes dist/: commit it, ArgoCD syncs it.
# main.ts runs through ts-node's require hook without type checking (\`npm run typecheck\` does
# that). \`node -e\` keeps Node's CommonJS loader, which the --import preload in .npmrc would
# otherwise replace by the ES module loader (that one cannot load .ts files).
language: typescript
app: node -r ts-node/register/transpile-only -e "require('./main.ts')"
output: dist
`;

const NPMRC = `# cdk8s-cli checks npm for a newer version on every command (a stack trace when offline). npm
# passes node-options to every node process it starts (npx cdk8s synth, npm test, ...), so this
# switches the check off in this project unless CDK8S_CHECK_UPGRADE is already set.
node-options=--import=data:text/javascript,process.env.CDK8S_CHECK_UPGRADE||="false"
`;

const CI_SH = `#!/bin/sh
# CI: the types, a dist/ that matches main.ts, and the safety lint (rules: RULES.md of
# cdk8s-chaos-mesh). Exit non-zero on the first failure.
set -eu
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
npx tsc --noEmit
npx cdk8s synth
if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && [ -n "$(git status --porcelain -- dist)" ]; then
  echo "dist/ is stale: run 'npx cdk8s synth' and commit the result." >&2
  git status --short -- dist >&2
  exit 1
fi
npx cdk8s-chaos-mesh lint --strict dist
`;
