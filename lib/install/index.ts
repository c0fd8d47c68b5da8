/** Chaos Mesh install: typed chart values, runtime presets, namespace, chart delivery, dashboard access. */
export type {
  ChaosMeshChartValues, ChartContainerRuntime, ChartEnvValue, ChartHostPathType, ChartImagePullPolicy,
  ChartJsonObject, ChartLocalObjectReference, ChartResourceList, ChartResourceRequirements, ChartServiceType,
  ChartStringMap, ChartWebhookFailurePolicy,
} from './chart-values.generated';
export * from './chart-values';
export * from './chart-values-check';
export * from './runtime-preset';
export * from './chaos-mesh-namespace';
export * from './chaos-mesh-install';
export * from './target-namespaces';
export * from './dashboard-access';
export * from './restricted-namespace';
