import { KubeObject } from '../../kube-object';
import { Finding } from '../../safety/finding';
import { Issue, quote, toFindings } from '../_issue';
import { listNames } from '../_suggest';
import { CHART_VALUES_API_VERSION, CHART_VALUES_KIND } from '../loader';
import { coreSchemaIssues } from './core-schema';
import { CrdSchemas } from './crd-schemas';
import { checkObjectMeta, NameRule } from './object-meta';

/** The API group of the pinned Chaos Mesh CRDs. */
export const CHAOS_MESH_GROUP = 'chaos-mesh.org';

/** Core kinds that are not namespaced (only used to warn about a pointless metadata.namespace). */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass',
  'CustomResourceDefinition', 'PriorityClass', 'IngressClass', 'RuntimeClass', 'CSIDriver', 'CSINode',
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService', 'VolumeAttachment',
]);

/**
 * Kinds without a schema here that lint still understands: no "unknown kind" warning for them.
 * k3s HelmChart: its chart values are checked against the chaos-mesh chart.
 */
const UNDERSTOOD_KINDS = new Set(['helm.cattle.io/v1/HelmChart']);

const NAME_RULES: Record<string, NameRule> = {
  Namespace: NameRule.DNS_LABEL,
  Service: NameRule.DNS_1035_LABEL,
  Role: NameRule.PATH_SEGMENT,
  ClusterRole: NameRule.PATH_SEGMENT,
  RoleBinding: NameRule.PATH_SEGMENT,
  ClusterRoleBinding: NameRule.PATH_SEGMENT,
};

/**
 * Schema findings (rule `schema`) for one object, as the API server would refuse it:
 * - `chaos-mesh.org` kinds against the CRD openAPI v3 schemas of Chaos Mesh 2.8.2, with
 *   Kubernetes structural-schema semantics and unknown fields as errors (`--validate=strict`);
 * - core kinds (Deployment, Service, RBAC, ...) and ArgoCD kinds with the kubernetes-models
 *   packages (types, required fields, enums, formats, and unknown fields as errors);
 * - ObjectMeta of every object (name and namespace formats, label and annotation keys).
 * A kind no schema knows is a warning, never a crash. The `ChartValues` pseudo-object of
 * `lint --values` has no schema here: its keys are checked against the chart.
 * @throws SchemaLoadError when the Kubernetes schemas cannot be loaded (a broken installation)
 */
export function checkSchema(obj: KubeObject): Finding[] {
  return toFindings(schemaIssues(obj), 'schema', obj);
}

/**
 * The issues behind `checkSchema`, as field paths and messages.
 * @throws SchemaLoadError when the Kubernetes schemas cannot be loaded (a broken installation)
 */
export function schemaIssues(obj: KubeObject): Issue[] {
  const { apiVersion, kind } = obj;
  if (apiVersion === CHART_VALUES_API_VERSION && kind === CHART_VALUES_KIND) return [];
  if (typeof kind !== 'string' || kind === '') {
    return [{ path: 'kind', message: `kind must be a non-empty string, found ${quote(kind)}.`, fix: 'Add the object\'s kind, e.g. "PodChaos".' }];
  }
  if (typeof apiVersion !== 'string' || apiVersion === '') {
    return [
      { path: 'apiVersion', message: `apiVersion is required (found ${quote(apiVersion)}), so the API server cannot tell which ${kind} this is.`, fix: 'Add apiVersion, e.g. "chaos-mesh.org/v1alpha1" or "apps/v1".' },
      ...checkObjectMeta(obj.metadata),
    ];
  }
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  if (group === CHAOS_MESH_GROUP) return chaosMeshIssues(obj, apiVersion, kind);

  const meta = checkObjectMeta(obj.metadata, { nameRule: NAME_RULES[kind], namespaced: !CLUSTER_SCOPED.has(kind) });
  const core = coreSchemaIssues(obj);
  if (!core) {
    if (UNDERSTOOD_KINDS.has(`${apiVersion}/${kind}`)) return meta;
    return [{
      path: '',
      severity: 'warning',
      message: `no schema is known for ${apiVersion} ${kind}, so only its metadata was checked.`,
      fix: 'Check the apiVersion and kind for typos; objects of other CRDs are validated by their own tools.',
    }, ...meta];
  }
  const metaPaths = new Set(meta.map((i) => i.path));
  return [...meta, ...core.filter((i) => !metaPaths.has(i.path))];
}

function chaosMeshIssues(obj: KubeObject, apiVersion: string, kind: string): Issue[] {
  const schemas = CrdSchemas.get();
  const crd = schemas.kind(kind);
  if (!crd || crd.group !== CHAOS_MESH_GROUP) {
    return [{
      path: 'kind',
      message: `${quote(kind)} is not a kind of ${CHAOS_MESH_GROUP} in Chaos Mesh ${schemas.chaosMeshVersion}; known kinds: ${listNames(schemas.kindsOf(CHAOS_MESH_GROUP), 30)}.`,
      fix: 'Use one of the known kinds (kinds are case-sensitive).',
    }];
  }
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  if (version !== crd.version) {
    return [{
      path: 'apiVersion',
      message: `${quote(apiVersion)} is not served by Chaos Mesh ${schemas.chaosMeshVersion}: ${kind} is served as ${CHAOS_MESH_GROUP}/${crd.version}.`,
      fix: `Use apiVersion: ${CHAOS_MESH_GROUP}/${crd.version}.`,
    }];
  }
  const out: Issue[] = [];
  schemas.validator.validate(obj, crd.schema, '', out);
  out.push(...checkObjectMeta(obj.metadata, { namespaced: crd.scope === 'Namespaced' }));
  return out;
}
