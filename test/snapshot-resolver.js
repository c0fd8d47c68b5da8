// Keeps every snapshot under the repository's top-level __snapshots__/ folder, mirroring test/:
// test/install/values.test.ts -> __snapshots__/install/values.test.ts.snap
const path = require('path');

const root = path.resolve(__dirname, '..');
const testDir = path.join(root, 'test');
const snapshotDir = path.join(root, '__snapshots__');

module.exports = {
  resolveSnapshotPath: (testPath, ext) => path.join(snapshotDir, path.relative(testDir, testPath) + ext),
  resolveTestPath: (snapshotPath, ext) => path.join(testDir, path.relative(snapshotDir, snapshotPath).slice(0, -ext.length)),
  testPathForConsistencyCheck: path.join(testDir, 'area', 'example.test.ts'),
};
