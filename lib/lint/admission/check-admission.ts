import { KubeObject } from '../../kube-object';
import { EMBEDDED_CHAOS_FIELDS } from '../../safety/_chaos-specs';
import { Finding } from '../../safety/finding';
import { Issue, toFindings } from '../_issue';
import { isRecord } from '../../_json';
import { chaosSpecIssues } from './chaos-spec';
import { applyAdmissionDefaults } from './defaults';
import { scheduleSpecIssues } from './schedule';
import { statusCheckSpecIssues } from './status-check';
import { workflowSpecIssues } from './workflow';

/**
 * Admission findings (rule `admission`): what Chaos Mesh 2.8.2's validating webhook would
 * refuse when the object is applied, so a PR shows it before ArgoCD does. Chaos specs are
 * checked wherever they are: standalone, inside a Schedule, inside Workflow templates (and
 * Schedules inside Workflows, Workflows inside Schedules). Objects of other API groups have no
 * admission findings.
 */
export function checkAdmission(obj: KubeObject): Finding[] {
  return toFindings(admissionIssues(obj), 'admission', obj);
}

/**
 * The issues behind `checkAdmission`: what the validating webhook refuses once the mutating
 * webhook has run. The defaults are applied here (applyAdmissionDefaults, idempotent and cheap
 * on an already defaulted copy), so the object may be given as written or as defaulted.
 */
export function admissionIssues(obj: KubeObject): Issue[] {
  if (typeof obj.apiVersion !== 'string' || !obj.apiVersion.startsWith('chaos-mesh.org/')) return [];
  const spec = applyAdmissionDefaults(obj).spec;
  if (!isRecord(spec)) return []; // a schema finding: spec is required
  const kind = String(obj.kind);
  switch (kind) {
    case 'Schedule': return scheduleSpecIssues(spec, 'spec');
    case 'Workflow': return workflowSpecIssues(spec, 'spec');
    case 'StatusCheck': return statusCheckSpecIssues(spec, 'spec');
    default:
      return EMBEDDED_CHAOS_FIELDS[kind] ? chaosSpecIssues(kind, spec, 'spec') : [];
  }
}
