import { parseAdmissionSize } from '../../units/admission-size';
import { parseMemStressBytes } from '../../units/mem-stress-bytes';
import { fieldPath } from '../../_field-path';
import { Finding } from '../finding';
import { finding, RuleContext, RuleId, SafetyRule } from '../rule';
import { describeChaos, memoryStresses, MemoryStressKind, memoryStressor } from './_chaos-kinds';

const ID = RuleId.CM002;
const MB = 1_000_000n;

/**
 * The memory stressor is at most twice the smallest targeted limit: enough to guarantee a
 * contained OOM kill, small enough that a missing limit is not a node outage. The total is what
 * the 2.8.2 daemon's memStress allocates (go-humanize bytes; size is the total over all workers).
 *
 * A size is never passed unread: a size the 2.8.2 admission webhook rejects (`256Mi`) or that
 * memStress cannot read is reported here too, so that synth refuses what `kubectl apply` would.
 * stress-ng options are not read, so they are refused; a JVM memory stress has no size and is
 * bounded by the container limit itself (1 x, within the bound) once CM001 holds.
 */
export function checkStressSizeBound(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const chaos of ctx.chaos) {
    for (const stress of memoryStresses(chaos).filter((m) => m.kind === MemoryStressKind.STRESS_NG)) {
      findings.push(finding(ID, chaos.owner, stress.path,
        `${describeChaos(chaos)} stressngStressors ${JSON.stringify(chaos.spec.stressngStressors)} are raw stress-ng options: `
        + 'what they allocate is not read by this tool (stress-ng has dozens of stressors that allocate memory, sized by '
        + 'their own options), so nothing shows it stays within twice the target\'s memory limit.',
        'Express memory stress as stressors.memory with a size of at most twice the smallest memory limit; for a '
        + 'reviewed stress-ng line (e.g. CPU only), acknowledge CM002 with the reason.'));
    }
    const memory = memoryStressor(chaos);
    if (!memory) continue;
    const what = describeChaos(chaos);
    const sizePath = fieldPath(memory.path, 'size');
    const size = memory.stressor.size;
    if (size === undefined || size === null || (typeof size === 'string' && size.trim() === '')) {
      findings.push(finding(ID, chaos.owner, sizePath,
        `${what} memory stressor has no size: memStress then allocates all available memory of the node.`,
        'Set size to at most twice the smallest memory limit of the target, e.g. "512MB" for a 256Mi limit.'));
      continue;
    }
    if (typeof size === 'string' && size.trim().endsWith('%')) continue; // CM001 refuses percentages
    if (typeof size !== 'string') {
      findings.push(finding(ID, chaos.owner, sizePath,
        `${what} memory stressor size ${JSON.stringify(size)} is not text: Chaos Mesh reads sizes such as "512MB".`,
        'Write the size as a quoted string such as "512MB".'));
      continue;
    }
    try {
      parseAdmissionSize(size);
    } catch (e) {
      findings.push(finding(ID, chaos.owner, sizePath,
        `${what} memory stressor size "${size}" cannot be read by the Chaos Mesh 2.8.2 admission webhook, which would `
        + `reject the object: ${(e as Error).message}`,
        'Write a decimal size with a unit Chaos Mesh accepts, such as "512MB" (Kubernetes suffixes like "Mi" are refused).'));
      continue;
    }
    let total: bigint;
    try {
      total = parseMemStressBytes(size);
    } catch (e) {
      findings.push(finding(ID, chaos.owner, sizePath,
        `${what} memory stressor size "${size}" cannot be read as memStress reads it: ${(e as Error).message}`,
        'Write the size as a number and a unit such as "512MB".'));
      continue;
    }
    const limit = ctx.resolveTarget(chaos).memoryLimit;
    if (!limit) continue; // CM001 reports the unknown limit
    const bound = 2n * limit.bytes;
    if (total > bound) {
      const workers = memory.stressor.workers;
      findings.push(finding(ID, chaos.owner, sizePath,
        `${what} memory stressor size "${size}" makes memStress allocate ${total} bytes in total `
        + `(the size is shared by ${Number.isInteger(workers) ? workers : 'all'} worker${workers === 1 ? '' : 's'}), `
        + `more than twice the smallest memory limit ${limit.text} (${limit.bytes} bytes, from ${limit.from}): `
        + `the bound is ${bound} bytes.`,
        `Lower size to at most ${bound} bytes, e.g. "${bound / MB}MB", or raise the target's memory limit.`));
    }
  }
  return findings;
}

export const CM002: SafetyRule = {
  id: ID,
  title: 'Memory stress is at most twice the memory limit',
  severity: 'error',
  description: 'Memory stress total (memStress bytes, size over all workers) <= 2 x the smallest targeted memory limit; '
    + 'stress-ng options, which cannot be bounded, are refused.',
  check: checkStressSizeBound,
};
