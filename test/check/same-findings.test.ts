import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Yaml } from 'cdk8s';
import type { ValidationContext as CliValidationContext } from 'cdk8s-cli/lib/plugins/validation';
import { ChaosMeshApp } from '../../lib/app';
import { KubeObject } from '../../lib/kube-object';
import { lintPaths } from '../../lib/lint/lint';
import { loadManifests } from '../../lib/lint/loader';
import { ChaosMeshSafetyValidation, SafetyError, SafetyAnnotations } from '../../lib/safety';
import { listFiles, repoRoot, synthMainInto } from '../support/run-app';

const { ValidationContext } = require('cdk8s-cli/plugins') as { ValidationContext: typeof CliValidationContext };

/**
 * Synth (ChaosMeshApp), lint and the cdk8s-cli plugin report the same findings on the same
 * objects: the one-entry-point promise (DESIGN.md, "Data flows one way"), held for the reference
 * app and for every YAML fixture of the repository.
 */

/** What a finding says, as every path can report it (the plugin names an object by its name). */
interface Said { rule: string; severity: string; name: string; path: string; message: string; acknowledged: boolean }

const key = (s: Said) => JSON.stringify([s.rule, s.severity, s.name, s.path, s.message, s.acknowledged]);
const nameOf = (object: string) => object.slice(object.lastIndexOf('/') + 1);
const sorted = (list: Said[]) => list.map(key).sort();

let dir: string;
let logSpy: jest.SpyInstance;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'same-findings-'));
  logSpy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => {
  logSpy.mockRestore();
  fs.rmSync(dir, { recursive: true, force: true });
});

function lintSaid(outdir: string): Said[] {
  const r = lintPaths([outdir]);
  expect(r.inputErrors).toEqual([]);
  return r.findings.map((f) => ({ rule: f.rule, severity: f.severity, name: nameOf(f.object), path: f.path, message: f.message, acknowledged: f.acknowledged === true }));
}

async function pluginSaid(outdir: string): Promise<Said[]> {
  const manifests = listFiles(outdir).map((f) => path.join(outdir, f));
  const context = new ValidationContext(manifests, 'cdk8s-chaos-mesh', '0.1.0', {}, false);
  await new ChaosMeshSafetyValidation().validate(context);
  const said: Said[] = context.report.toJson().violations.map((v) => {
    const m = /^(\S+?)( \(warning\))?(: .*)?$/.exec(v.ruleName)!;
    const location = v.violatingConstructs[0].locations[0];
    return {
      rule: m[1], severity: m[2] ? 'warning' : 'error', name: v.violatingConstructs[0].resourceName,
      path: location === '(whole object)' ? '' : location, message: v.recommendation, acknowledged: false,
    };
  });
  for (const line of logSpy.mock.calls.map((c) => String(c[0])).filter((l) => l.startsWith('acknowledged '))) {
    const m = /^acknowledged (\S+) (\S+) (\S*): (.*) \(reason: .*\)$/s.exec(line)!;
    said.push({ rule: m[1], severity: '?', name: nameOf(m[2]), path: m[3], message: m[4], acknowledged: true });
  }
  return said;
}

/** Synthesizes `app`: its findings from the JSON report (written before a SafetyError is thrown). */
function synthSaid(app: ChaosMeshApp, reportFile: string): Said[] {
  try {
    app.synth();
  } catch (e) {
    if (!(e instanceof SafetyError)) throw e;
  }
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  return report.findings.map((f: any) => ({ rule: f.rule, severity: f.severity, name: nameOf(f.object), path: f.path, message: f.message, acknowledged: f.acknowledged }));
}

/** The plugin logs acknowledged findings without severity: compare them without it. */
const noAckSeverity = (list: Said[]) => list.map((s) => (s.acknowledged ? { ...s, severity: '?' } : s));

test('the reference app: synth writes dist, and lint and the plugin find the same in it', async () => {
  const outdir = synthMainInto(path.join(dir, 'dist'));
  const lint = lintSaid(outdir);
  expect(sorted(noAckSeverity(await pluginSaid(outdir)))).toEqual(sorted(noAckSeverity(lint)));
  expect(lint.filter((f) => f.severity === 'error' && !f.acknowledged)).toEqual([]); // synth refused nothing
});

/** Every YAML fixture that loads as Kubernetes objects (input-error fixtures are lint's alone). */
function fixtureGroups(): string[] {
  const root = path.join(repoRoot, 'test', 'fixtures');
  const groups = new Set<string>();
  for (const f of fs.readdirSync(root, { recursive: true }) as string[]) {
    if (!/\.ya?ml$/.test(f) || f.includes('input-errors')) continue;
    groups.add(path.dirname(path.join('test', 'fixtures', f)));
  }
  return [...groups].sort();
}

/** Findings per fixture group, so the comparison is known to have compared something. */
const compared = new Map<string, number>();
afterAll(() => {
  const withFindings = [...compared.values()].filter((n) => n > 0).length;
  expect(withFindings).toBeGreaterThan(40);
  expect([...compared.values()].some((n) => n === 0)).toBe(true); // and clean groups too
});

describe.each(fixtureGroups())('%s', (group) => {
  test('synth, lint and the plugin report identical findings', async () => {
    const files = fs.readdirSync(path.join(repoRoot, group)).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(repoRoot, group, f));
    const loaded = loadManifests(files);
    if (loaded.errors.length > 0 || loaded.objects.length === 0) return; // not objects (lint's input tests cover these)

    // Synth: each object through ChaosMeshApp; a values file as a generated one (marked).
    const outdir = path.join(dir, 'out');
    const reportFile = path.join(dir, 'report.json');
    const app = new ChaosMeshApp({ outdir, reportFile, log: () => undefined });
    const objects = loaded.objects.filter((o) => o.kind !== 'ChartValues');
    objects.forEach((o, i) => new ApiObject(app.platform, `o${i}`, o as any));
    loaded.objects.filter((o) => o.kind === 'ChartValues').forEach((o, i) => {
      app.addFile(`helm-values/v${i}.values.yaml`, () => `# ${SafetyAnnotations.CHART_VALUES}: chaos-mesh 2.8.2\n${Yaml.stringify(o.values)}`);
    });
    const synth = synthSaid(app, reportFile);

    // The same objects, as synth rendered them, on disk for lint and the plugin.
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.mkdirSync(path.join(outdir, 'helm-values'), { recursive: true });
    const rendered: KubeObject[] = app.platform.node.findAll().filter(ApiObject.isApiObject).map((o) => o.toJson());
    fs.writeFileSync(path.join(outdir, 'objects.yaml'), Yaml.stringify(...rendered));
    loaded.objects.filter((o) => o.kind === 'ChartValues').forEach((o, i) => {
      fs.writeFileSync(path.join(outdir, 'helm-values', `v${i}.values.yaml`), `# ${SafetyAnnotations.CHART_VALUES}: chaos-mesh 2.8.2\n${Yaml.stringify(o.values)}`);
    });
    const lint = lintSaid(outdir);
    compared.set(group, synth.length);
    expect(sorted(lint)).toEqual(sorted(synth));
    expect(sorted(noAckSeverity(await pluginSaid(outdir)))).toEqual(sorted(noAckSeverity(synth)));
  });
});
