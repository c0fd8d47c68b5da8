import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, ChartProps } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DEFAULT_RUNNER_NAMESPACE, setAppDefaults } from './_app-defaults';
import { manifestYaml } from './_manifest-yaml';
import { renderPass, rendered } from './_render-pass';
import { objectsInSynthOrder } from './_synth-order';
import { GitOpsApplications, GitOpsProps } from './delivery/gitops-applications';
import { optOutLine } from './experiments/_safeguards';
import { ChaosExperiment } from './experiments/base';
import type { SafeguardDefaults } from './experiments/safeguards';
import { ChaosMeshInstall } from './install';
import { KubeObject } from './kube-object';
import { CHART_VALUES_API_VERSION, CHART_VALUES_KIND, loadManifestText } from './lint/loader';
import { checkManifests } from './check/check-manifests';
import { formatFindings, SafetyError, SafetyOptions, writeJsonReport } from './safety';

/** The folder of the generated ArgoCD Applications. */
const ARGOCD_FOLDER = 'argocd';
/** Folders of the layout that `addChart` may not take. */
const RESERVED_FOLDERS = ['platform', 'experiments', ARGOCD_FOLDER, 'helm-values'];

export interface ChaosMeshAppProps {
  /**
   * Where manifests are written.
   * @default - `CDK8S_OUTDIR` (set by `cdk8s synth --output`), else `dist`
   */
  readonly outdir?: string;

  /**
   * Options of the safety rules (maximum experiment duration, extra protected namespaces).
   * @default - the `SafetyOptions` defaults
   */
  readonly safety?: SafetyOptions;

  /**
   * Write every finding (acknowledged ones too) as JSON to this file. It must lie outside
   * `outdir`: ArgoCD applies every `.json`/`.yaml` file in a synced folder.
   * @default - no report file
   */
  readonly reportFile?: string;

  /**
   * Emit `dist/argocd/` with one ArgoCD Application per folder: `platform` syncs on its own,
   * `experiments` only when somebody presses Sync.
   * @default - no ArgoCD Applications
   */
  readonly gitOps?: GitOpsProps;

  /**
   * Set once for the safeguards of every experiment: the runner namespace of probes and guards,
   * the CA bundle and thresholds of probes whose `steadyState` gives none.
   * @default - runner namespace 'chaos-probes', no CA bundle, no thresholds
   */
  readonly safeguards?: SafeguardDefaults;

  /**
   * Create each experiment in its target's namespace instead of `chaos-mesh` (an experiment's
   * own `namespace` still wins). A namespace-scoped dashboard account (`DashboardAccess` with
   * `targetNamespaces`) acts only in its namespaces, so a team setup needs this to see and pause
   * its experiments.
   * @default false
   */
  readonly experimentsInTargetNamespace?: boolean;

  /**
   * Where warnings go at synth time.
   * @default - standard error
   */
  readonly log?: (line: string) => void;
}

/**
 * A cdk8s App that refuses unsafe chaos and writes a GitOps layout:
 *
 * - `platform/`: what may sync on its own (namespaces, the chart Application, RBAC);
 * - `experiments/`: what must be pressed (probes, experiments, guards);
 * - `argocd/`: the ArgoCD Applications (with `gitOps`): one for `platform/`, one per experiment;
 * - `helm-values/<id>.values.yaml` for each `ChaosMeshInstall` (a plain values file for
 *   `helm install -f`, in a folder no Application reads: ArgoCD rejects a document without `kind`),
 *   and any extra file added with `addFile`.
 *
 * Each top-level construct of a chart becomes one file, so a PR diff shows which construct changed.
 * Before anything is written, every object of every chart goes through `checkManifests` (schema,
 * admission, chart values, safety rules: what `lint` and the cdk8s-cli plugin run): an error
 * finding throws a `SafetyError` listing all of them with construct paths and fixes.
 */
export class ChaosMeshApp extends App {
  /** Everything that may sync automatically. */
  public readonly platform: Chart;
  /** Everything that runs chaos: synced only when somebody presses the button. */
  public readonly experiments: Chart;

  private readonly safety?: SafetyOptions;
  private readonly reportFile?: string;
  private readonly log: (line: string) => void;
  private readonly extraFiles = new Map<string, () => string>();
  private readonly gitOps?: GitOpsProps;
  private readonly ownCharts = new Set<Chart>();

  constructor(props: ChaosMeshAppProps = {}) {
    super({ outdir: props.outdir });
    this.safety = props.safety;
    this.reportFile = props.reportFile;
    this.log = props.log ?? ((line) => process.stderr.write(line + '\n'));
    this.gitOps = props.gitOps;
    this.platform = new Chart(this, 'platform');
    this.experiments = new Chart(this, 'experiments');
    setAppDefaults(this, {
      platform: this.platform,
      runnerNamespace: props.safeguards?.runnerNamespace ?? DEFAULT_RUNNER_NAMESPACE,
      caBundle: props.safeguards?.caBundle,
      thresholds: props.safeguards?.thresholds,
      experimentsInTargetNamespace: props.experimentsInTargetNamespace ?? false,
    });
  }

