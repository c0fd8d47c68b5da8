/**
 * cdk8s-chaos-mesh: constructs and checks for safe, reviewable chaos engineering on Chaos Mesh v2.8.2.
 *
 * The package root is what users build with, listed name by name: every name here is a promise
 * (test/public-api.txt pins the list; adding or removing one is a reviewed change). Engine
 * building blocks for other tools are in `cdk8s-chaos-mesh/internal`, without that promise.
 * Types listed under `referenced-types` have no name of their own at the root: a prop or a result
 * reaches them (write them as literals, or name them as `XxxProps['field']`).
 * @packageDocumentation
 * @module cdk8s-chaos-mesh
 */

// The app: GitOps output layout, the safety check before anything is written, synth from a command line.
export { ChaosMeshApp, synthOrExit } from './app';
export type { ChaosMeshAppProps } from './app';
export type { GitOpsProps } from './delivery/gitops-applications';

// Targets: the workload an experiment injects into, declared or read from a cdk8s-plus workload.
export { ChaosTarget } from './target';
export type { DeclaredTargetProps, WorkloadTargetOptions } from './target';

// What every experiment shares: phases, safeguards (probe, health check, guard), selector mode.
export { ChaosExperiment } from './experiments/base';
export type { ChaosExperimentProps, ExperimentOptions, ExperimentPhases } from './experiments/base';
export type { HealthCheck, SafeguardDefaults, SafeguardOptOuts, SteadyState } from './experiments/safeguards';
export { SelectorMode } from './experiments/selector-mode';

// Experiments, one per Chaos Mesh fault kind: the construct, its props and its actions. A value set
// or sub-object only one kind's props use (NetworkChaos `delay`, IOChaos `methods`, HTTPChaos
// `method`) has no name here: it is written as a literal, and its type is `XxxProps['field']`.
export { PodChaosAction, PodChaosExperiment } from './experiments/pod-chaos';
export type { PodChaosExperimentProps, PodChaosFaultOptions } from './experiments/pod-chaos';
export { NetworkChaosAction, NetworkChaosExperiment } from './experiments/network-chaos';
export type { NetworkChaosExperimentProps, NetworkChaosFaultOptions } from './experiments/network-chaos';
export { BandwidthRate } from './experiments/bandwidth-rate';
export { MemoryStressExperiment } from './experiments/memory-stress';
export type { MemoryStressExperimentProps, MemoryStressFaultOptions } from './experiments/memory-stress';
export { CpuStressExperiment } from './experiments/cpu-stress';
export type { CpuStressExperimentProps, CpuStressFaultOptions } from './experiments/cpu-stress';
export { Errno, IoChaosAction, IoChaosExperiment } from './experiments/io-chaos';
export type { IoChaosExperimentProps } from './experiments/io-chaos';
export { TimeChaosExperiment } from './experiments/time-chaos';
export type { TimeChaosExperimentProps } from './experiments/time-chaos';
export { TimeOffset } from './experiments/time-offset';
export { DnsChaosAction, DnsChaosExperiment } from './experiments/dns-chaos';
export type { DnsChaosExperimentProps } from './experiments/dns-chaos';
export { HttpChaosAction, HttpChaosExperiment } from './experiments/http-chaos';
export type { HttpChaosExperimentProps } from './experiments/http-chaos';
export { JvmChaosAction, JvmChaosExperiment } from './experiments/jvm-chaos';
export type { JvmChaosExperimentProps } from './experiments/jvm-chaos';
export { KernelChaosExperiment, KernelFailType } from './experiments/kernel-chaos';
export type { KernelChaosExperimentProps } from './experiments/kernel-chaos';
export { BlockChaosAction, BlockChaosExperiment } from './experiments/block-chaos';
export type { BlockChaosExperimentProps } from './experiments/block-chaos';
export { PhysicalMachineChaosAction, PhysicalMachineChaosExperiment } from './experiments/physical-machine-chaos';
export type { PhysicalMachineChaosExperimentProps } from './experiments/physical-machine-chaos';
export { AwsChaosAction, AwsChaosExperiment } from './experiments/aws-chaos';
export type { AwsChaosExperimentProps } from './experiments/aws-chaos';
export { GcpChaosAction, GcpChaosExperiment } from './experiments/gcp-chaos';
export type { GcpChaosExperimentProps } from './experiments/gcp-chaos';
export { AzureChaosAction, AzureChaosExperiment } from './experiments/azure-chaos';
export type { AzureChaosExperimentProps } from './experiments/azure-chaos';

// A fault repeated on a cron schedule inside a deadline (a bare Schedule never stops).
export { BoundedSchedule, ScheduledFault } from './experiments/bounded-schedule';
export type { BoundedScheduleProps, ScheduledRunOptions } from './experiments/bounded-schedule';

// A GameDay: several faults and pauses in one bounded, guarded, measured run. Each GameDayStep
// factory takes its kind's fault props, so the step option types are reached through it.
export { GameDay } from './experiments/game-day';
export type { GameDayProps } from './experiments/game-day';
export { GameDayStep } from './experiments/game-day-step';

// Value types: parsed once, exactly as Go and Kubernetes parse them, with the original text kept.
export { CronSchedule, GoDuration, Quantity, StressSize, UnitError } from './units';

// Safeguard settings: the CA probes trust, their thresholds, the containment check after a fault.
export { CaBundle } from './probe/ca-bundle';
export type { ProbeThresholds } from './probe/probe-job';
export { ContainmentCheck } from './guard/containment-check';
export type { ContainmentTargetProps } from './guard/containment-check';

// The Chaos Mesh install: typed chart values, runtime presets, namespaces, dashboard access.
export { ChaosMeshInstall, ChartDelivery } from './install/chaos-mesh-install';
export type { ChaosMeshInstallProps } from './install/chaos-mesh-install';
export type { ChaosMeshChartValues } from './install/chart-values.generated';
export { ContainerRuntime, RuntimePreset } from './install/runtime-preset';
export { RestrictedNamespace } from './install/restricted-namespace';
export type { RestrictedNamespaceProps } from './install/restricted-namespace';
export { DashboardAccess, DashboardAccessLevel } from './install/dashboard-access';
export type { DashboardAccessProps } from './install/dashboard-access';

// The check: one entry point for synth, lint and the cdk8s-cli validation plugin, and its findings.
export { checkManifests } from './check/check-manifests';
export type { CheckOptions } from './check/check-manifests';
export type { KubeObject } from './kube-object';
export type { Finding } from './safety/finding';
export { RuleId } from './safety/rule';
export type { SafetyOptions } from './safety/options';
export { formatFindings } from './safety/format';
export { SafetyError } from './safety/safety-error';
export { ChaosMeshSafetyValidation } from './safety/validation-plugin';
export type { ChaosMeshSafetyValidationProps } from './safety/validation-plugin';

// Lint: YAML files and folders through the same check, with positions, as text, JSON or SARIF.
export { lintPaths } from './lint/lint';
export type { LintOptions, LintResult, LocatedFinding } from './lint/lint';
export { formatText } from './lint/format/text';
export { formatJson } from './lint/format/json';
export { formatSarif } from './lint/format/sarif';

// Probe reports: a probe Job's log to availability, outages and latency per phase.
export { parseProbeLog } from './report/probe-log';
export type { ProbeLog } from './report/probe-log';
export { buildReport, reportToJson } from './report/report';
export type { ProbeReport, ReportInput } from './report/report';
export { renderMarkdown } from './report/markdown';
export { renderSvg } from './report/svg';
