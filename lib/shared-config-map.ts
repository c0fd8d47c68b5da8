import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';

/** What {@link sharedConfigMap} creates (or finds). */
export interface SharedConfigMapProps {
  /** `metadata.name`, the same in every namespace. */
  readonly name: string;
  readonly namespace: string;
  readonly data: Record<string, string>;
  readonly labels: Record<string, string>;
  /** Who asks, for error messages. */
  readonly owner: string;
}

/**
 * The one ConfigMap `name` in `namespace` (a probe or guard script): created by the first
 * construct of a chart that needs it, found by every later one. Why shared: the script is the
 * same for every experiment, and a copy per experiment put hundreds of identical lines into
 * every reviewed diff.
 *
 * A construct-tree singleton: its construct id `<name>-<namespace>` sits on the chart root (in a
 * ChaosMeshApp layout that makes it a file of its own). Another chart of the same app emitting
 * the same object would give one Kubernetes object two owners (two ArgoCD Applications pruning
 * and re-creating it), so that is refused.
 */
export function sharedConfigMap(scope: Construct, props: SharedConfigMapProps): ApiObject {
  const chart = Chart.of(scope);
  const id = `${props.name}-${props.namespace}`;
  const found = chart.node.tryFindChild(id);
  if (found !== undefined) {
    if (!ApiObject.isApiObject(found) || found.kind !== 'ConfigMap') {
      throw new Error(`${props.owner}: chart "${chart.node.path}" already has a child "${id}" that is not the shared ConfigMap `
        + `${props.namespace}/${props.name}: give that construct another id.`);
    }
    return found;
  }
  const other = scope.node.root.node.findAll()
    .find((c) => Chart.isChart(c) && c !== chart && c.node.tryFindChild(id) !== undefined);
  if (other !== undefined) {
    throw new Error(`${props.owner}: ConfigMap ${props.namespace}/${props.name} is already emitted by chart "${other.node.path}"; `
      + `chart "${chart.node.path}" would emit a second object of that name. Place every guard of namespace `
      + `"${props.namespace}" in one chart (e.g. the platform chart).`);
  }
  return new ApiObject(chart, id, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: props.name, namespace: props.namespace, labels: props.labels },
    data: props.data,
  });
}