  /**
   * Writes `content` to `relativePath` under the output folder at synth time.
   * Use it for files that must not be Kubernetes objects, such as a plain Helm values file;
   * keep them outside the folders an ArgoCD directory Application reads.
   */
  public addFile(relativePath: string, content: () => string): void {
    const normalized = path.posix.normalize(relativePath);
    if (normalized.startsWith('..') || path.isAbsolute(normalized)) {
      throw new Error(`addFile: "${relativePath}" must be a relative path inside the output folder.`);
    }
    const folder = normalized.split('/')[0];
    if (this.node.children.some((c) => Chart.isChart(c) && c.node.id === folder) || folder === ARGOCD_FOLDER) {
      throw new Error(`addFile: "${relativePath}" lies in "${folder}/", which an ArgoCD Application syncs; `
        + 'a file without `kind` there fails the sync. Put it in a folder of its own (e.g. "helm-values/").');
    }
    this.extraFiles.set(normalized, content);
  }

  /**
   * A chart of your own (e.g. the workload an experiment targets, built with cdk8s-plus): written
   * to `<id>/` and, with `gitOps`, synced by an Application `<prefix>-<id>` of its own (automated,
   * with prune and self-heal, like the platform). A chart made with `new Chart(app, id)` instead
   * fails synth: no Application would read its folder.
   */
  public addChart(id: string, props: ChartProps = {}): Chart {
    if (RESERVED_FOLDERS.includes(id)) {
      throw new Error(`addChart: "${id}" is a folder of the layout (${RESERVED_FOLDERS.join(', ')}); give the chart another id.`);
    }
    const chart = new Chart(this, id, props);
    this.ownCharts.add(chart);
    return chart;
  }

  /** Every object of every chart as plain JSON, with the construct path that made it, in the order cdk8s writes them. */
  public synthObjects(): { object: KubeObject; constructPath: string; chart: string; file: string }[] {
    return renderPass(this, () => this.renderObjects());
  }

  private renderObjects(): { object: KubeObject; constructPath: string; chart: string; file: string }[] {
    const experiments = this.checkPlacement();
    this.addGitOpsApplications(experiments);
    const installs = this.installs();
    // Namespaces this app emits get the opt-in annotation before anything is rendered.
    for (const install of installs) install.optInOwnedNamespaces(this);
    validateConstructs(this);
    const result = objectsInSynthOrder(this).map(({ apiObject }) => {
      const folder = outermostChart(apiObject);
      return {
        object: rendered(apiObject) as KubeObject,
        constructPath: apiObject.node.path,
        chart: folder.node.id,
        file: topLevelId(folder, apiObject),
      };
    });
    return result;
  }

  private installs(): ChaosMeshInstall[] {
    return this.node.findAll().filter((c): c is ChaosMeshInstall => c instanceof ChaosMeshInstall);
  }

  /**
   * Refuses what would land where nothing deploys it, and returns the experiments (one
   * Application each): every chart is the platform, the experiments, one added with `addChart`,
   * or nested in one of them; every top-level construct of the experiments chart that emits an
   * object is an experiment.
   */
  private checkPlacement(): ChaosExperiment[] {
    const deployed = new Set<Chart>([this.platform, this.experiments, ...this.ownCharts]);
    const generated = this.node.tryFindChild(ARGOCD_FOLDER);
    const problems: string[] = [];
    for (const chart of outermostCharts(this)) {
      if (deployed.has(chart) || chart === generated) continue;
      const id = chart.node.path;
      problems.push(`Chart "${id}" is not deployed: it would be written to ${this.outdir}/${id}/, which no Application reads. `
        + `Put it in the platform (build it in app.platform, or new Chart(app.platform, '${chart.node.id}')), inside the `
        + `experiment it belongs to, or give it an Application of its own: app.addChart('${chart.node.id}') instead of new Chart(app, '${chart.node.id}').`);
    }
    const experiments: ChaosExperiment[] = [];
    for (const child of this.experiments.node.children) {
      if (child instanceof ChaosExperiment) {
        experiments.push(child);
      } else if (child.node.findAll().some(ApiObject.isApiObject)) {
        problems.push(`${child.constructor.name} "${child.node.path}" is at the top level of app.experiments, where every `
          + 'construct is an experiment with an Application of its own: it would sync on its own, apart from any fault. '
          + 'Make it part of the experiment it belongs to (build it with the experiment as its scope; a probe and a '
          + 'guard come with the experiment\'s steadyState), or put it in app.platform.');
      }
    }
    if (problems.length > 0) throw new ConstructValidationError(problems);
    return experiments;
  }

  /** With `gitOps`: the `argocd` chart, once every experiment is known (one Application each). */
  private addGitOpsApplications(experiments: readonly ChaosExperiment[]): void {
    if (!this.gitOps || this.node.tryFindChild(ARGOCD_FOLDER)) return;
    new GitOpsApplications(new Chart(this, ARGOCD_FOLDER), 'applications', {
      ...this.gitOps,
      folders: { platform: this.platform.node.id, experiments: this.experiments.node.id },
      experiments: experiments.map((c) => c.node.id),
      charts: [...this.ownCharts].map((c) => c.node.id),
    });
  }

