import * as path from 'path';
import { formatSarif } from '../../../lib/lint/format/sarif';
import { LintResult, lintPaths } from '../../../lib/lint/lint';
import { RULES } from '../../../lib/safety';

const cwd = path.join(__dirname, '..', '..', '..');
const F = 'test/fixtures/lint';

/**
 * SARIF 2.1.0, checked structurally (no SARIF schema ships with an installed package): the
 * properties GitHub code scanning and other consumers require, with their types.
 */
function expectSarifShape(doc: any): void {
  expect(doc.version).toBe('2.1.0');
  expect(doc.$schema).toMatch(/sarif-2\.1\.0/);
  expect(doc.runs).toHaveLength(1);
  const run = doc.runs[0];
  const driver = run.tool.driver;
  expect(typeof driver.name).toBe('string');
  expect(typeof driver.version).toBe('string');
  const ids = driver.rules.map((r: any) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const rule of driver.rules) {
    expect(typeof rule.id).toBe('string');
    expect(rule.name).toMatch(/^[A-Za-z0-9]+$/);
    expect(typeof rule.shortDescription.text).toBe('string');
    expect(typeof rule.fullDescription.text).toBe('string');
    expect(['error', 'warning', 'note', 'none']).toContain(rule.defaultConfiguration.level);
  }
  for (const result of run.results) {
    expect(ids).toContain(result.ruleId);
    expect(driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(['error', 'warning', 'note', 'none']).toContain(result.level);
    expect(typeof result.message.text).toBe('string');
    for (const loc of result.locations ?? []) {
      const phys = loc.physicalLocation;
      expect(phys.artifactLocation.uri).not.toMatch(/^\/|\\/); // relative, forward slashes
      expect(phys.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(Number.isInteger(phys.region.startLine)).toBe(true);
      expect(phys.region.startLine).toBeGreaterThanOrEqual(1);
    }
    for (const s of result.suppressions ?? []) {
      expect(['inSource', 'external']).toContain(s.kind);
      expect(typeof s.justification).toBe('string');
    }
  }
}

describe('lint --format sarif', () => {
  let result: LintResult;
  let doc: any;
  beforeAll(async () => {
    result = await lintPaths([`${F}/invalid/acknowledged.yaml`, `${F}/invalid/stress-too-big.yaml`, `${F}/valid/podinfo.yaml`, `${F}/invalid/unknown-kind.yaml`], { cwd });
    doc = JSON.parse(formatSarif(result));
  });

  test('is structurally valid SARIF 2.1.0', () => {
    expectSarifShape(doc);
  });

  test('has rule metadata for every safety rule, schema, admission and input', () => {
    expect(doc.runs[0].tool.driver.rules.map((r: any) => r.id)).toEqual([...RULES.map((r) => r.id), 'schema', 'admission', 'input']);
    expect(RULES.length).toBeGreaterThanOrEqual(10);
  });

  test('results point at the file relative to the working directory and the line of the field', () => {
    const cm002 = doc.runs[0].results.find((r: any) => r.ruleId === 'CM002');
    expect(cm002.level).toBe('error');
    expect(cm002.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: `${F}/invalid/stress-too-big.yaml`, uriBaseId: '%SRCROOT%' },
      region: { startLine: 16 },
    });
    expect(cm002.locations[0].logicalLocations[0].fullyQualifiedName).toBe('StressChaos/chaos-mesh/podinfo-memory-stress-1g:spec.stressors.memory.size');
  });

  test('acknowledged findings are suppressions with the reason as justification', () => {
    const acked = doc.runs[0].results.filter((r: any) => r.suppressions);
    expect(acked).toHaveLength(1);
    expect(acked[0].suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'the checkout team owns every pod in this namespace' }]);
  });

  test('warnings are warnings', () => {
    expect(doc.runs[0].results.find((r: any) => r.ruleId === 'schema').level).toBe('warning');
  });
});
