import { GUARD_GID, GUARD_UID } from './kubectl-image';

/**
 * Pod Security "restricted" for a guard container: non-root by number (the image has no USER),
 * no privilege escalation, no capabilities, the runtime's default seccomp profile and a read-only
 * root filesystem. Plain JSON, usable in a Job and in a Workflow Task (which has no pod-level
 * securityContext in Chaos Mesh 2.8.2, so everything is said at container level).
 */
export function restrictedContainerSecurityContext(): Record<string, unknown> {
  return {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsGroup: GUARD_GID,
    runAsNonRoot: true,
    runAsUser: GUARD_UID,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** The pod-level half, for the Job. */
export function restrictedPodSecurityContext(): Record<string, unknown> {
  return {
    runAsGroup: GUARD_GID,
    runAsNonRoot: true,
    runAsUser: GUARD_UID,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/**
 * Requests and limits of a guard container. kubectl decoding a node's pod list (a few MB of
 * JSON) stays well under 256Mi; a memory limit also keeps the checker itself from being the
 * unbounded container on a node under memory stress.
 */
export function guardResources(): Record<string, Record<string, string>> {
  return {
    limits: { cpu: '500m', memory: '256Mi' },
    requests: { cpu: '50m', memory: '64Mi' },
  };
}

/** kubectl writes its discovery cache under $HOME/.kube: an emptyDir keeps the root read-only. */
export const SCRATCH_DIR = '/tmp';
export const SCRATCH_SIZE = '64Mi';
