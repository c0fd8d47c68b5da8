/** Probe-log parsing, statistics and rendering (`cdk8s-chaos-mesh report`). Rounding helpers stay internal. */
export * from './accepted-status';
export { parseProbeLog } from './probe-log';
export type { LogProblem, LogSummary, PhaseMarker, ProbeLog, ProbeSample } from './probe-log';
export { computeStatistics } from './statistics';
export type { LatencyStatistics, ProbeStatistics } from './statistics';
export * from './phases';
export * from './report';
export * from './markdown';
export * from './svg';
