import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import { ChaosMeshApp, ChaosMeshAppProps } from '../lib/app';
import { NetworkChaosAction, NetworkChaosExperiment } from '../lib/experiments';
import { ChaosMeshInstall, RuntimePreset } from '../lib/install';
import { ProbeJob } from '../lib/probe';
import { ChaosTarget } from '../lib/target';
import { GoDuration } from '../lib/units';
import { listFiles } from './support/run-app';

const shop = ChaosTarget.fromDeclaration({ namespace: 'shop', labels: { app: 'checkout' }, replicas: 2 });

const configMap = (scope: Construct, id: string) => new ApiObject(scope, id, {
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: id, namespace: 'shop' }, data: { id },
});

describe('ChaosMeshApp layout', () => {
  let outdir: string;
  beforeEach(() => { outdir = mkdtempSync(path.join(tmpdir(), 'chaos-layout-')); });
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  const newApp = (props: ChaosMeshAppProps = {}) => new ChaosMeshApp({ outdir, log: () => undefined, ...props });
  const latency = (app: ChaosMeshApp, id = 'checkout-latency') => new NetworkChaosExperiment(app.experiments, id, {
    target: shop, action: NetworkChaosAction.DELAY, delay: { latency: GoDuration.parse('200ms') }, duration: GoDuration.minutes(3),
    withoutSafeguards: { probe: 'layout tests only', healthCheck: 'layout tests only', guard: 'layout tests only' },
  });
  const names = (file: string) => parseAllDocuments(readFileSync(path.join(outdir, file), 'utf8')).map((d) => d.toJS().metadata.name);

  describe('collects objects as cdk8s does', () => {
    /** A platform with a nested chart, and objects that depend on later-defined ones. */
    const build = (app: App, platform: Chart) => {
      const bundle = new Construct(platform, 'bundle');
      const first = configMap(bundle, 'first');
      const second = configMap(bundle, 'second');
      first.addDependency(second);
      const nested = new Chart(platform, 'shop');
      configMap(nested, 'nested');
      const late = configMap(platform, 'late');
      // A construct of the platform depending on the nested chart's object: still written in the nested chart only.
      late.addDependency(nested);
      return app;
    };

    test('a nested chart\'s objects are written once, and addDependency order is kept within a file', () => {
      const app = newApp();
      build(app, app.platform);
      app.synth();
      expect(listFiles(outdir)).toEqual(['platform/bundle.yaml', 'platform/late.yaml', 'platform/shop.yaml']);
      expect(names('platform/bundle.yaml')).toEqual(['second', 'first']);
      expect(names('platform/shop.yaml')).toEqual(['nested']);
      const paths = app.synthObjects().map((s) => s.constructPath);
      expect(new Set(paths).size).toBe(paths.length);
    });

    test('the same objects in the same order as cdk8s\'s own synth of the same tree', () => {
      const ours = newApp();
      build(ours, ours.platform);
      const plain = new App({ outdir });
      const platform = new Chart(plain, 'platform');
      new Chart(plain, 'experiments');
      build(plain, platform);
      const expected = parseAllDocuments(plain.synthYaml()).map((d) => d.toJS()).map((o) => `${o.kind}/${o.metadata.name}`);
      expect(ours.synthObjects().map((s) => `${s.object.kind}/${s.object.metadata!.name}`)).toEqual(expected);
      expect(expected.indexOf('ConfigMap/nested')).toBeLessThan(expected.indexOf('ConfigMap/late'));
    });
  });

  describe('nothing lands where nothing deploys it', () => {
    test('a chart of its own made with new Chart(app, id) fails synth naming the chart and the choices, writing nothing', () => {
      const app = newApp();
      new ChaosMeshInstall(app.platform, 'chaos-mesh', { runtime: RuntimePreset.K3S });
      const own = new Chart(app, 'shop');
      new ApiObject(own, 'namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
      latency(app);
      // Before: the Namespace in dist/shop/ counted as "emitted by this app", and synth passed.
      expect(() => app.synth()).toThrow(/Chart "shop" is not deployed[\s\S]*app\.platform[\s\S]*experiment[\s\S]*app\.addChart\('shop'\)/);
      expect(listFiles(outdir)).toEqual([]);
    });

    test('a chart nested in a plain construct at the top level is refused the same way', () => {
      const app = newApp();
      configMap(new Chart(new Construct(app, 'team'), 'shop'), 'x');
      expect(() => app.synth()).toThrow(/Chart "team\/shop" is not deployed/);
    });

    test('app.addChart gives the chart a folder and, with gitOps, an automated Application of its own', () => {
      const app = newApp({ gitOps: { repoURL: 'https://git.example.com/chaos.git' } });
      const own = app.addChart('shop');
      configMap(own, 'settings');
      latency(app);
      app.synth();
      expect(listFiles(outdir)).toEqual(['argocd/applications.yaml', 'experiments/checkout-latency.yaml', 'shop/settings.yaml']);
      const apps = parseAllDocuments(readFileSync(path.join(outdir, 'argocd/applications.yaml'), 'utf8')).map((d) => d.toJS());
      const application = apps.find((a) => a.metadata.name === 'chaos-mesh-shop');
      expect(application.spec.source).toMatchObject({ path: 'dist/shop', directory: { recurse: false } });
      expect(application.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
      expect(() => app.addChart('platform')).toThrow(/folder of the layout/);
    });

    test('reproduction 1: a ProbeJob at the top level of app.experiments is refused, not made an experiment', () => {
      const app = newApp({ gitOps: { repoURL: 'https://git.example.com/chaos.git' } });
      latency(app);
      new ProbeJob(app.experiments, 'checkout-probe', {
        url: 'https://shop.example.com/', namespace: 'chaos-probes', runTime: GoDuration.minutes(3),
      });
      expect(() => app.synth()).toThrow(/ProbeJob "experiments\/checkout-probe" is at the top level of app\.experiments[\s\S]*steadyState/);
      expect(listFiles(outdir)).toEqual([]);
    });

    test('a construct of app.experiments that emits nothing gets no Application', () => {
      const app = newApp({ gitOps: { repoURL: 'https://git.example.com/chaos.git' } });
      latency(app);
      new Construct(app.experiments, 'notes');
      app.synth();
      expect(readFileSync(path.join(outdir, 'argocd/applications.yaml'), 'utf8')).not.toMatch(/notes/);
    });
  });
});
