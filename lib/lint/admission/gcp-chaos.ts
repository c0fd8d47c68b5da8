import { Issue } from '../_issue';
import { checkGoDuration, requireForAction } from './_common';
import { fieldPath } from '../../_field-path';

/** GCPChaos actions in Chaos Mesh 2.8.2 (the CRD enum). */
export const GCP_CHAOS_ACTIONS = ['node-stop', 'node-reset', 'disk-loss'] as const;

/**
 * GCPChaos (gcpchaos_webhook.go, (*GCPDeviceNames).Validate): disk-loss needs `deviceNames`. Go
 * tests the list against nil, so an empty list passes (and detaches nothing).
 */
export function gcpChaosSpecIssues(spec: Record<string, unknown>, at: string): Issue[] {
  const out: Issue[] = [];
  if (spec.action === 'disk-loss') {
    requireForAction(spec, 'deviceNames', at, out, { action: 'disk-loss', reason: 'at least one device name is required on disk-loss action', fix: 'List the disks to detach in deviceNames, e.g. ["data-disk"].' });
  }
  checkGoDuration(spec.duration, fieldPath(at, 'duration'), out);
  return out;
}
