/**
 * Annotation keys the safety rules read on chaos objects (DESIGN.md, "Declared facts and
 * acknowledgements"). Constructs write them; the PreSync guard checks the declared facts
 * against the live cluster.
 */
export const SafetyAnnotations = {
  /** Smallest memory limit among the targeted containers, as a Kubernetes quantity (`256Mi`). */
  TARGET_MEMORY_LIMIT: 'cdk8s-chaos-mesh.io/target-memory-limit',
  /** The target's replica count, as a string integer (`"2"`). */
  TARGET_REPLICAS: 'cdk8s-chaos-mesh.io/target-replicas',
  /** Prefix of acknowledgements: `ack.cdk8s-chaos-mesh.io/<RULE-ID>: "<reason>"`. */
  ACK_PREFIX: 'ack.cdk8s-chaos-mesh.io/',
} as const;

/** The shortest reason an acknowledgement may give. */
export const MIN_ACK_REASON_LENGTH = 10;

/** The annotation key that acknowledges findings of `ruleId` on an object. */
export function ackAnnotation(ruleId: string): string {
  return `${SafetyAnnotations.ACK_PREFIX}${ruleId}`;
}
