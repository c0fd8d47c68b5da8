// The public experiments API. Named exports keep the internal fault builders and step types
// (used between these files) out of the package's surface.
export { ChaosExperiment, DEFAULT_CHAOS_NAMESPACE, EXPERIMENT_LABEL, formatPhases, MAX_READABLE_NAME_LENGTH, TemplateNames } from './base';
export type {
  AnyWorkflowTemplate, ChaosExperimentProps, ExperimentOptions, ExperimentPhase, ExperimentPhases, WorkflowTemplate,
} from './base';
export { ChaosKind } from './_fault';
export type { HealthCheck, SafeguardDefaults, SafeguardOptOut, SafeguardOptOuts, SteadyState } from './safeguards';
export { canonicalJson, contentName, SPEC_HASH_LENGTH, specHash } from '../content-named-api-object';
export { SelectorMode, SelectorModeType } from './selector-mode';
export { BandwidthRate } from './bandwidth-rate';
export { PodChaosAction, PodChaosExperiment } from './pod-chaos';
export type { PodChaosExperimentProps, PodChaosFaultOptions } from './pod-chaos';
export { NetworkChaosAction, NetworkChaosExperiment } from './network-chaos';
export type {
  NetworkBandwidth, NetworkChaosExperimentProps, NetworkChaosFaultOptions, NetworkDelay, NetworkDirection, NetworkPeer,
  NetworkProbability, NetworkReorder,
} from './network-chaos';
export { MemoryStressExperiment } from './memory-stress';
export type { MemoryStressExperimentProps, MemoryStressFaultOptions } from './memory-stress';
export { CpuStressExperiment } from './cpu-stress';
export type { CpuStressExperimentProps, CpuStressFaultOptions } from './cpu-stress';
export { BoundedSchedule, ScheduledFault } from './bounded-schedule';
export type { BoundedScheduleOptions, BoundedScheduleProps, ScheduledRunOptions } from './bounded-schedule';
export { GameDay } from './game-day';
export type { GameDayProps, GameDayStepPhase } from './game-day';
export { GameDayStep } from './game-day-step';
export type { GameDayFaultOptions, GameDayFaultProps, GameDayStepOptions } from './game-day-step';
export { Errno, IoChaosAction, IoChaosExperiment } from './io-chaos';
export type { IoChaosExperimentProps, IoFileType, IoMethod, IoMistakeFilling } from './io-chaos';
export { TimeOffset } from './time-offset';
export { TimeChaosExperiment } from './time-chaos';
export type { ClockId, TimeChaosExperimentProps } from './time-chaos';
export { DnsChaosAction, DnsChaosExperiment } from './dns-chaos';
export type { DnsChaosExperimentProps } from './dns-chaos';
export { HttpChaosAction, HttpChaosExperiment } from './http-chaos';
export type { HttpChaosExperimentProps, HttpChaosTarget, HttpMethod } from './http-chaos';
export { JvmChaosAction, JvmChaosExperiment } from './jvm-chaos';
export type { JvmChaosExperimentProps, JvmMemoryType, MysqlConnectorVersion, SqlType } from './jvm-chaos';
export { KernelChaosExperiment, KernelFailType } from './kernel-chaos';
export type { KernelChaosExperimentProps } from './kernel-chaos';
export { BlockChaosAction, BlockChaosExperiment } from './block-chaos';
export type { BlockChaosExperimentProps } from './block-chaos';
export { PhysicalMachineChaosAction, PhysicalMachineChaosExperiment } from './physical-machine-chaos';
export type { PhysicalMachineChaosExperimentProps } from './physical-machine-chaos';
export { AwsChaosAction, AwsChaosExperiment } from './aws-chaos';
export type { AwsChaosExperimentProps } from './aws-chaos';
export { GcpChaosAction, GcpChaosExperiment } from './gcp-chaos';
export type { GcpChaosExperimentProps } from './gcp-chaos';
export { AzureChaosAction, AzureChaosExperiment } from './azure-chaos';
export type { AzureChaosExperimentProps } from './azure-chaos';
