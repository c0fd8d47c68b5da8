import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { ApiObject, JsonPatch } from 'cdk8s';
import { ChaosMeshApp, ChaosMeshAppProps } from '../lib/app';
import { MemoryStressExperiment, NetworkChaosAction, NetworkChaosExperiment } from '../lib/experiments';
import { ChaosMeshInstall, RuntimePreset } from '../lib/install';
import { SafetyError } from '../lib/safety';
import { ChaosTarget } from '../lib/target';
import { GoDuration, StressSize } from '../lib/units';
import { listFiles } from './support/run-app';

const podinfo = ChaosTarget.fromDeclaration({
  namespace: 'podinfo', labels: { 'app.kubernetes.io/name': 'podinfo' }, replicas: 2, memoryLimit: '256Mi',
});

/** The safeguards every experiment of a ChaosMeshApp gets (probe, health check, guard). */
const steadyState = {
  url: 'https://podinfo.example.com/version',
  thresholds: { minAvailabilityPercent: 99 },
  healthCheck: { url: 'http://podinfo.podinfo.svc:9898/version' },
};

/** For tests of a standalone chaos object: every safeguard left out, with the reason. */
const withoutSafeguards = { probe: 'a standalone object under test', healthCheck: 'a standalone object under test', guard: 'a standalone object under test' };

