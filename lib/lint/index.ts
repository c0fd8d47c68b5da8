// The public lint API: loading YAML with positions, the schema and admission checks, one-pass
// linting with the safety rules, and the text/JSON/SARIF reports.
export * from './loader';
export * from './source-map';
export * from './lint';
export { checkSchema, schemaIssues, CHAOS_MESH_GROUP } from './schema/check-schema';
export { SchemaLoadError } from './schema/core-schema';
export { checkObjectMeta, NameRule } from './schema/object-meta';
export type { ObjectMetaProps } from './schema/object-meta';
export { checkAdmission, admissionIssues } from './admission/check-admission';
export { applyAdmissionDefaults } from './admission/defaults';
export type { Issue } from './_issue';
export * from './format/text';
export * from './format/json';
export * from './format/sarif';
