import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { isDnsLabel } from '../_k8s-names';
import { forgetRendered, rendered } from '../_render-pass';
import { CHART_VERSION } from './_chart-schema';
import { CHART_REPO_URL, chartApplication, k3sHelmChart } from './_chart-delivery';
import { ChaosMeshNamespace } from './chaos-mesh-namespace';
import { ChaosMeshChartValues, ChartResourceRequirements } from './chart-values.generated';
import { chartValuesToYaml, mergeChartValues, orderChartValues } from './chart-values';
import { RuntimePreset } from './runtime-preset';
import { SafetyAnnotations } from '../safety/annotations';
import {
  CHAOS_INJECT_ANNOTATION, CHAOS_INJECT_ENABLED, ExternalNamespaceOptIn, externalNamespaceOptIn, formatExternalNamespaces,
} from '../safety/namespace-opt-in';
import { targetNamespacesOf } from './target-namespaces';

/** How the chart reaches the cluster. */
export enum ChartDelivery {
  /** An ArgoCD `Application` (argoproj.io/v1alpha1) with the values as `helm.valuesObject`. */
  ARGOCD_APPLICATION = 'argocd-application',
  /** A k3s `HelmChart` (helm.cattle.io/v1) with the values as `valuesContent`, for k3s without ArgoCD. */
  K3S_HELM_CHART = 'k3s-helm-chart',
  /** No object: only the values (`toValuesYaml()`) for `helm install -f`. */
  VALUES_ONLY = 'values-only',
}

/**
 * Resource requests and limits per component.
 * @inline
 */
export interface ChaosMeshComponentResources {
  /** @default requests 100m/256Mi, limits 500m/512Mi (the reference) */
  readonly controllerManager?: ChartResourceRequirements;
  /** @default requests 100m/256Mi, limits 500m/512Mi (the reference) */
  readonly dashboard?: ChartResourceRequirements;
  /** @default requests 250m/512Mi, limits 500m/1024Mi (the values the chart's own comment suggests) */
  readonly chaosDaemon?: ChartResourceRequirements;
  /** @default requests 100m/70Mi (the chart's), limits 500m/170Mi (CoreDNS's own memory limit); emitted only with `dnsChaos` */
  readonly dnsServer?: ChartResourceRequirements;
}

/**
 * The hardened defaults: every component gets requests (so it is scheduled where it fits) and
 * limits (so a misbehaving controller, dashboard or daemon cannot starve the node it shares with
 * the workloads under test). The daemon's limit does not bound a stressor: chaos-daemon moves
 * stress processes into the target container's cgroup.
 */
