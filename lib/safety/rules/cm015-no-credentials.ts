import { KubeObject } from '../../kube-object';
import { fieldPath } from '../../_field-path';
import { isRecord } from '../../_json';
import { ChaosSpec } from '../_chaos-specs';
import { Finding } from '../finding';
import { finding, RuleContext, RuleId, SafetyRule } from '../rule';
import { describeChaos } from './_chaos-kinds';

const ID = RuleId.CM015;
const OUT_OF_GIT = 'Create the Secret in the cluster outside Git (kubectl create secret generic ..., or an External Secrets / '
  + 'Sealed Secrets object that holds no plain value)';

/** How the 2.8.2 controller authenticates each cloud kind (controllers/chaosimpl/<kind>). */
const CLOUD_CREDENTIALS: Readonly<Record<string, { readonly keys: string; readonly withoutSecret?: string }>> = {
  AWSChaos: {
    keys: 'aws_access_key_id and aws_secret_access_key',
    withoutSecret: 'the AWS SDK default credential chain of chaos-controller-manager (its environment, an IRSA web '
      + 'identity, or the node\'s instance profile)',
  },
  GCPChaos: {
    keys: 'service_account (the JSON key, base64-encoded once more)',
    withoutSecret: 'the Application Default Credentials of chaos-controller-manager (GOOGLE_APPLICATION_CREDENTIALS, GKE '
      + 'Workload Identity, or the node\'s service account)',
  },
  AzureChaos: { keys: 'client_id, client_secret and tenant_id' },
};

/** Keys of a Secret field holding values (`data` or `stringData`), or undefined when it holds none. */
function valueKeys(secret: KubeObject, field: 'data' | 'stringData'): string[] | undefined {
  const values = (secret as Record<string, unknown>)[field];
  if (values === undefined || values === null) return undefined;
  if (!isRecord(values)) return [`(${typeof values})`];
  return Object.keys(values).length > 0 ? Object.keys(values) : undefined;
}

function secretFindings(obj: KubeObject): Finding[] {
  if (obj.apiVersion !== 'v1' || obj.kind !== 'Secret') return [];
  const out: Finding[] = [];
  for (const field of ['data', 'stringData'] as const) {
    const keys = valueKeys(obj, field);
    if (!keys) continue;
    out.push(finding(ID, obj, field,
      `Secret holds values in ${field} (${keys.join(', ')}): everything in the set is committed to Git, where anyone who `
      + `can read the repository reads the credential${field === 'data' ? ' (base64 is an encoding, not encryption)' : ''}.`,
      `Remove ${field} from the manifests. ${OUT_OF_GIT}; a service-account token Secret needs no data (the cluster fills it in).`));
  }
  return out;
}

function cloudFinding(chaos: ChaosSpec): Finding | undefined {
  const creds = CLOUD_CREDENTIALS[chaos.kind];
  const secretName = chaos.spec.secretName;
  if (!creds || (typeof secretName === 'string' && secretName.trim() !== '')) return undefined;
  const namespace = chaos.owner.metadata?.namespace ?? 'its namespace';
  const named = `set secretName to a Secret in namespace ${namespace} (the controller reads it from the chaos object's `
    + `namespace) with ${creds.keys}. ${OUT_OF_GIT}.`;
  return finding(ID, chaos.owner, fieldPath(chaos.path, 'secretName'),
    creds.withoutSecret
      ? `${describeChaos(chaos)} names no secretName, so Chaos Mesh 2.8.2 acts with ${creds.withoutSecret}: the same `
        + 'identity for every such chaos in every namespace, whoever created it, and nothing in review shows which identity '
        + 'that is or what it may stop.'
      : `${describeChaos(chaos)} names no secretName: Chaos Mesh 2.8.2 reads Azure credentials only from that Secret, so `
        + 'the controller cannot authenticate and the experiment is never injected (there is no workload-identity path).',
    creds.withoutSecret
      ? `To use a Secret, ${named} To rely on the controller's own identity instead, acknowledge it with the identity and `
        + `its limits: ack.cdk8s-chaos-mesh.io/${ID}: "<which identity, and what it is allowed to stop>".`
      : `${named.charAt(0).toUpperCase()}${named.slice(1)}`);
}

/**
 * No credential is ever in the set: everything synthesized is committed to Git and synced by
 * ArgoCD. Cloud chaos names its Secret, which lives in the cluster only and is read from the
 * chaos object's own namespace, so namespace RBAC decides who may use which credential.
 */
export function checkNoCredentials(ctx: RuleContext): Finding[] {
  const findings: Finding[] = ctx.objects.filter(isRecord).flatMap((o) => secretFindings(o as KubeObject));
  for (const chaos of ctx.chaos) {
    const f = cloudFinding(chaos);
    if (f) findings.push(f);
  }
  return findings;
}

export const CM015: SafetyRule = {
  id: ID,
  title: 'No credential in the set',
  severity: 'error',
  description: 'No credential in the set: a Secret with data or stringData is an error (all of it is committed to Git); '
    + 'cloud chaos names its Secret.',
  check: checkNoCredentials,
};
