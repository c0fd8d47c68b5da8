import { Issue } from '../_issue';
import { checkGoDuration, requireForAction } from './_common';
import { fieldPath } from '../../_field-path';

/** AWSChaos actions in Chaos Mesh 2.8.2 (the CRD enum). */
export const AWS_CHAOS_ACTIONS = ['ec2-stop', 'ec2-restart', 'detach-volume'] as const;

/**
 * AWSChaos (awschaos_webhook.go): detach-volume needs `volumeID` ((*EbsVolume).Validate) and
 * `deviceName` ((*AWSDeviceName).Validate). Both are Go pointers tested against nil, so an empty
 * string passes.
 */
export function awsChaosSpecIssues(spec: Record<string, unknown>, at: string): Issue[] {
  const out: Issue[] = [];
  if (spec.action === 'detach-volume') {
    requireForAction(spec, 'volumeID', at, out, { action: 'detach-volume', reason: 'the ID of EBS volume is required on detach-volume action', fix: 'Set volumeID to the EBS volume to detach, e.g. "vol-0123456789abcdef0".' });
    requireForAction(spec, 'deviceName', at, out, { action: 'detach-volume', reason: 'the name of device is required on detach-volume action', fix: 'Set deviceName to the device the volume is attached as, e.g. "/dev/sdf".' });
  }
  checkGoDuration(spec.duration, fieldPath(at, 'duration'), out);
  return out;
}
