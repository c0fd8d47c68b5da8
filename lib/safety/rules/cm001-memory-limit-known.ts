import { objectRef } from '../../kube-object';
import { fieldPath } from '../../_field-path';
import { SafetyAnnotations } from '../annotations';
import { Finding } from '../finding';
import { finding, RuleContext, RuleId, SafetyRule } from '../rule';
import { TargetSource } from '../target-resolution';
import { describeChaos, memoryStresses, memoryStressor } from './_chaos-kinds';

const ID = RuleId.CM001;
const DECLARE = `declare the smallest limit with the annotation ${SafetyAnnotations.TARGET_MEMORY_LIMIT}: "256Mi" `
  + 'on the chaos object (on the Workflow for a Workflow template)';

/**
 * Memory stress needs a known memory limit on every targeted container. Without a limit the
 * stressor eats the node's memory and the kernel OOM killer picks victims across the node. This
 * holds for every form of memory stress (`memoryStresses`): a JVM's heap stress is bounded only by
 * the container limit when the JVM's own limit is unknown.
 */
export function checkMemoryLimitKnown(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const chaos of ctx.chaos) {
    const stresses = memoryStresses(chaos);
    if (stresses.length === 0) continue;
    const what = `${describeChaos(chaos)} (${stresses.map((s) => s.kind).join(', ')})`;
    const memory = memoryStressor(chaos);
    const size = memory?.stressor.size;
    if (memory && typeof size === 'string' && size.trim().endsWith('%')) {
      findings.push(finding(ID, chaos.owner, fieldPath(memory.path, 'size'),
        `${describeChaos(chaos)} memory stressor size "${size}" is a percentage: Chaos Mesh 2.8.2 memStress takes it of the node's `
        + 'memory, not of the container limit, so it is not bounded by the target.',
        'Give an absolute size of at most twice the smallest memory limit of the target, e.g. "512MB" for a 256Mi limit.'));
    }

    const target = ctx.resolveTarget(chaos);
    const selectorPath = fieldPath(chaos.path, 'selector');
    if (target.source === TargetSource.WORKLOADS) {
      const missing = target.missingLimits.filter((c) => c.memoryLimitText === undefined);
      if (missing.length > 0) {
        findings.push(finding(ID, chaos.owner, selectorPath,
          `${what} stresses memory of containers without resources.limits.memory: `
          + missing.map((c) => `${objectRef(c.workload)} container "${c.name}" (${c.limitPath})`).join(', ')
          + '. Without a limit the stressor can take the whole node\'s memory.',
          'Set resources.limits.memory on every targeted container (or narrow the experiment with containerNames).'));
      }
      for (const problem of target.problems) {
        findings.push(finding(ID, chaos.owner, selectorPath,
          `${what}: the target's memory limit cannot be read: ${problem}.`,
          'Write the limit as a Kubernetes quantity such as "256Mi", and make containerNames name containers of the target.'));
      }
    } else if (target.memoryLimit === undefined) {
      const annotationPath = fieldPath('metadata', 'annotations', SafetyAnnotations.TARGET_MEMORY_LIMIT);
      const unreadable = target.problems.find((p) => p.includes(SafetyAnnotations.TARGET_MEMORY_LIMIT))
        ?? target.problems.find((p) => !p.includes(SafetyAnnotations.TARGET_REPLICAS));
      const onAnnotation = unreadable?.includes(SafetyAnnotations.TARGET_MEMORY_LIMIT) === true;
      findings.push(finding(ID, chaos.owner, onAnnotation ? annotationPath : selectorPath,
        unreadable
          ? `${what}: the target's memory limit is unknown: ${unreadable}.`
          : `${what} stresses memory, but no Deployment, StatefulSet, DaemonSet, ReplicaSet or Pod in the manifests `
            + `matches its selector (namespaces ${JSON.stringify(target.namespaces)}) and ${objectRef(chaos.owner)} `
            + `declares no ${SafetyAnnotations.TARGET_MEMORY_LIMIT} annotation: its memory limit is unknown.`,
        `Build the experiment from the target workload in the same app, or ${DECLARE}.`));
    }
  }
  return findings;
}

export const CM001: SafetyRule = {
  id: ID,
  title: 'Memory stress needs a known memory limit',
  severity: 'error',
  description: 'Memory stress (a StressChaos memory stressor or stress-ng options, a JVMChaos memory stress) needs a '
    + 'known memory limit on every targeted container (from a matching workload in the set, or the declared '
    + 'annotation); percentage sizes are refused, since memStress in 2.8.2 takes the percentage of the node\'s memory.',
  check: checkMemoryLimitKnown,
};
