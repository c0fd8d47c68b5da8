/**
 * How long a test lets a child process (a shell script, the CLI, a generator, a nested jest) run
 * before killing it. It only stops a hang; speed is measured in bench/, never asserted here.
 * Under `npm test` (two jest workers) on this 2-core machine, with a CPU hog beside it and a load
 * average near 20, the slowest child took 32 s (`cdk8s import` in test/imports.test.ts), so
 * 120 s holds with room to spare. Jest's testTimeout (jest.config.js) is longer, so a hang
 * reports the child's own error and output rather than a bare jest timeout.
 */
export const CHILD_TIMEOUT_MS = 120_000;
