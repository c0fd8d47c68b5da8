import { KubeObject } from '../../kube-object';
import { fieldPath } from '../../_field-path';
import { isRecord } from '../../_json';
import { getKey, hasKey } from '../_paths';
import { ChartValues } from '../chart-values';
import { Finding } from '../finding';
import { finding, RuleContext, RuleId, SafetyRule } from '../rule';

const ID = RuleId.CM008;
const DASHBOARD = 'chaos-dashboard';
const COMPONENT_LABEL = 'app.kubernetes.io/component';
const PORT_FORWARD = 'Reach the dashboard with kubectl port-forward -n chaos-mesh svc/chaos-dashboard 2333:2333.';
const GATEWAY_ROUTES = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute']);
const EXPOSED_TYPES = new Set(['LoadBalancer', 'NodePort']);

/** The chart's dashboard settings, against the 2.8.2 defaults (`service.type` defaults to NodePort). */
function checkValues(cv: ChartValues): Finding[] {
  const findings: Finding[] = [];
  if (cv.error) {
    findings.push(finding(ID, cv.source, cv.error.path,
      `Chaos Mesh chart values cannot be read, so the dashboard exposure cannot be checked: ${cv.error.message}.`,
      'Fix the values so that they are a YAML mapping.'));
    return findings;
  }
  const v = cv.values;
  if (getKey(v, 'dashboard.create') === false) return findings; // no dashboard, nothing to expose

  const securityMode = getKey(v, 'dashboard.securityMode');
  if (hasKey(v, 'dashboard.securityMode') && String(securityMode) !== 'true') {
    findings.push(finding(ID, cv.source, cv.pathOf('dashboard.securityMode'),
      `dashboard.securityMode is ${JSON.stringify(securityMode)}: the dashboard then acts with its own service account, `
      + 'so anyone who reaches it can run chaos anywhere in the cluster without a token.',
      'Set dashboard.securityMode: true (the chart default), and give operators RBAC tokens.'));
  }

  const type = getKey(v, 'dashboard.service.type');
  if (type !== 'ClusterIP') {
    const typo = hasKey(v, 'dashboard.serviceType')
      ? ` (dashboard.serviceType ${JSON.stringify(getKey(v, 'dashboard.serviceType'))} is not a key of the 2.8.2 chart and is ignored)`
      : '';
    findings.push(finding(ID, cv.source, cv.pathOf('dashboard.service.type'),
      type === undefined
        ? `dashboard.service.type is not set, and the Chaos Mesh 2.8.2 chart defaults it to NodePort: the dashboard, a `
          + `cluster-wide kill switch, listens on every node${typo}.`
        : `dashboard.service.type is ${JSON.stringify(type)}: the dashboard, a cluster-wide kill switch, is reachable from outside the cluster${typo}.`,
      `Set dashboard.service.type: ClusterIP. ${PORT_FORWARD}`));
  }

  const ingress = getKey(v, 'dashboard.ingress.enabled');
  if (ingress !== undefined && ingress !== false && String(ingress) !== 'false') {
    findings.push(finding(ID, cv.source, cv.pathOf('dashboard.ingress.enabled'),
      `dashboard.ingress.enabled is ${JSON.stringify(ingress)}: the chart publishes the dashboard, a cluster-wide kill switch, through an Ingress.`,
      `Set dashboard.ingress.enabled: false. ${PORT_FORWARD}`));
  }
  return findings;
}

/** Names of Services in the set that front the dashboard, besides the chart's own `chaos-dashboard`. */
function dashboardServices(objects: readonly KubeObject[]): { name: string; namespace?: string }[] {
  return objects
    .filter((o) => o.kind === 'Service' && isRecord(o.spec) && isRecord(o.spec.selector)
      && o.spec.selector[COMPONENT_LABEL] === DASHBOARD && o.metadata?.name !== DASHBOARD)
    .map((o) => ({ name: o.metadata!.name!, namespace: o.metadata?.namespace }));
}

function reachesDashboard(name: unknown, namespace: string | undefined, extra: { name: string; namespace?: string }[]): boolean {
  if (name === DASHBOARD) return true;
  return extra.some((s) => s.name === name && s.namespace === namespace);
}

