import { Issue } from '../_issue';
import { checkGoDuration, requireForAction } from './_common';
import { fieldPath } from '../../_field-path';

/** AzureChaos actions in Chaos Mesh 2.8.2 (the CRD enum). */
export const AZURE_CHAOS_ACTIONS = ['vm-stop', 'vm-restart', 'disk-detach'] as const;

/**
 * AzureChaos (azurechaos_webhook.go): disk-detach needs `diskName` ((*DiskName).Validate) and `lun`
 * ((*LUN).Validate), both nil-checked pointers (`webhook:"...,nilable"`), and the `Duration` tag.
 */
export function azureChaosSpecIssues(spec: Record<string, unknown>, at: string): Issue[] {
  const out: Issue[] = [];
  if (spec.action === 'disk-detach') {
    requireForAction(spec, 'diskName', at, out, { action: 'disk-detach', reason: 'the name of data disk should not be empty on disk-detach action', fix: 'Set diskName to the data disk to detach.' });
    requireForAction(spec, 'lun', at, out, { action: 'disk-detach', reason: 'the LUN of data disk should not be empty on disk-detach action', fix: 'Set lun to the Logical Unit Number of the data disk, e.g. lun: 0.' });
  }
  checkGoDuration(spec.duration, fieldPath(at, 'duration'), out);
  return out;
}
