/**
 * `cdk8s-chaos-mesh/internal`: the check engine's building blocks, for tools built on top of it
 * (an editor integration, a pre-commit hook that loads YAML itself, a rule-by-rule test harness).
 *
 * **Unstable: no stability promise.** Anything here may change or go in any release, patch
 * releases included: pin an exact version to use it. Apps and programmatic checks use the
 * package root, whose `checkManifests`, `lintPaths` and report functions are the supported way in.
 * @packageDocumentation
 * @module cdk8s-chaos-mesh/internal
 */

// Loading YAML with line and column positions, and linting what was loaded.
export { loadManifests, loadManifestText } from './lint/loader';
export type { InputError, LoadedManifests, LoadOptions } from './lint/loader';
export { lintManifests } from './lint/lint';
export { SourceMap } from './lint/source-map';
export type { SourceLocation } from './lint/source-map';

// The stages checkManifests runs, one at a time: admission defaults, schema, admission, safety rules.
export { applyAdmissionDefaults } from './lint/admission/defaults';
export { checkSchema } from './lint/schema/check-schema';
export { checkAdmission } from './lint/admission/check-admission';
export { checkSafety } from './safety/engine';
export { RULES } from './safety/rules';
export type { RuleContext, SafetyRule } from './safety/rule';

// The chaos specs of an object set (standalone, in Schedules, in Workflow templates), as the rules read them.
export { ChaosForm, isChaosObject, walkChaos } from './safety/_chaos-specs';
export type { ChaosSpec, ScheduleSpec } from './safety/_chaos-specs';

// Findings as the JSON report synth writes with `reportFile`.
export { toJsonReport, writeJsonReport } from './safety/json-report';
export type { SafetyJsonReport } from './safety/json-report';