/** Ingress backends: v1 (`service.name`) and the old `serviceName`, default backend and rules. */
function ingressBackends(o: KubeObject): { name: unknown; path: string }[] {
  const out: { name: unknown; path: string }[] = [];
  const spec = isRecord(o.spec) ? o.spec : {};
  const push = (backend: unknown, path: string) => {
    if (!isRecord(backend)) return;
    if (isRecord(backend.service)) out.push({ name: backend.service.name, path: fieldPath(path, 'service', 'name') });
    if (backend.serviceName !== undefined) out.push({ name: backend.serviceName, path: fieldPath(path, 'serviceName') });
  };
  push(spec.defaultBackend, 'spec.defaultBackend');
  push(spec.backend, 'spec.backend');
  (Array.isArray(spec.rules) ? spec.rules : []).forEach((rule: any, i: number) => {
    const paths = isRecord(rule) && isRecord(rule.http) && Array.isArray(rule.http.paths) ? rule.http.paths : [];
    paths.forEach((p: any, j: number) => push(isRecord(p) ? p.backend : undefined, fieldPath('spec', 'rules', i, 'http', 'paths', j, 'backend')));
  });
  return out;
}

/** Gateway API route backends that are Services (the default kind). */
function routeBackends(o: KubeObject): { name: unknown; namespace?: string; path: string }[] {
  const out: { name: unknown; namespace?: string; path: string }[] = [];
  const rules = isRecord(o.spec) && Array.isArray(o.spec.rules) ? o.spec.rules : [];
  rules.forEach((rule: any, i: number) => {
    const refs = isRecord(rule) && Array.isArray(rule.backendRefs) ? rule.backendRefs : [];
    refs.forEach((ref: any, j: number) => {
      if (!isRecord(ref) || (ref.kind !== undefined && ref.kind !== 'Service') || (ref.group !== undefined && ref.group !== '')) return;
      out.push({ name: ref.name, namespace: ref.namespace ?? o.metadata?.namespace, path: fieldPath('spec', 'rules', i, 'backendRefs', j, 'name') });
    });
  });
  return out;
}

/**
 * The dashboard is a cluster-wide kill switch: anyone who reaches it can delete pods, partition
 * networks and OOM-kill nodes. It stays cluster-internal (port-forward), with RBAC tokens.
 */
export function checkDashboardInternal(ctx: RuleContext): Finding[] {
  const findings: Finding[] = ctx.chartValues.flatMap(checkValues);
  const extra = dashboardServices(ctx.objects);
  for (const o of ctx.objects) {
    if (!isRecord(o)) continue;
    const ns = o.metadata?.namespace;
    if (o.kind === 'Service' && isRecord(o.spec) && EXPOSED_TYPES.has(o.spec.type)
      && (o.metadata?.name === DASHBOARD || (isRecord(o.spec.selector) && o.spec.selector[COMPONENT_LABEL] === DASHBOARD))) {
      findings.push(finding(ID, o, 'spec.type',
        `Service of type ${o.spec.type} exposes the chaos dashboard, a cluster-wide kill switch, outside the cluster.`,
        `Use type: ClusterIP. ${PORT_FORWARD}`));
    } else if (o.kind === 'Ingress' && typeof o.apiVersion === 'string'
      && (o.apiVersion.startsWith('networking.k8s.io/') || o.apiVersion.startsWith('extensions/'))) {
      for (const b of ingressBackends(o)) {
        if (!reachesDashboard(b.name, ns, extra)) continue;
        findings.push(finding(ID, o, b.path,
          `Ingress routes to the chaos dashboard service "${b.name}": the cluster-wide kill switch becomes reachable from outside.`,
          `Remove the dashboard backend from the Ingress. ${PORT_FORWARD}`));
      }
    } else if (typeof o.kind === 'string' && GATEWAY_ROUTES.has(o.kind) && typeof o.apiVersion === 'string'
      && o.apiVersion.startsWith('gateway.networking.k8s.io/')) {
      for (const b of routeBackends(o)) {
        if (!reachesDashboard(b.name, b.namespace, extra)) continue;
        findings.push(finding(ID, o, b.path,
          `${o.kind} routes to the chaos dashboard service "${b.name}": the cluster-wide kill switch becomes reachable through a Gateway.`,
          `Remove the dashboard backend from the route. ${PORT_FORWARD}`));
      }
    }
  }
  return findings;
}

export const CM008: SafetyRule = {
  id: ID,
  title: 'The dashboard stays internal',
  severity: 'error',
  description: 'The dashboard stays internal: dashboard.securityMode: true, dashboard.service.type: ClusterIP (the 2.8.2 '
    + 'chart defaults to NodePort), dashboard.ingress.enabled: false, and no Ingress, Gateway route, LoadBalancer or '
    + 'NodePort Service in the set reaching chaos-dashboard.',
  check: checkDashboardInternal,
};
