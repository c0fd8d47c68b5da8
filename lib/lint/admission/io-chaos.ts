import { Issue, quote } from '../_issue';
import { fieldPath } from '../../_field-path';
import { checkCommonChaosSpec, checkGoDuration, WEBHOOK } from './_common';

/** IOChaos actions in Chaos Mesh 2.8.2 (the CRD enum). */
export const IO_CHAOS_ACTIONS = ['latency', 'fault', 'attrOverride', 'mistake'] as const;

/** IOChaos `mistake.filling` in Chaos Mesh 2.8.2 (the CRD enum). */
export const IO_CHAOS_MISTAKE_FILLINGS = ['zero', 'random'] as const;

/**
 * The file system calls the 2.8.2 IO injector (toda) can intercept, as the CRD documents
 * `methods`. Open at admission (`type: string`, no webhook check): an unknown name injects nothing.
 */
export const IO_CHAOS_METHODS = [
  'lookup', 'forget', 'getattr', 'setattr', 'readlink', 'mknod', 'mkdir', 'unlink', 'rmdir', 'symlink',
  'rename', 'link', 'open', 'read', 'write', 'statfs', 'release', 'fsync', 'setxattr', 'getxattr',
  'listxattr', 'removexattr', 'flush', 'opendir', 'readdir', 'releasedir', 'fsyncdir', 'access', 'create',
  'getlk', 'setlk', 'bmap',
] as const;

/** The file types an `attrOverride` reports (`attr.kind`, Go FileType). Open at admission like `methods`. */
export const IO_CHAOS_FILE_TYPES = ['namedPipe', 'charDevice', 'blockDevice', 'directory', 'regularFile', 'symlink', 'socket'] as const;

/** The IOChaos `percent` bounds ((*Percent).Validate: 0 to 100; the CRD defaults it to 100). */
export const IO_CHAOS_PERCENT = { min: 0, max: 100 } as const;

/** `errno` is a uint32 in the Go type; 0 is refused for action `fault` ((*IOErrno).Validate). */
export const IO_CHAOS_ERRNO = { min: 1, max: 2 ** 32 - 1 } as const;

/**
 * What the 2.8.2 webhook refuses in an IOChaos spec (iochaos_types.go tags and
 * iochaos_webhook.go): a `delay` that is not a Go duration, action `fault` without a non-zero
 * `errno`, a `percent` outside 0-100, and the common duration and selector checks.
 */
export function ioChaosSpecIssues(spec: Record<string, unknown>, at: string): Issue[] {
  const out: Issue[] = [];
  // IOChaosSpec.Delay `webhook:"Duration"`: empty passes, anything else must be a Go duration.
  checkGoDuration(spec.delay, fieldPath(at, 'delay'), out, 'delay');
  // (*IOErrno).Validate: action fault with errno 0 (or none: the Go field is a plain uint32).
  const errno = spec.errno;
  if (spec.action === 'fault' && (errno === undefined || errno === null || errno === 0)) {
    out.push({
      path: fieldPath(at, 'errno'),
      message: `action "fault" needs a non-zero errno, found ${errno === undefined ? 'none' : quote(errno)}; ${WEBHOOK} refuses it ("errno 0 is not supported").`,
      fix: 'Set errno to the error the calls return, e.g. errno: 5 (EIO) or 2 (ENOENT).',
    });
  }
  // (*Percent).Validate on IOChaosSpec.Percent `webhook:"Percent"`.
  const percent = spec.percent;
  if (typeof percent === 'number' && (percent < IO_CHAOS_PERCENT.min || percent > IO_CHAOS_PERCENT.max)) {
    out.push({
      path: fieldPath(at, 'percent'),
      message: `percent ${percent} is outside 0-100; ${WEBHOOK} refuses it ("percent field should be in 0-100").`,
      fix: 'Use a percentage of the calls to affect, from 0 to 100 (default 100).',
    });
  }
  checkCommonChaosSpec(spec, at, out);
  return out;
}