  /** Checks every object, then writes the layout described on the class. */
  public synth(): void {
    const synthesized = this.synthObjects();
    const paths = new Map(synthesized.map((s) => [s.object, s.constructPath]));
    const locate = (obj: KubeObject) => paths.get(obj);
    const installs = this.installs();
    const generatedFiles = [...installs.map((install): [string, () => string] => [`helm-values/${install.node.id}.values.yaml`, () => install.toValuesYaml()]), ...this.extraFiles];
    const files = new Map(generatedFiles.map(([file, content]) => [file, content()]));
    // The values files are judged as lint reads them from the output (their header marks them).
    const objects = [...synthesized.map((s) => s.object), ...[...files].flatMap(([file, text]) => this.valuesObjects(file, text))];
    const findings = checkManifests(objects, this.safety);
    if (this.reportFile) writeJsonReport(this.reportFile, findings, this.outdir);
    if (findings.some((f) => f.severity === 'error' && !f.acknowledged)) {
      throw new SafetyError(findings, locate);
    }
    if (findings.length > 0) this.log(formatFindings(findings, locate));
    for (const experiment of this.experiments.node.findAll().filter((c): c is ChaosExperiment => c instanceof ChaosExperiment)) {
      for (const optOut of experiment.safeguardOptOuts) this.log(optOutLine(experiment, optOut));
    }
    for (const install of installs) {
      for (const optIn of install.externalNamespaceOptIns()) {
        this.log(`Namespace "${optIn.namespace}" belongs to another repository; Chaos Mesh injects into it only after its owner runs: ${optIn.kubectl}`);
      }
    }

    fs.mkdirSync(this.outdir, { recursive: true });
    const manifests = new Map<string, KubeObject[]>();
    for (const s of synthesized) {
      const file = path.join(s.chart, `${s.file}.yaml`);
      manifests.set(file, [...(manifests.get(file) ?? []), s.object]);
    }
    for (const [file, objs] of manifests) {
      fs.mkdirSync(path.join(this.outdir, path.dirname(file)), { recursive: true });
      fs.writeFileSync(path.join(this.outdir, file), manifestYaml(objs));
    }
    for (const [file, text] of files) {
      fs.mkdirSync(path.join(this.outdir, path.dirname(file)), { recursive: true });
      fs.writeFileSync(path.join(this.outdir, file), text);
    }
  }

  /**
   * The chart values a generated file holds, as `lint` loads them from the output folder: the
   * `ChartValues` object of a file whose header marks it (named by its path, as lint names it).
   */
  private valuesObjects(file: string, text: string): KubeObject[] {
    if (!/\.ya?ml$/.test(file)) return [];
    const abs = path.resolve(this.outdir, file);
    const rel = path.relative(process.cwd(), abs);
    const name = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
    const loaded = loadManifestText(text, name);
    return loaded.objects.filter((o) => o.kind === CHART_VALUES_KIND && o.apiVersion === CHART_VALUES_API_VERSION);
  }
}

/** The charts below `scope` that no chart holds (the walk stops at each chart, not at each object). */
function outermostCharts(scope: IConstruct): Chart[] {
  return scope.node.children.flatMap((c) => (Chart.isChart(c) ? [c] : outermostCharts(c)));
}

/** The chart directly below the app that holds `c`: its folder in the output. */
function outermostChart(c: IConstruct): Chart {
  return c.node.scopes.find(Chart.isChart)!;
}

/** The id of the chart's child that contains `obj`: one output file per top-level construct. */
function topLevelId(chart: Chart, obj: IConstruct): string {
  const scopes = obj.node.scopes;
  const index = scopes.indexOf(chart);
  return (scopes[index + 1] ?? obj).node.id;
}

/** Runs the constructs' own validations (what `App.synth()` does first), failing with all messages. */
function validateConstructs(app: App): void {
  // The app's own validations (the containment checks of all Workflows) name their constructs.
  const errors = app.node.findAll().flatMap((c) => c.node.validate().map((e) => (c.node.path ? `[${c.node.path}] ${e}` : e)));
  if (errors.length > 0) {
    throw new ConstructValidationError(errors);
  }
}

/** A construct refused its own configuration: a user error, printed without a stack trace. */
export class ConstructValidationError extends Error {
  constructor(public readonly errors: string[]) {
    super(`Validation failed:\n  ${errors.join('\n  ')}`);
    this.name = 'ConstructValidationError';
  }
}

/**
 * Builds and synthesizes an app for a command line (`main.ts`). A mistake in the app (a construct
 * refusing contradictory props, unsafe chaos found by the safety rules) is printed as its message
 * and the process exits with 1: a newcomer reads what to fix, not a stack trace. Set
 * `CDK8S_CHAOS_MESH_DEBUG=1` to see the stack as well.
 */
export function synthOrExit(build: () => App): void {
  try {
    build().synth();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`${message}\n`);
    if (process.env.CDK8S_CHAOS_MESH_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exit(1);
  }
}
