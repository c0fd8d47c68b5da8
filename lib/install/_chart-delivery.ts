import type { IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { ChaosMeshChartValues } from './chart-values.generated';

/** Where the chart comes from: the official Chaos Mesh Helm repository, pinned release. */
export const CHART_REPO_URL = 'https://charts.chaos-mesh.org';
export const CHART_NAME = 'chaos-mesh';
export const CHART_RELEASE = 'chaos-mesh';

export interface ApplicationInput {
  readonly name: string;
  readonly namespace: string;
  readonly project: string;
  readonly destinationServer: string;
  readonly targetNamespace: string;
  readonly syncWave: number;
  readonly automated: boolean;
  readonly chartVersion: string;
  readonly values: ChaosMeshChartValues;
  /** Declarations for the safety rules (`cdk8s-chaos-mesh.io/...`). */
  readonly annotations: Readonly<Record<string, string>>;
}

/**
 * The ArgoCD Application that installs the chart. `CreateNamespace=false` because the namespace
 * is emitted with its Pod Security labels (a namespace ArgoCD creates would have none);
 * `ServerSideApply=true` because the chart's CRDs are larger than the 256 KiB
 * `last-applied-configuration` annotation of a client-side apply allows.
 */
export function chartApplication(input: ApplicationInput): IApplication {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: input.name,
      namespace: input.namespace,
      annotations: { 'argocd.argoproj.io/sync-wave': String(input.syncWave), ...input.annotations },
    },
    spec: {
      project: input.project,
      source: {
        repoURL: CHART_REPO_URL,
        chart: CHART_NAME,
        targetRevision: input.chartVersion,
        helm: {
          releaseName: CHART_RELEASE,
          valuesObject: input.values as Record<string, unknown>,
        },
      },
      destination: { server: input.destinationServer, namespace: input.targetNamespace },
      syncPolicy: {
        ...(input.automated ? { automated: { prune: true, selfHeal: true } } : {}),
        syncOptions: ['CreateNamespace=false', 'ServerSideApply=true'],
      },
    },
  };
}

export interface HelmChartInput {
  readonly name: string;
  readonly namespace: string;
  readonly targetNamespace: string;
  readonly chartVersion: string;
  readonly valuesContent: string;
  /** Declarations for the safety rules (`cdk8s-chaos-mesh.io/...`). */
  readonly annotations: Readonly<Record<string, string>>;
}

/**
 * The k3s `HelmChart` (helm.cattle.io/v1) alternative: k3s's helm-controller installs the chart
 * from the same repository with the same values, without ArgoCD.
 *
 * @see https://docs.k3s.io/helm#using-the-helm-controller
 */
export function k3sHelmChart(input: HelmChartInput): Record<string, unknown> {
  return {
    apiVersion: 'helm.cattle.io/v1',
    kind: 'HelmChart',
    metadata: {
      name: input.name,
      namespace: input.namespace,
      ...(Object.keys(input.annotations).length > 0 ? { annotations: { ...input.annotations } } : {}),
    },
    spec: {
      repo: CHART_REPO_URL,
      chart: CHART_NAME,
      version: input.chartVersion,
      targetNamespace: input.targetNamespace,
      valuesContent: input.valuesContent,
    },
  };
}
