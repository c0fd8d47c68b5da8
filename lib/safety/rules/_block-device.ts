import { KubeObject, objectRef } from '../../kube-object';
import { isRecord } from '../../_json';
import { ChaosSpec } from '../_chaos-specs';
import { ResolvedTarget } from '../target-resolution';

/**
 * StorageClass provisioners whose volumes are directories or disks of one node: k3s's default
 * `local-path` (hostPath directories on the node's disk), static local PVs, OpenEBS LocalPV.
 */
const NODE_LOCAL_PROVISIONERS = new Set(['rancher.io/local-path', 'kubernetes.io/no-provisioner', 'openebs.io/local']);
/** PersistentVolume sources that are a directory or a disk of the node itself. */
const NODE_LOCAL_PV_SOURCES = ['hostPath', 'local'];

/** Whether the device behind a BlockChaos volume serves more than the target pod, and why. */
export interface BlockDeviceVerdict {
  readonly shared: boolean;
  readonly why: string;
}

/**
 * The block device a BlockChaos delays is the one under the pod volume `volumeName`
 * (chaos-daemon resolves the volume's mount to its `/dev` device and switches that device's I/O
 * scheduler to ioem, and 2.8.2 never switches it back). The device is shared when it serves more
 * than the target pod: a `hostPath` or a disk-backed `emptyDir` lives on the node's own disk
 * (kubelet, the container runtime, every other pod's emptyDirs and logs, and on k3s the
 * datastore), and so does a PersistentVolume that is `hostPath` or `local`, or one provisioned by
 * a node-local StorageClass. A claim bound to a network or cloud disk (CSI, EBS, PD, Azure Disk)
 * is a device of its own. When the set does not show which one it is, the device counts as
 * shared: a node's root disk is the common case (k3s's default StorageClass is `local-path`).
 */
export function blockDevice(objects: readonly KubeObject[], chaos: ChaosSpec, target: ResolvedTarget): BlockDeviceVerdict {
  const volumeName = chaos.spec.volumeName;
  if (typeof volumeName !== 'string' || volumeName === '') {
    return { shared: true, why: 'it names no volumeName, so nothing shows which device it delays' };
  }
  if (target.workloads.length === 0) {
    return { shared: true, why: `no workload in the set matches its selector, so nothing shows what volume "${volumeName}" is` };
  }
  const verdicts = target.workloads.map((w) => volumeVerdict(objects, w, volumeName));
  return verdicts.find((v) => v.shared) ?? verdicts[0];
}

function podVolumes(w: KubeObject): unknown[] {
  const podSpec = w.kind === 'Pod' ? w.spec : isRecord(w.spec) && isRecord(w.spec.template) ? w.spec.template.spec : undefined;
  return isRecord(podSpec) && Array.isArray(podSpec.volumes) ? podSpec.volumes : [];
}

function volumeVerdict(objects: readonly KubeObject[], w: KubeObject, volumeName: string): BlockDeviceVerdict {
  const ref = objectRef(w);
  const volume = podVolumes(w).find((v) => isRecord(v) && v.name === volumeName) as Record<string, any> | undefined;
  if (!volume) return { shared: true, why: `${ref} has no volume "${volumeName}", so nothing shows which device it is` };
  const at = `volume "${volumeName}" of ${ref}`;
  if (isRecord(volume.hostPath)) return { shared: true, why: `${at} is a hostPath: a directory of the node's own disk` };
  if (isRecord(volume.emptyDir)) {
    return volume.emptyDir.medium === 'Memory'
      ? { shared: false, why: `${at} is a memory-backed emptyDir (tmpfs): no block device at all` }
      : { shared: true, why: `${at} is an emptyDir on the kubelet's disk, which the node and every pod on it use` };
  }
  const namespace = w.metadata?.namespace;
  if (isRecord(volume.persistentVolumeClaim)) {
    const claimName = volume.persistentVolumeClaim.claimName;
    const claim = objects.find((o) => o.kind === 'PersistentVolumeClaim' && o.metadata?.name === claimName && o.metadata?.namespace === namespace);
    return claimVerdict(objects, at, claim ? claim.spec : undefined, claim, `claim "${claimName}"`);
  }
  if (isRecord(volume.ephemeral) && isRecord(volume.ephemeral.volumeClaimTemplate)) {
    return claimVerdict(objects, at, volume.ephemeral.volumeClaimTemplate.spec, undefined, 'its ephemeral claim');
  }
  return { shared: false, why: `${at} is a ${Object.keys(volume).filter((k) => k !== 'name').join('/') || 'volume'} of its own` };
}

function claimVerdict(
  objects: readonly KubeObject[],
  at: string,
  claimSpec: unknown,
  claim: KubeObject | undefined,
  claimText: string,
): BlockDeviceVerdict {
  if (!isRecord(claimSpec)) return { shared: true, why: `${at} uses ${claimText}, which is not in the set, so its device is unknown` };
  const pv = objects.find((o) => o.kind === 'PersistentVolume' && isRecord(o.spec) && (
    (typeof claimSpec.volumeName === 'string' && o.metadata?.name === claimSpec.volumeName)
    || (claim && isRecord(o.spec.claimRef) && o.spec.claimRef.name === claim.metadata?.name && o.spec.claimRef.namespace === claim.metadata?.namespace)));
  if (pv) {
    const local = NODE_LOCAL_PV_SOURCES.find((s) => isRecord(pv.spec[s]));
    return local
      ? { shared: true, why: `${at} is bound to ${objectRef(pv)}, a ${local} volume: a directory or disk of the node` }
      : { shared: false, why: `${at} is bound to ${objectRef(pv)}, a disk of its own` };
  }
  const className = claimSpec.storageClassName;
  if (typeof className !== 'string' || className === '') {
    return { shared: true, why: `${at} uses ${claimText} of the cluster's default StorageClass, which the set does not show (on k3s it is local-path, the node's disk)` };
  }
  const storageClass = objects.find((o) => o.kind === 'StorageClass' && o.metadata?.name === className);
  if (!storageClass) {
    return { shared: true, why: `${at} uses StorageClass "${className}", which is not in the set, so its device is unknown` };
  }
  const provisioner = String(storageClass.provisioner);
  return NODE_LOCAL_PROVISIONERS.has(provisioner)
    ? { shared: true, why: `${at} uses StorageClass "${className}" (${provisioner}): volumes on the node's own disk` }
    : { shared: false, why: `${at} uses StorageClass "${className}" (${provisioner}): a disk of its own` };
}
