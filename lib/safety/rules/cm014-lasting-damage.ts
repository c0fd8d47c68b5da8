import { fieldPath } from '../../_field-path';
import { isRecord } from '../../_json';
import { ChaosSpec } from '../_chaos-specs';
import { Finding } from '../finding';
import { finding, RuleContext, RuleId, SafetyRule } from '../rule';
import { describeChaos } from './_chaos-kinds';

const ID = RuleId.CM014;

/** `methods` of an IOChaos that include writes: none listed means every method. */
function writes(methods: unknown): boolean {
  return !Array.isArray(methods) || methods.length === 0 || methods.includes('write');
}

/**
 * Why an IOChaos damages data beyond its own end, or undefined.
 *
 * - `mistake` rewrites data with zeros or random bytes: on `write` the wrong bytes reach the file
 *   (toda corrupts the write buffer), on `read` the application gets them and stores them again
 *   if it writes back what it read. Recovery unmounts the fault; it has no copy of the data.
 * - `attrOverride` rewrites only the attributes in replies (toda applies it to every reply with
 *   attributes, whatever `methods` says), never the file. One attribute changes where writes
 *   land: `size`. The kernel's FUSE client places appends (`O_APPEND`) and writes at "end of
 *   file" at the size the filesystem reported, so during the experiment they land past the real
 *   end (a zero-filled hole) or inside it (overwriting data), in the real file.
 */
function lastingDamage(chaos: ChaosSpec): { path: string; why: string } | undefined {
  if (chaos.kind !== 'IOChaos') return undefined;
  const spec = chaos.spec;
  if (spec.action === 'mistake') {
    return writes(spec.methods)
      ? {
        path: fieldPath(chaos.path, 'action'),
        why: 'writes wrong bytes (zeros or random data) into the files it writes: the corruption is on disk, and recovery, '
          + 'which only removes the fault, restores nothing',
      }
      : {
        path: fieldPath(chaos.path, 'action'),
        why: `hands wrong bytes to the application on ${JSON.stringify(spec.methods)}: whatever it writes back from what it `
          + 'read (a read-modify-write, a compaction, a config rewrite) is stored corrupted, and no recovery restores it',
      };
  }
  if (spec.action === 'attrOverride' && isRecord(spec.attr) && spec.attr.size !== undefined && spec.attr.size !== null) {
    return {
      path: fieldPath(chaos.path, 'attr', 'size'),
      why: `reports file size ${JSON.stringify(spec.attr.size)}: the kernel places appends and end-of-file writes at the size `
        + 'the filesystem reports, so writes during the experiment land at the wrong offset of the real file (a '
        + 'zero-filled hole past its end, or over its data), and stay there after recovery',
    };
  }
  return undefined;
}

/**
 * Faults whose effect outlives the experiment are refused unless acknowledged: the promise of
 * every other fault, "after expiry the daemon issues the inverse operation and the system
 * returns to its prior state", does not hold for data that was written wrong.
 */
export function checkLastingDamage(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const chaos of ctx.chaos) {
    const damage = lastingDamage(chaos);
    if (!damage) continue;
    findings.push(finding(ID, chaos.owner, damage.path,
      `${describeChaos(chaos)} ${damage.why}.`,
      'Point it at disposable data (a scratch volume or path that is recreated after the run, never a volume with data '
      + `you keep) and acknowledge it with the reason: ack.cdk8s-chaos-mesh.io/${ID}: "<which data, and how it is restored>".`));
  }
  return findings;
}

export const CM014: SafetyRule = {
  id: ID,
  title: 'Lasting data damage is acknowledged',
  severity: 'error',
  description: 'Faults whose effect outlives the experiment (IOChaos mistake, attrOverride of size, which moves writes) '
    + 'are refused unless acknowledged.',
  check: checkLastingDamage,
};
