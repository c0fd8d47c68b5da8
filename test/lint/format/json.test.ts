import * as path from 'path';
import { formatJson, toLintJson } from '../../../lib/lint/format/json';
import { lintPaths } from '../../../lib/lint/lint';

const cwd = path.join(__dirname, '..', '..', '..');
const F = 'test/fixtures/lint';

/** The DESIGN.md "CLI contract" document, checked key by key and type by type. */
function expectContractShape(doc: any): void {
  expect(Object.keys(doc)).toEqual(['version', 'summary', 'findings']);
  expect(doc.version).toBe(1);
  expect(Object.keys(doc.summary)).toEqual(['files', 'objects', 'errors', 'warnings', 'acknowledged']);
  for (const v of Object.values(doc.summary)) expect(Number.isInteger(v)).toBe(true);
  expect(Array.isArray(doc.findings)).toBe(true);
  for (const f of doc.findings) {
    // The contract's keys in its order; an acknowledged finding adds its reason after them.
    const contract = ['rule', 'severity', 'acknowledged', 'file', 'line', 'object', 'path', 'message', 'fix'];
    expect(Object.keys(f)).toEqual(f.acknowledged ? [...contract, 'ackReason'] : contract);
    expect(f.rule).toMatch(/^(CM0(0[1-9]|10)|schema|admission|input)$/);
    expect(['error', 'warning']).toContain(f.severity);
    expect(typeof f.acknowledged).toBe('boolean');
    expect('ackReason' in f).toBe(f.acknowledged);
    expect(typeof f.file).toBe('string');
    expect(Number.isInteger(f.line)).toBe(true);
    for (const k of ['object', 'path', 'message', 'fix']) expect(typeof f[k]).toBe('string');
  }
}

describe('lint --format json', () => {
  test('matches the contract for a mixed run (errors, warnings, acknowledged)', async () => {
    const result = await lintPaths([`${F}/invalid/acknowledged.yaml`, `${F}/invalid/unknown-kind.yaml`, `${F}/invalid/stress-too-big.yaml`, `${F}/valid/podinfo.yaml`], { cwd });
    const doc = JSON.parse(formatJson(result));
    expectContractShape(doc);
    expect(doc.summary).toEqual({ files: 4, objects: 6, errors: 1, warnings: 1, acknowledged: 1 });
    expect(doc.findings.map((f: any) => f.rule)).toEqual(['CM006', 'schema', 'CM002']);
    expect(doc.findings[0]).toMatchObject({ acknowledged: true, ackReason: 'the checkout team owns every pod in this namespace', file: `${F}/invalid/acknowledged.yaml`, line: 12 });
    expect(doc.findings[2]).toEqual({
      rule: 'CM002',
      severity: 'error',
      acknowledged: false,
      file: `${F}/invalid/stress-too-big.yaml`,
      line: 16,
      object: 'StressChaos/chaos-mesh/podinfo-memory-stress-1g',
      path: 'spec.stressors.memory.size',
      message: expect.stringMatching(/1000000000 bytes/),
      fix: expect.any(String),
    });
  });

  test('a clean run is a valid document with no findings', async () => {
    const doc = toLintJson(await lintPaths([`${F}/valid`], { cwd }));
    expectContractShape(doc);
    expect(doc.findings).toEqual([]);
  });

  test('the output is stable: the same input gives the same text', async () => {
    const run = async () => formatJson(await lintPaths([`${F}/reference`], { cwd, valuesFiles: [`${F}/reference/chaos-mesh-values.yaml`] }));
    expect(await run()).toBe(await run());
  });
});
