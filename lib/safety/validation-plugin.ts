import * as fs from 'fs';
import { checkManifests } from '../check/check-manifests';
import { KubeObject } from '../kube-object';
import { loadManifests } from '../lint/loader';
import { GoDuration } from '../units/go-duration';
import { Finding } from './finding';
import { hasBlockingFindings, summarizeFindings } from './format';
import { SafetyOptions } from './options';
import { RULES } from './rules';

/*
 * The cdk8s-cli validation plugin contract, written structurally so that this module does not
 * load cdk8s-cli at run time (plugins must not depend on the CLI; see cdk8s-cli
 * lib/plugins/validation.d.ts). A test runs the plugin with cdk8s-cli's own ValidationContext.
 */

/** What the plugin reports per violating resource (cdk8s-cli `ValidationViolatingResource`). */
export interface PluginViolatingResource {
  readonly resourceName: string;
  readonly locations: readonly string[];
  readonly manifestPath: string;
}

/** A violation (cdk8s-cli `ValidationViolation`). */
export interface PluginViolation {
  readonly ruleName: string;
  readonly recommendation: string;
  readonly fix: string;
  readonly violatingResources: readonly PluginViolatingResource[];
}

/** The part of cdk8s-cli's `ValidationContext` the plugin uses. */
export interface PluginValidationContext {
  readonly manifests: readonly string[];
  readonly report: {
    addViolation(violation: PluginViolation): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
  readonly logger: { log(message: string): void };
  /** Set when `cdk8s synth --stdout` runs: the manifests are in a temporary folder (and already printed). */
  readonly stdout?: boolean;
  parseManifest(manifestPath: string): any[];
}

/** Manifests of refused synths, removed when the process exits. */
const refused = new Set<string>();

/**
 * Removes `manifests` when cdk8s exits. cdk8s-cli writes the manifests into the output folder
 * before any plugin runs, lets every plugin read them, prints the reports and only then exits
 * with 2 (node_modules/cdk8s-cli/lib/util.js `synthApp`, `validateApp`). Removing them now would
 * break the plugins after this one; at exit, nothing reads them any more.
 */
function removeAtExit(manifests: readonly string[]): void {
  if (refused.size === 0) {
    process.once('exit', () => {
      for (const file of refused) fs.rmSync(file, { force: true });
    });
  }
  for (const m of manifests) refused.add(m);
}

/**
 * Properties of the plugin, from `properties:` of its entry under `validations:` in cdk8s.yaml
 * (plain YAML values, so durations are Go duration text).
 */
export interface ChaosMeshSafetyValidationProps {
  /**
   * The longest an experiment may run, as Go duration text.
   * @default "15m"
   */
  readonly maxDuration?: string;
  /**
   * The longest a whole Workflow run (a GameDay) may last, as Go duration text.
   * @default "1h"
   */
  readonly maxRunDuration?: string;
  /**
   * Namespaces added to the protected list.
   * @default - none beyond the built-in list
   */
  readonly protectedNamespaces?: readonly string[];
  /**
   * The namespace Chaos Mesh is installed in.
   * @default "chaos-mesh"
   */
  readonly chaosMeshNamespace?: string;
  /**
   * Fail the validation on warnings too (as `lint --strict`).
   * @default false
   */
  readonly strict?: boolean;
}

/**
 * `checkManifests` (schema, admission, chart values, safety rules: what `ChaosMeshApp` and `lint`
 * run) as a cdk8s-cli validation plugin, for apps that synthesize with plain `cdk8s synth`
 * instead of `ChaosMeshApp`:
 *
 * ```yaml
 * validations:
 *   - package: ./node_modules/cdk8s-chaos-mesh/build/lib/safety/validation-plugin.js
 *     class: ChaosMeshSafetyValidation
 *     version: 0.1.0
 *     properties: { maxDuration: 10m }
 * ```
 *
 * When it refuses, the manifests of that synth are removed from the output folder as cdk8s exits
 * (with `--stdout` they are printed before any plugin runs, so only the exit code tells).
 */
export class ChaosMeshSafetyValidation {
  private readonly options: SafetyOptions;
  private readonly strict: boolean;

  constructor(props: ChaosMeshSafetyValidationProps = {}) {
    this.options = {
      maxDuration: props.maxDuration !== undefined ? GoDuration.parse(String(props.maxDuration)) : undefined,
      maxRunDuration: props.maxRunDuration !== undefined ? GoDuration.parse(String(props.maxRunDuration)) : undefined,
      protectedNamespaces: props.protectedNamespaces,
      chaosMeshNamespace: props.chaosMeshNamespace,
    };
    this.strict = props.strict === true;
  }

  public async validate(context: PluginValidationContext): Promise<void> {
    // Read as lint reads files (YAML 1.1 like the API server, marked values files), not with
    // cdk8s-cli's parser, so that the same files give the same findings.
    const loaded = loadManifests(context.manifests);
    if (loaded.errors.length > 0) {
      for (const e of loaded.errors) {
        context.report.addViolation({
          ruleName: 'input',
          recommendation: e.message,
          fix: 'Fix the manifest so that it is valid YAML of Kubernetes objects.',
          violatingResources: [{ resourceName: e.file, locations: [e.line !== undefined ? `line ${e.line}` : '(whole file)'], manifestPath: e.file }],
        });
      }
      this.refuse(context);
      context.report.submit('failure', { errors: String(loaded.errors.length), warnings: '0', acknowledged: '0' });
      return;
    }
    const objects = loaded.objects;
    const manifestOf = (obj: KubeObject) => loaded.sources.locate(obj)?.file;
    const findings = checkManifests(objects, this.options);
    const titles = new Map(RULES.map((r) => [r.id, r.title]));
    const violating = (f: Finding) => !f.acknowledged && (f.severity === 'error' || this.strict);
    for (const f of findings) {
      if (f.acknowledged) {
        context.logger.log(`acknowledged ${f.rule} ${f.object} ${f.path}: ${f.message} (reason: ${f.ackReason})`);
        continue;
      }
      context.report.addViolation({
        ruleName: `${f.rule}${f.severity === 'warning' ? ' (warning)' : ''}${titles.has(f.rule) ? `: ${titles.get(f.rule)}` : ''}`,
        recommendation: f.message,
        fix: f.fix,
        violatingResources: [{
          resourceName: f.source?.metadata?.name ?? f.object,
          locations: [f.path || '(whole object)'],
          manifestPath: (f.source && manifestOf(f.source)) ?? '(unknown manifest)',
        }],
      });
    }
    const s = summarizeFindings(findings);
    const failed = hasBlockingFindings(findings) || findings.some(violating);
    if (failed) this.refuse(context);
    context.report.submit(failed ? 'failure' : 'success', {
      errors: String(s.errors),
      warnings: String(s.warnings),
      acknowledged: String(s.acknowledged),
    });
  }

  /** A refused synth leaves no manifest behind (with `--stdout` they are already printed). */
  private refuse(context: PluginValidationContext): void {
    if (context.stdout) return;
    removeAtExit(context.manifests);
    context.logger.log(`cdk8s-chaos-mesh refused this synth: its ${context.manifests.length} manifest file(s) are removed from the `
      + 'output folder when cdk8s exits, so nothing unsafe can be committed or synced. Fix the findings and synthesize again.');
  }
}
