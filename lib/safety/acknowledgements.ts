import { KubeObject } from '../kube-object';
import { fieldPath } from '../_field-path';
import { isRecord } from '../_json';
import { MIN_ACK_REASON_LENGTH, SafetyAnnotations } from './annotations';
import { Finding } from './finding';
import { finding } from './rule';

/** Findings the cluster itself enforces: an annotation cannot make the API server or the webhook accept the object. */
const UNACKNOWLEDGEABLE = new Map([
  ['schema', 'the API server (the CRD or Kubernetes schema)'],
  ['admission', 'the Chaos Mesh admission webhook'],
]);

/**
 * Applies `ack.cdk8s-chaos-mesh.io/<RULE-ID>: "<reason>"` annotations: findings of that rule on
 * that object are marked acknowledged (never dropped) with the reason. A reason shorter than
 * 10 characters is an error; an acknowledgement with nothing to acknowledge, or for a rule that
 * does not exist, is a warning, so that stale suppressions do not pile up unseen.
 *
 * @param knownRules the IDs the findings could have come from (`RULES` IDs)
 */
export function applyAcknowledgements(
  objects: readonly KubeObject[],
  findings: readonly Finding[],
  knownRules: readonly string[],
): Finding[] {
  const out = [...findings];
  // Positions of each object's findings: an acknowledgement looks only at its own object's.
  const byObject = new Map<KubeObject, number[]>();
  out.forEach((f, i) => {
    if (!f.source) return;
    const list = byObject.get(f.source);
    if (list) list.push(i);
    else byObject.set(f.source, [i]);
  });
  for (const obj of objects) {
    const annotations = isRecord(obj) && isRecord(obj.metadata) && isRecord(obj.metadata.annotations) ? obj.metadata.annotations : {};
    for (const [key, raw] of Object.entries(annotations)) {
      if (!key.startsWith(SafetyAnnotations.ACK_PREFIX)) continue;
      const rule = key.slice(SafetyAnnotations.ACK_PREFIX.length);
      const path = fieldPath('metadata', 'annotations', key);
      const reason = String(raw ?? '').trim();
      if (UNACKNOWLEDGEABLE.has(rule)) {
        out.push(finding(rule, obj, path,
          `Acknowledgement ${key} has no effect: ${UNACKNOWLEDGEABLE.get(rule)} refuses the object whatever its annotations say.`,
          'Fix the object instead, and remove the annotation.', 'warning'));
        continue;
      }
      if (!knownRules.includes(rule)) {
        out.push(finding(rule || '(none)', obj, path,
          `Acknowledgement ${key} names no known rule: acknowledgements apply to ${knownRules.join(', ')}.`,
          'Correct the rule ID in the annotation key, or remove the annotation.', 'warning'));
        continue;
      }
      if (reason.length < MIN_ACK_REASON_LENGTH) {
        out.push(finding(rule, obj, path,
          `Acknowledgement of ${rule} gives the reason ${JSON.stringify(reason)} (${reason.length} characters): `
          + `a reason needs at least ${MIN_ACK_REASON_LENGTH} characters, so the ${rule} findings stay unacknowledged.`,
          `Say why the risk is accepted, e.g. ${key}: "target runs 3 replicas in another repo, checked by the PreSync guard".`));
        continue;
      }
      let matched = false;
      for (const i of byObject.get(obj) ?? []) {
        if (out[i].rule === rule && !out[i].acknowledged) {
          out[i] = { ...out[i], acknowledged: true, ackReason: reason };
          matched = true;
        }
      }
      if (!matched) {
        out.push(finding(rule, obj, path,
          `Acknowledgement of ${rule} is stale: ${rule} finds nothing on this object.`,
          'Remove the annotation, so that a future finding is not acknowledged in advance.', 'warning'));
      }
    }
  }
  return out;
}
