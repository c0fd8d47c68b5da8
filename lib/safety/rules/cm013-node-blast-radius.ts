import { fieldPath } from '../../_field-path';
import { isRecord } from '../../_json';
import { ChaosSpec } from '../_chaos-specs';
import { Finding } from '../finding';
import { finding, RuleContext, RuleId, SafetyRule } from '../rule';
import { blockDevice } from './_block-device';
import { describeChaos } from './_chaos-kinds';

const ID = RuleId.CM013;
const SINGLE_CONTROL_PLANE = 'on a cluster with a single control-plane node, that node going down takes the whole cluster '
  + 'with it (the reference validation deferred node shutdown for exactly this reason)';

/** What each cloud action does, by kind; the CRD default action comes first. */
const CLOUD_ACTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  AWSChaos: {
    'ec2-stop': 'stops an EC2 instance',
    'ec2-restart': 'restarts an EC2 instance',
    'detach-volume': 'detaches an EBS volume from its instance',
  },
  GCPChaos: {
    'node-stop': 'stops a Compute Engine instance',
    'node-reset': 'resets a Compute Engine instance',
    'disk-loss': 'detaches disks from a Compute Engine instance',
  },
  AzureChaos: {
    'vm-stop': 'powers off an Azure VM',
    'vm-restart': 'restarts an Azure VM',
    'disk-detach': 'detaches a data disk from an Azure VM',
  },
};

/** The instance a cloud chaos acts on, for the message. */
function cloudTarget(chaos: ChaosSpec): string {
  const s = chaos.spec;
  const name = chaos.kind === 'AWSChaos' ? s.ec2Instance : chaos.kind === 'GCPChaos' ? s.instance : s.vmName;
  return typeof name === 'string' && name !== '' ? ` "${name}"` : '';
}

/** Why a chaos spec's blast radius is a node, a machine or a cloud resource, or undefined. */
function blastRadius(ctx: RuleContext, chaos: ChaosSpec): { path: string; why: string } | undefined {
  const actionPath = fieldPath(chaos.path, 'action');
  const actions = CLOUD_ACTIONS[chaos.kind];
  if (actions) {
    const action = typeof chaos.spec.action === 'string' ? chaos.spec.action : Object.keys(actions)[0];
    const does = actions[action] ?? `runs "${action}" against a cloud instance`;
    return {
      path: actionPath,
      why: `${does}${cloudTarget(chaos)}: if it is a Kubernetes node, every pod on it goes down with it, and ${SINGLE_CONTROL_PLANE}`,
    };
  }
  switch (chaos.kind) {
    case 'PhysicalMachineChaos':
      return {
        path: actionPath,
        why: `acts on whole machines through chaosd (action ${JSON.stringify(chaos.spec.action ?? null)}), outside Kubernetes: `
          + `everything that runs on them is hit, and if one is a node, ${SINGLE_CONTROL_PLANE}`,
      };
    case 'KernelChaos':
      return {
        path: isRecord(chaos.spec.failKernRequest) ? fieldPath(chaos.path, 'failKernRequest') : chaos.path,
        why: 'injects failures into kernel allocation paths (slab, page allocation, bio) of the node\'s kernel, which '
          + 'every pod on the node and the node itself share: a failed allocation in a kernel path can hang or crash the node',
      };
    case 'BlockChaos': {
      const device = blockDevice(ctx.objects, chaos, ctx.resolveTarget(chaos));
      if (!device.shared) return undefined;
      return {
        path: fieldPath(chaos.path, 'volumeName'),
        why: `delays a block device that is not the target's alone: ${device.why}. BlockChaos switches the whole device's I/O `
          + 'scheduler to ioem (Chaos Mesh 2.8.2 does not switch it back) and delays requests in its queue, so the node\'s disk is under test, not the pod',
      };
    }
    default:
      return undefined;
  }
}

/**
 * Faults whose blast radius is a node, a machine or a cloud resource are refused unless
 * acknowledged: they reach past the pods a selector names, to everything sharing the node, and
 * on a single control plane to the cluster itself.
 */
export function checkNodeBlastRadius(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const chaos of ctx.chaos) {
    const radius = blastRadius(ctx, chaos);
    if (!radius) continue;
    findings.push(finding(ID, chaos.owner, radius.path,
      `${describeChaos(chaos)} ${radius.why}.`,
      'Run it only where losing the node or machine is planned for (an HA control plane, a dedicated node pool or disk), '
      + `and acknowledge it on the object with the reason: ack.cdk8s-chaos-mesh.io/${ID}: "<which machine, and why losing it is safe>".`));
  }
  return findings;
}

export const CM013: SafetyRule = {
  id: ID,
  title: 'Node, machine and cloud faults are acknowledged',
  severity: 'error',
  description: 'Faults whose blast radius is a node, a machine or a cloud resource (KernelChaos, PhysicalMachineChaos, '
    + 'AWS/GCP/Azure stop, restart, detach and disk loss, BlockChaos on a shared device) are refused unless acknowledged.',
  check: checkNodeBlastRadius,
};
