import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { repoRoot } from '../support/run-app';

/**
 * The plugin route end to end: the real cdk8s-cli runs `cdk8s synth` on a plain cdk8s app whose
 * cdk8s.yaml names the built plugin under `validations:`.
 */
describe('ChaosMeshSafetyValidation under the real cdk8s-cli', () => {
  const cli = path.join(repoRoot, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
  const plugin = path.join(repoRoot, 'build', 'lib', 'safety', 'validation-plugin.js');
  let work: string;

  beforeAll(() => {
    if (!existsSync(plugin)) throw new Error('build/ is missing: run `npm run build` first (npm test does).');
  });
  beforeEach(() => { work = mkdtempSync(path.join(tmpdir(), 'cdk8s-plugin-route-')); });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  /** A plain cdk8s app with one PodChaos in `mode`, against a declared 2-replica target. */
  function project(mode: string): void {
    writeFileSync(path.join(work, 'cdk8s.yaml'), [
      'language: typescript',
      'app: node app.js',
      'output: dist',
      'validations:',
      `  - package: ${plugin}`,
      '    class: ChaosMeshSafetyValidation',
      '    version: 0.1.0',
      '',
    ].join('\n'));
    writeFileSync(path.join(work, 'app.js'), `
const { ApiObject, App, Chart } = require(${JSON.stringify(path.join(repoRoot, 'node_modules', 'cdk8s'))});
const app = new App();
const chart = new Chart(app, 'chaos');
new ApiObject(chart, 'kill', {
  apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'PodChaos',
  metadata: { name: 'checkout-kill', namespace: 'chaos-mesh', annotations: { 'cdk8s-chaos-mesh.io/target-replicas': '2' } },
  spec: { action: 'pod-kill', mode: ${JSON.stringify(mode)}, selector: { namespaces: ['shop'], labelSelectors: { app: 'checkout' } } },
});
app.synth();
`);
  }

  function synth(): { status: number; output: string } {
    try {
      const output = execFileSync(process.execPath, [cli, 'synth'], {
        cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
      });
      return { status: 0, output };
    } catch (e) {
      const err = e as { status: number; stdout: string; stderr: string };
      return { status: err.status, output: `${err.stdout}${err.stderr}` };
    }
  }

  const yamlIn = (dir: string) => (existsSync(dir) ? (readdirSync(dir, { recursive: true }) as string[]) : [])
    .filter((f) => /\.ya?ml$/.test(f));

  test('reproduction 5: a refused synth exits non-zero and leaves no YAML in the output folder', () => {
    project('all');
    const { status, output } = synth();
    expect(status).toBe(2);
    expect(output).toMatch(/CM007/);
    expect(output).toMatch(/refused this synth: its 1 manifest file\(s\) are removed/);
    expect(yamlIn(path.join(work, 'dist'))).toEqual([]);
  });

  test('a safe synth keeps its manifests', () => {
    project('one');
    const { status, output } = synth();
    expect([status, output]).toEqual([0, expect.stringMatching(/Validations ended succesfully/)]);
    expect(yamlIn(path.join(work, 'dist'))).toEqual(['chaos.k8s.yaml']);
  });
});