describe('ChaosMeshApp', () => {
  let outdir: string;
  beforeEach(() => { outdir = mkdtempSync(path.join(tmpdir(), 'chaos-app-')); });
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  const newApp = (props: ChaosMeshAppProps = {}) => new ChaosMeshApp({ outdir, log: () => undefined, ...props });
  const latency = (app: ChaosMeshApp, id = 'podinfo-latency', safeguards: object = { steadyState }) => new NetworkChaosExperiment(app.experiments, id, {
    target: podinfo, action: NetworkChaosAction.DELAY, delay: { latency: GoDuration.parse('200ms') }, duration: GoDuration.minutes(3), ...safeguards,
  });

  test('writes one file per top-level construct into platform/, experiments/, argocd/ and the values file apart', () => {
    const app = newApp({ gitOps: { repoURL: 'https://git.example.com/chaos.git' } });
    new ChaosMeshInstall(app.platform, 'chaos-mesh', { runtime: RuntimePreset.K3S, externalTargetNamespaces: ['podinfo'] });
    latency(app);
    app.synth();
    expect(listFiles(outdir)).toEqual([
      'argocd/applications.yaml',
      'experiments/podinfo-latency.yaml',
      'helm-values/chaos-mesh.values.yaml',
      'platform/chaos-mesh.yaml',
      // The safeguards' runner namespace, the guard's RBAC and the shared scripts.
      'platform/chaos-probes.yaml',
      'platform/podinfo-latency-presync-guard.yaml',
      'platform/presync-guard-script-chaos-probes.yaml',
      'platform/probe-script-chaos-probes.yaml',
    ]);
    // The values file has no `kind`: it must stay out of the folders the Applications read.
    expect(readFileSync(path.join(outdir, 'helm-values/chaos-mesh.values.yaml'), 'utf8')).toMatch(/^chaosDaemon:|\nchaosDaemon:/);
  });

  test('an error finding stops synth before anything is written, naming rule, object, construct path and fix', () => {
    const app = newApp();
    new MemoryStressExperiment(app.experiments, 'too-big', { target: podinfo, size: StressSize.gigabytes(1), duration: GoDuration.minutes(2), withoutSafeguards });
    let error: unknown;
    try {
      app.synth();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SafetyError);
    const message = (error as Error).message;
    expect(message).toMatch(/CM002/);
    expect(message).toMatch(/experiments\/too-big/);
    expect(message).toMatch(/spec\.stressors\.memory\.size/);
    expect(listFiles(outdir)).toEqual([]);
  });

  test('a JSON patch that breaks a Chaos Mesh object is refused at synth, as the API server and the webhook would', () => {
    const schemaApp = newApp();
    ApiObject.of(latency(schemaApp, 'podinfo-latency', { withoutSafeguards })).addJsonPatch(JsonPatch.add('/spec/mode', 'sometimes'));
    expect(() => schemaApp.synth()).toThrow(/schema[\s\S]*spec\.mode/);

    const webhookApp = newApp();
    ApiObject.of(latency(webhookApp, 'podinfo-latency', { withoutSafeguards })).addJsonPatch(JsonPatch.add('/spec/duration', '3 minutes'));
    expect(() => webhookApp.synth()).toThrow(/admission[\s\S]*spec\.duration/);
    expect(listFiles(outdir)).toEqual([]);
  });

  test('a target namespace that is neither emitted nor declared external fails synth with both fixes', () => {
    const app = newApp();
    new ChaosMeshInstall(app.platform, 'chaos-mesh', { runtime: RuntimePreset.K3S });
    latency(app);
    expect(() => app.synth()).toThrow(/"podinfo".*externalTargetNamespaces/s);
  });

  test('a Namespace the app emits gets the opt-in annotation when an experiment targets it', () => {
    const app = newApp();
    new ChaosMeshInstall(app.platform, 'chaos-mesh', { runtime: RuntimePreset.K3S });
    new ApiObject(app.platform, 'podinfo-namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'podinfo' } });
    latency(app);
    app.synth();
    const ns = readFileSync(path.join(outdir, 'platform/podinfo-namespace.yaml'), 'utf8');
    expect(ns).toMatch(/chaos-mesh.org\/inject: enabled/);
  });

  test('an acknowledged error does not stop synth, and is printed with its reason', () => {
    const lines: string[] = [];
    const app = newApp({ log: (line) => lines.push(line) });
    const big = new MemoryStressExperiment(app.experiments, 'big', { target: podinfo, size: StressSize.megabytes(600), duration: GoDuration.minutes(2), steadyState });
    big.addAcknowledgement('CM002', 'measured: the node has 64 GiB free and the limit will be raised to 300Mi');
    app.synth();
    expect(lines.join('\n')).toMatch(/CM002/);
    expect(lines.join('\n')).toMatch(/the limit will be raised/);
    expect(listFiles(outdir)).toContain('experiments/big.yaml');
  });

  test('the owner of an external target namespace is told the one-line change to make', () => {
    const lines: string[] = [];
    const app = newApp({ log: (line) => lines.push(line) });
    new ChaosMeshInstall(app.platform, 'chaos-mesh', { runtime: RuntimePreset.K3S, externalTargetNamespaces: ['podinfo'] });
    latency(app);
    app.synth();
    expect(lines).toContain('Namespace "podinfo" belongs to another repository; Chaos Mesh injects into it only after its owner runs: '
      + 'kubectl annotate namespace podinfo chaos-mesh.org/inject=enabled');
  });

  test('with gitOps, each experiment gets its own manual Application', () => {
    const app = newApp({ gitOps: { repoURL: 'https://git.example.com/chaos.git' } });
    latency(app, 'one');
    latency(app, 'two');
    app.synth();
    const apps = readFileSync(path.join(outdir, 'argocd/applications.yaml'), 'utf8');
    expect(apps.match(/name: chaos-mesh-[a-z-]+/g)).toEqual(['name: chaos-mesh-platform', 'name: chaos-mesh-experiment-one', 'name: chaos-mesh-experiment-two']);
  });

  test('the JSON report is written outside the output folder, and refused inside it', () => {
    const report = path.join(mkdtempSync(path.join(tmpdir(), 'chaos-report-')), 'findings.json');
    const app = newApp({ reportFile: report });
    latency(app);
    app.synth();
    expect(JSON.parse(readFileSync(report, 'utf8'))).toHaveProperty('findings');

    const inside = newApp({ reportFile: path.join(outdir, 'findings.json') });
    latency(inside);
    expect(() => inside.synth()).toThrow(/ArgoCD/);
  });

  test('addFile refuses paths outside the output folder and inside a synced folder', () => {
    const app = newApp();
    expect(() => app.addFile('../escape.txt', () => '')).toThrow(/inside the output folder/);
    expect(() => app.addFile('experiments/notes.yaml', () => '')).toThrow(/ArgoCD Application syncs/);
    app.addFile('docs/notes.md', () => 'hello\n');
    app.synth();
    expect(readFileSync(path.join(outdir, 'docs/notes.md'), 'utf8')).toBe('hello\n');
  });
});
