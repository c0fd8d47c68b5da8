/** Jest runs TypeScript through SWC (type checking is `npm run typecheck`, kept separate and fast). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
  snapshotResolver: '<rootDir>/test/snapshot-resolver.js',
  // A hang-stopper, above the child-process bound of test/support/child-timeout.ts (120 s) so
  // that a hung child reports itself; the slowest test took 43 s on a loaded 2-core machine.
  testTimeout: 180000,
  // Two workers: on a 2-core machine jest's default (cores - 1) runs the suite serially, and most
  // of its time is spent waiting on child processes (the shell scripts, npm, the CLI). The tests
  // that run scripts against wall clocks bound only what stays true on a loaded machine.
  maxWorkers: 2,
};
