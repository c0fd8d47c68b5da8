/**
 * Jest runs TypeScript through SWC (type checking is `npm run typecheck`, kept separate and fast).
 *
 * lint loads the ESM-only kubernetes-models packages with a native dynamic `import()`, which Jest
 * supports only under Node's `--experimental-vm-modules` (without it every such import fails).
 * `npm test` starts Jest with the flag; when Jest is started without it (`npx jest test/lint`),
 * this file runs the same command again with it, so every way of running the tests agrees.
 */
const { spawnSync } = require('child_process');

const VM_MODULES = '--experimental-vm-modules';
const startedByJestCli = /[\\/]jest(-cli)?[\\/]bin[\\/]jest\.js$/.test(require.main?.filename ?? '');
if (startedByJestCli && !process.execArgv.includes(VM_MODULES) && !(process.env.NODE_OPTIONS ?? '').includes(VM_MODULES)) {
  const args = [VM_MODULES, '--disable-warning=ExperimentalWarning', ...process.execArgv, ...process.argv.slice(1)];
  const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
  snapshotResolver: '<rootDir>/test/snapshot-resolver.js',
  testTimeout: 30000,
};
