/**
 * Annotation keys the safety rules read (DESIGN.md, "Declared facts and acknowledgements"):
 * declared facts about targets and acknowledgements on chaos objects, which the PreSync guard
 * checks against the live cluster; the install's declarations on the object that carries the
 * chart values. Constructs write them.
 */
export const SafetyAnnotations = {
  /** Smallest memory limit among the targeted containers, as a Kubernetes quantity (`256Mi`). */
  TARGET_MEMORY_LIMIT: 'cdk8s-chaos-mesh.io/target-memory-limit',
  /** The target's replica count, as a string integer (`"2"`). */
  TARGET_REPLICAS: 'cdk8s-chaos-mesh.io/target-replicas',
  /**
   * On the object that carries Chaos Mesh chart values (ArgoCD Application, k3s HelmChart, or the
   * header of a values file): target namespaces another repository owns and opts in, separated by
   * commas (`podinfo,shop`). CM011 accepts them without a Namespace in the set.
   */
  EXTERNAL_TARGET_NAMESPACES: 'cdk8s-chaos-mesh.io/external-target-namespaces',
  /**
   * In the header comment of a YAML file without `kind` (`# cdk8s-chaos-mesh.io/chart-values:
   * chaos-mesh 2.8.2`): the file is Chaos Mesh chart values, checked as `lint --values FILE` checks
   * one. Generated values files carry it.
   */
  CHART_VALUES: 'cdk8s-chaos-mesh.io/chart-values',
  /** Prefix of acknowledgements: `ack.cdk8s-chaos-mesh.io/<RULE-ID>: "<reason>"`. */
  ACK_PREFIX: 'ack.cdk8s-chaos-mesh.io/',
} as const;

/** The shortest reason an acknowledgement may give. */
export const MIN_ACK_REASON_LENGTH = 10;

/** The annotation key that acknowledges findings of `ruleId` on an object. */
export function ackAnnotation(ruleId: string): string {
  return `${SafetyAnnotations.ACK_PREFIX}${ruleId}`;
}