export const DEFAULT_COMPONENT_RESOURCES: Required<ChaosMeshComponentResources> = {
  controllerManager: { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '100m', memory: '256Mi' } },
  dashboard: { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '100m', memory: '256Mi' } },
  chaosDaemon: { limits: { cpu: '500m', memory: '1024Mi' }, requests: { cpu: '250m', memory: '512Mi' } },
  dnsServer: { limits: { cpu: '500m', memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
};

/**
 * ArgoCD `Application` settings.
 * @inline
 */
export interface ChartApplicationOptions {
  /** @default 'chaos-mesh' */
  readonly name?: string;
  /** Namespace of ArgoCD. @default 'argocd' */
  readonly namespace?: string;
  /** @default 'default' */
  readonly project?: string;
  /** @default 'https://kubernetes.default.svc' */
  readonly destinationServer?: string;
  /** Sync wave: before everything else (chaos objects need the CRDs). @default -10 */
  readonly syncWave?: number;
  /** Automated sync with prune and self-heal: the install is platform state, drift is repaired. @default true */
  readonly automated?: boolean;
}

/**
 * k3s `HelmChart` settings.
 * @inline
 */
export interface K3sHelmChartOptions {
  /** @default 'chaos-mesh' */
  readonly name?: string;
  /** Namespace helm-controller watches. @default 'kube-system' */
  readonly namespace?: string;
}

export interface ChaosMeshInstallProps {
  /**
   * The cluster's container runtime and socket (`chaosDaemon.runtime` / `socketPath`). Required:
   * the chart's default (docker) is wrong on most clusters and then every experiment fails.
   */
  readonly runtime: RuntimePreset;

  /**
   * Namespace of the install.
   * @default 'chaos-mesh'
   */
  readonly namespace?: string;

  /**
   * Emit the namespace (Pod Security `privileged`, see `ChaosMeshNamespace`).
   * @default true
   */
  readonly createNamespace?: boolean;

  /**
   * Run the DNS server DNSChaos needs. Off by default: it is one more privileged-adjacent
   * component (it answers DNS for targeted pods) and nothing else uses it.
   * @default false
   */
  readonly dnsChaos?: boolean;

  /**
   * `controllerManager.enableFilterNamespace`: inject only into namespaces annotated
   * `chaos-mesh.org/inject: enabled`, so an experiment that selects the wrong namespace does
   * nothing instead of harming it. Target namespaces this app emits are annotated with
   * `addTargetNamespace` / `optInOwnedNamespaces`; others must be listed in
   * `externalTargetNamespaces`.
   * @default true
   */
  readonly filterNamespaces?: boolean;

  /**
   * Target namespaces owned by another repository. Their owner must annotate them
   * (`externalNamespaceOptIns()` prints the one-line change). Written as
   * `cdk8s-chaos-mesh.io/external-target-namespaces` on the chart's Application or HelmChart and in
   * the values file's header, where CM011 (in synth and lint alike) reads them.
   * @default []
   */
  readonly externalTargetNamespaces?: readonly string[];

  /**
   * Requests and limits per component.
   * @default DEFAULT_COMPONENT_RESOURCES
   */
  readonly resources?: ChaosMeshComponentResources;

  /**
   * Any other chart value, deep-merged over what this construct sets (mappings merge, lists and
   * scalars replace). Typed: a key the chart does not read does not compile. Overriding a
   * hardened default here (dashboard service type, securityMode, ingress) is reported by CM008.
   * @default {}
   */
  readonly values?: ChaosMeshChartValues;

  /** @default ChartDelivery.ARGOCD_APPLICATION */
  readonly delivery?: ChartDelivery;

  /** @default - see ChartApplicationOptions */
  readonly application?: ChartApplicationOptions;

  /** @default - see K3sHelmChartOptions */
  readonly k3sHelmChart?: K3sHelmChartOptions;
}

/**
 * Chaos Mesh 2.8.2 installed from its Helm chart, with hardened values.
 *
 * Hardened defaults, each for a reason:
 * - `dashboard.service.type: ClusterIP` and `dashboard.securityMode: true` (CM008): the dashboard
 *   is a cluster-wide kill switch; the 2.8.2 chart reads `dashboard.service.type` and defaults it
 *   to NodePort (the reference's `dashboard.serviceType` was ignored). Access is by port-forward
 *   and an RBAC token (`DashboardAccess`). `dashboard.ingress.enabled` stays false (the chart
 *   default, not repeated).
 * - `dnsServer.create: false` unless `dnsChaos`: only DNSChaos needs it.
 * - requests and limits on the controller manager, dashboard, daemon (and DNS server when on).
 * - `controllerManager.replicaCount` stays 3 (the chart default, with leader election).
 * - `controllerManager.enableFilterNamespace: true`: only opted-in namespaces can be harmed.
 * - `chaosDaemon.hostNetwork: false`, `webhook.certManager.enabled: false` (the built-in
 *   self-signed webhook certificate is enough for an in-cluster webhook), as in the reference.
 *
 * The values contain only what differs from, or must be pinned against, the chart defaults.
 *
 * The construct builds values; it does not judge them. `checkManifests` (run by `ChaosMeshApp`,
 * `lint` and the cdk8s-cli plugin) does: unknown chart keys (`schema`), runtime and socket (CM009),
 * the dashboard (CM008), target namespaces with the filter on (CM011). `ChaosMeshApp` opts in the
 * Namespaces it emits (`optInOwnedNamespaces`).
 */
export class ChaosMeshInstall extends Construct {
  /** The chart version installed (pinned to the release the values are typed for). */
  public readonly chartVersion: string = CHART_VERSION;
  /** The chart values, in a stable key order. */
  public readonly values: ChaosMeshChartValues;
  /** Namespace of the install. */
  public readonly namespaceName: string;
  /** The emitted Namespace, unless `createNamespace: false`. */
  public readonly namespace?: ChaosMeshNamespace;
  /** The ArgoCD Application (delivery ARGOCD_APPLICATION). */
  public readonly application?: ApiObject;
  /** The k3s HelmChart (delivery K3S_HELM_CHART). */
  public readonly helmChart?: ApiObject;
  public readonly filterNamespaces: boolean;
  public readonly externalTargetNamespaces: readonly string[];
  private readonly owned = new Set<string>();

  constructor(scope: Construct, id: string, props: ChaosMeshInstallProps) {
    super(scope, id);
    if (!(props.runtime instanceof RuntimePreset)) {
      throw new Error('ChaosMeshInstall: runtime must be a RuntimePreset (RuntimePreset.K3S, .K0S, .RKE2, .MICROK8S, .CONTAINERD, .CRIO, .DOCKER or RuntimePreset.custom(...)).');
    }
    this.namespaceName = props.namespace ?? 'chaos-mesh';
    if (!isDnsLabel(this.namespaceName)) {
      throw new Error(`ChaosMeshInstall: namespace "${this.namespaceName}" is not a valid namespace name (lowercase letters, digits and '-', at most 63 characters).`);
    }
    this.filterNamespaces = props.filterNamespaces ?? true;
    this.externalTargetNamespaces = [...(props.externalTargetNamespaces ?? [])];
    for (const ns of this.externalTargetNamespaces) {
      if (!isDnsLabel(ns)) {
        throw new Error(`ChaosMeshInstall: externalTargetNamespaces entry ${JSON.stringify(ns)} is not a valid namespace name.`);
      }
    }
    if (!this.filterNamespaces && this.externalTargetNamespaces.length > 0) {
      throw new Error('ChaosMeshInstall: externalTargetNamespaces only matters with filterNamespaces: true (without the filter every namespace can be targeted); remove one of them.');
    }
    this.values = orderChartValues(this.buildValues(props));

    if (props.createNamespace ?? true) {
      this.namespace = new ChaosMeshNamespace(this, 'Namespace', { name: this.namespaceName, syncWave: props.application?.syncWave });
    }
    const delivery = props.delivery ?? ChartDelivery.ARGOCD_APPLICATION;
    if (delivery === ChartDelivery.ARGOCD_APPLICATION) {
      const app = props.application ?? {};
      this.application = new ApiObject(this, 'Application', chartApplication({
        name: app.name ?? 'chaos-mesh',
        namespace: app.namespace ?? 'argocd',
        project: app.project ?? 'default',
        destinationServer: app.destinationServer ?? 'https://kubernetes.default.svc',
        targetNamespace: this.namespaceName,
        syncWave: app.syncWave ?? -10,
        automated: app.automated ?? true,
        chartVersion: this.chartVersion,
        values: this.values,
        annotations: this.declarations(),
      }));
    } else if (delivery === ChartDelivery.K3S_HELM_CHART) {
      this.helmChart = new ApiObject(this, 'HelmChart', k3sHelmChart({
        name: props.k3sHelmChart?.name ?? 'chaos-mesh',
        namespace: props.k3sHelmChart?.namespace ?? 'kube-system',
        targetNamespace: this.namespaceName,
        chartVersion: this.chartVersion,
        valuesContent: chartValuesToYaml(this.values),
        annotations: this.declarations(),
      }) as any);
    } else if (delivery !== ChartDelivery.VALUES_ONLY) {
      throw new Error(`ChaosMeshInstall: delivery ${JSON.stringify(delivery)} is not one of ${Object.values(ChartDelivery).join(', ')}.`);
    }
  }

  private buildValues(props: ChaosMeshInstallProps): ChaosMeshChartValues {
    const resources = { ...DEFAULT_COMPONENT_RESOURCES, ...props.resources };
    const dnsChaos = props.dnsChaos ?? false;
    const base: ChaosMeshChartValues = {
      controllerManager: {
        ...(this.filterNamespaces ? { enableFilterNamespace: true } : {}),
        resources: resources.controllerManager,
      },
      chaosDaemon: {
        runtime: props.runtime.runtime,
        socketPath: props.runtime.socketPath,
        hostNetwork: false,
        resources: resources.chaosDaemon,
      },
      dashboard: {
        create: true,
        securityMode: true,
        service: { type: 'ClusterIP' },
        resources: resources.dashboard,
      },
      dnsServer: dnsChaos ? { create: true, resources: resources.dnsServer } : { create: false },
      webhook: { certManager: { enabled: false } },
    };
    return mergeChartValues(base, props.values);
  }

  /** What the install declares for the safety rules, as annotations of the object that carries the values. */
  private declarations(): Record<string, string> {
    return this.externalTargetNamespaces.length > 0
      ? { [SafetyAnnotations.EXTERNAL_TARGET_NAMESPACES]: formatExternalNamespaces(this.externalTargetNamespaces) }
      : {};
  }

  /** Namespaces this app emits and has opted in. */
  public get ownedTargetNamespaces(): readonly string[] {
    return [...this.owned].sort();
  }

  /**
   * Opts a Namespace this app emits in to injection: adds `chaos-mesh.org/inject: enabled`.
   *
   * @param namespace the Namespace: a cdk8s `ApiObject`, or a construct whose default child is one (cdk8s-plus `Namespace`)
   */
  public addTargetNamespace(namespace: IConstruct): void {
    const obj = ApiObject.of(namespace);
    if (obj.kind !== 'Namespace') {
      throw new Error(`ChaosMeshInstall.addTargetNamespace: ${obj.node.path} is a ${obj.kind}, not a Namespace.`);
    }
    if (obj.name === this.namespaceName) {
      throw new Error(`ChaosMeshInstall.addTargetNamespace: "${obj.name}" is the Chaos Mesh namespace itself; it must never be a target.`);
    }
    obj.metadata.addAnnotation(CHAOS_INJECT_ANNOTATION, CHAOS_INJECT_ENABLED);
    forgetRendered(obj);
    this.owned.add(obj.name);
  }

  /**
   * Annotates every Namespace object under `scope` (usually the App) that a Chaos Mesh object
   * under `scope` targets. Call it after the experiments are defined.
   *
   * @returns the namespaces opted in
   */
  public optInOwnedNamespaces(scope: IConstruct): string[] {
    const objects = scope.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
    // Only Chaos Mesh objects target namespaces: the others need not be rendered here.
    const chaos = objects.filter((o) => o.apiVersion.startsWith('chaos-mesh.org/'));
    const targets = new Set(chaos.flatMap((o) => targetNamespacesOf(rendered(o))));
    const done: string[] = [];
    for (const obj of objects) {
      if (obj.apiVersion === 'v1' && obj.kind === 'Namespace' && targets.has(obj.name) && obj.name !== this.namespaceName) {
        this.addTargetNamespace(obj);
        done.push(obj.name);
      }
    }
    return done.sort();
  }

  /** The one-line change each owner of an external target namespace must make. */
  public externalNamespaceOptIns(): ExternalNamespaceOptIn[] {
    return this.externalTargetNamespaces.map(externalNamespaceOptIn);
  }

  /**
   * The values as YAML for `helm install -f` (dist/helm-values/chaos-mesh.values.yaml), keys in
   * a stable order.
   *
   * @param options.header start with a comment naming the chart, version and install command
   */
  public toValuesYaml(options: { readonly header?: boolean } = {}): string {
    const body = chartValuesToYaml(this.values);
    if (!(options.header ?? true)) return body;
    return [
      // The first lines say what the file is, for lint (a values file has no kind or metadata).
      `# ${SafetyAnnotations.CHART_VALUES}: chaos-mesh ${this.chartVersion}`,
      ...Object.entries(this.declarations()).map(([key, value]) => `# ${key}: ${value}`),
      `# Chaos Mesh chart values (chart chaos-mesh ${this.chartVersion} from ${CHART_REPO_URL}), generated by cdk8s-chaos-mesh: do not edit.`,
      `# Install by hand, after applying the ${this.namespaceName} Namespace with its Pod Security labels:`,
      `#   helm install chaos-mesh chaos-mesh/chaos-mesh -n ${this.namespaceName} --version ${this.chartVersion} -f chaos-mesh.values.yaml`,
      body,
    ].join('\n');
  }
}
