// The public safety API: the rule engine, its rules and options, reporting and enforcement.
export * from './finding';
export * from './annotations';
export * from './options';
export * from './namespace-opt-in';
export { RuleId, createRuleContext } from './rule';
export type { RuleContext, SafetyRule } from './rule';
export * from './rules';
export * from './chart-values';
export * from './target-resolution';
export * from './acknowledgements';
export * from './engine';
export * from './format';
export * from './safety-error';
export * from './json-report';
export * from './validation-plugin';
export { ChaosForm, EMBEDDED_CHAOS_FIELDS, isChaosObject, walkChaos } from './_chaos-specs';
export type { ChaosSpec, ScheduleSpec, DurationSource } from './_chaos-specs';
