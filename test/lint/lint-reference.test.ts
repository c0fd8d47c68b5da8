import * as path from 'path';
import { LintResult, lintPaths } from '../../lib/lint/lint';

/**
 * The reference validation's own manifests (the seed text, see
 * test/fixtures/lint/reference/README.md) lint with exactly these findings.
 */
describe('lint of the reference manifests', () => {
  const cwd = path.join(__dirname, '..', '..');
  const dir = 'test/fixtures/lint/reference';
  let result: LintResult;
  beforeAll(async () => {
    result = await lintPaths([dir], { cwd, valuesFiles: [`${dir}/chaos-mesh-values.yaml`] });
  });

  test('exactly the documented findings', () => {
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.severity} ${f.rule} ${f.object} ${f.path}`)).toEqual([
      `${dir}/exp1-podkill.yaml:7 error CM004 Schedule/chaos-mesh/podinfo-kill spec`,
      `${dir}/exp1-podkill.yaml:4 error CM007 Schedule/chaos-mesh/podinfo-kill metadata.annotations["cdk8s-chaos-mesh.io/target-replicas"]`,
      `${dir}/exp3-memstress.yaml:9 error CM001 StressChaos/chaos-mesh/podinfo-memory-stress spec.selector`,
      `${dir}/exp3-memstress.yaml:4 error CM007 StressChaos/chaos-mesh/podinfo-memory-stress metadata.annotations["cdk8s-chaos-mesh.io/target-replicas"]`,
      `${dir}/chaos-mesh-values.yaml:6 error CM008 ChartValues/${dir}/chaos-mesh-values.yaml values.dashboard.service.type`,
      `${dir}/chaos-mesh-values.yaml:8 error schema ChartValues/${dir}/chaos-mesh-values.yaml values.dashboard.serviceType`,
    ]);
    expect(result.summary).toEqual({ files: 5, objects: 8, errors: 6, warnings: 0, acknowledged: 0 });
    expect(result.exitCode).toBe(1);
  });

  test('the bare Schedule fails CM004', () => {
    const cm004 = result.findings.find((f) => f.rule === 'CM004')!;
    expect(cm004.message).toMatch(/bare Schedule/);
  });

  test('dashboard.serviceType is an unknown key, and the missing dashboard.service.type leaves the NodePort default', () => {
    const unknown = result.findings.find((f) => f.rule === 'schema')!;
    expect(unknown.message).toMatch(/dashboard\.serviceType/);
    expect(unknown.fix).toMatch(/dashboard\.service\.type/);
    const cm008 = result.findings.find((f) => f.rule === 'CM008')!;
    expect(cm008.message).toMatch(/NodePort/);
  });

  test('the NetworkChaos and the dashboard RBAC are clean', () => {
    expect(result.findings.filter((f) => /exp2-netdelay|dashboard-rbac/.test(f.file))).toEqual([]);
  });
});
