import { ContainerRuntime } from '../../install/runtime-preset';
import { getKey, hasKey } from '../_paths';
import { Finding } from '../finding';
import { finding, RuleContext, RuleId, SafetyRule } from '../rule';

const ID = RuleId.CM009;

/** Container runtimes the 2.8.2 chaos-daemon supports (the enum users pick from). */
const RUNTIMES: readonly string[] = Object.values(ContainerRuntime);

/** Known runtime sockets (paths under `/var/run` are the same as under `/run`). */
export const KNOWN_RUNTIME_SOCKETS: readonly { readonly path: string; readonly runtime: string; readonly where: string }[] = [
  { path: '/run/containerd/containerd.sock', runtime: 'containerd', where: 'containerd (kubeadm, kind, EKS, GKE, AKS)' },
  { path: '/run/k3s/containerd/containerd.sock', runtime: 'containerd', where: 'k3s and RKE2' },
  { path: '/var/snap/microk8s/common/run/containerd.sock', runtime: 'containerd', where: 'MicroK8s' },
  { path: '/run/k0s/containerd.sock', runtime: 'containerd', where: 'k0s' },
  { path: '/run/crio/crio.sock', runtime: 'crio', where: 'CRI-O (OpenShift)' },
  { path: '/run/docker.sock', runtime: 'docker', where: 'Docker (the chart default)' },
];

function normalize(path: string): string {
  return path.trim().replace(/^\/var\/run\//, '/run/').replace(/\/+/g, '/');
}

/** The socket for `path`, if it is a known one. */
export function knownSocket(path: string): (typeof KNOWN_RUNTIME_SOCKETS)[number] | undefined {
  const p = normalize(path);
  return KNOWN_RUNTIME_SOCKETS.find((s) => s.path === p);
}

function socketsOf(runtime: string): string {
  return KNOWN_RUNTIME_SOCKETS.filter((s) => s.runtime === runtime).map((s) => `${s.path} (${s.where})`).join(', ');
}

/**
 * chaos-daemon finds containers through the runtime socket. A runtime that does not match its
 * socket brings the daemon up fine, and then every experiment fails with "container runtime not
 * found" (k3s embeds containerd at /run/k3s/containerd/containerd.sock).
 */
export function checkRuntimeSocket(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const cv of ctx.chartValues) {
    if (cv.error) {
      findings.push(finding(ID, cv.source, cv.error.path,
        `Chaos Mesh chart values cannot be read, so chaosDaemon.runtime and socketPath cannot be checked: ${cv.error.message}.`,
        'Fix the values so that they are a YAML mapping.'));
      continue;
    }
    const runtimeSet = hasKey(cv.values, 'chaosDaemon.runtime');
    const socketSet = hasKey(cv.values, 'chaosDaemon.socketPath');
    const runtime = runtimeSet ? getKey(cv.values, 'chaosDaemon.runtime') : 'docker';
    const socketPath = socketSet ? getKey(cv.values, 'chaosDaemon.socketPath') : '/var/run/docker.sock';
    const shown = (set: boolean, key: string, value: unknown) => `${key} ${JSON.stringify(value)}${set ? '' : ' (chart default)'}`;

    if (typeof runtime !== 'string' || !RUNTIMES.includes(runtime)) {
      findings.push(finding(ID, cv.source, cv.pathOf('chaosDaemon.runtime'),
        `chaosDaemon.runtime ${JSON.stringify(runtime)} is not a runtime chaos-daemon 2.8.2 supports (${RUNTIMES.join(', ')}).`,
        'Set chaosDaemon.runtime to the cluster\'s runtime, e.g. containerd on k3s, with the matching socketPath.'));
      continue;
    }
    if (typeof socketPath !== 'string' || socketPath.trim() === '') {
      findings.push(finding(ID, cv.source, cv.pathOf('chaosDaemon.socketPath'),
        `chaosDaemon.socketPath ${JSON.stringify(socketPath)} is not a path.`,
        `Set chaosDaemon.socketPath to the ${runtime} socket: ${socketsOf(runtime)}.`));
      continue;
    }
    const known = knownSocket(socketPath);
    if (!known) {
      findings.push(finding(ID, cv.source, cv.pathOf('chaosDaemon.socketPath'),
        `chaosDaemon.socketPath "${socketPath}" is not a socket this tool knows, so its agreement with `
        + `${shown(runtimeSet, 'chaosDaemon.runtime', runtime)} cannot be checked.`,
        `Check that the socket exists on every node; known ${runtime} sockets are ${socketsOf(runtime)}.`,
        'warning'));
    } else if (known.runtime !== runtime) {
      // Point at the value the author forgot: the one left to the chart default.
      const path = !socketSet ? cv.pathOf('chaosDaemon.socketPath') : !runtimeSet ? cv.pathOf('chaosDaemon.runtime') : cv.pathOf('chaosDaemon.socketPath');
      findings.push(finding(ID, cv.source, path,
        `${shown(runtimeSet, 'chaosDaemon.runtime', runtime)} does not agree with ${shown(socketSet, 'chaosDaemon.socketPath', socketPath)}, `
        + `which is the ${known.runtime} socket of ${known.where}: chaos-daemon would start and every experiment would fail `
        + 'with "container runtime not found".',
        `Set runtime and socketPath together: ${runtime} uses ${socketsOf(runtime)}; on k3s use runtime: containerd `
        + 'with socketPath: /run/k3s/containerd/containerd.sock.'));
    }
  }
  return findings;
}

export const CM009: SafetyRule = {
  id: ID,
  title: 'Runtime and socket agree',
  severity: 'error',
  description: 'chaosDaemon.runtime and socketPath agree (k3s: containerd + /run/k3s/containerd/containerd.sock); an '
    + 'unknown socket path is a warning.',
  check: checkRuntimeSocket,
};
