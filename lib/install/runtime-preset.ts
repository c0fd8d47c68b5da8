/**
 * Container runtimes chaos-daemon can talk to (`chaosDaemon.runtime`): the chart passes the value
 * to `chaos-daemon --runtime`, which knows exactly these three.
 */
export enum ContainerRuntime {
  DOCKER = 'docker',
  CONTAINERD = 'containerd',
  CRIO = 'crio',
}

/** Chaos Mesh docs, "Install Chaos Mesh using Helm", step 4 "Install Chaos Mesh in different environments". */
const CHAOS_MESH_INSTALL_DOC = 'https://chaos-mesh.org/docs/production-installation-using-helm/';

/**
 * Where a Kubernetes distribution's container runtime listens, as the chart's
 * `chaosDaemon.runtime` + `chaosDaemon.socketPath` pair.
 *
 * This is the most important setting of the install: with a wrong socket the daemon starts, but
 * every experiment then fails with "container runtime not found" (k3s embeds containerd at
 * `/run/k3s/containerd/containerd.sock`, not the default path). A mistyped path fails just as
 * silently, hence presets instead of strings.
 *
 * @example
 * new ChaosMeshInstall(this, 'ChaosMesh', { runtime: RuntimePreset.K3S });
 */
export class RuntimePreset {
  /**
   * k3s: embedded containerd at `/run/k3s/containerd/containerd.sock`.
   * Sources: Chaos Mesh install docs (K3s tab); k3s source, pkg/agent/config/config_linux.go
   * (containerd state `/run/k3s/containerd`, address `containerd.sock` in it).
   */
  public static readonly K3S = new RuntimePreset('k3s', ContainerRuntime.CONTAINERD, '/run/k3s/containerd/containerd.sock', [
    `${CHAOS_MESH_INSTALL_DOC} (K3s)`,
    'https://github.com/k3s-io/k3s/blob/master/pkg/agent/config/config_linux.go',
  ]);

  /**
   * RKE2: embedded containerd; RKE2 shares k3s's agent code and its socket path.
   * Source: RKE2 docs, "CLI Tools": "The Containerd socket is located at
   * /run/k3s/containerd/containerd.sock".
   */
  public static readonly RKE2 = new RuntimePreset('RKE2', ContainerRuntime.CONTAINERD, '/run/k3s/containerd/containerd.sock', [
    'https://docs.rke2.io/reference/cli_tools',
  ]);

  /**
   * k0s: bundled containerd started with `--address=/run/k0s/containerd.sock`.
   * Source: k0s docs, "Runtime" (containerd configuration).
   */
  public static readonly K0S = new RuntimePreset('k0s', ContainerRuntime.CONTAINERD, '/run/k0s/containerd.sock', [
    'https://docs.k0sproject.io/stable/runtime/',
  ]);

  /**
   * MicroK8s: the snap's own containerd at `/var/snap/microk8s/common/run/containerd.sock`.
   * Sources: Chaos Mesh install docs (MicroK8s tab); MicroK8s default containerd arguments
   * (`--address ${SNAP_COMMON}/run/containerd.sock`, SNAP_COMMON being /var/snap/microk8s/common).
   */
  public static readonly MICROK8S = new RuntimePreset('MicroK8s', ContainerRuntime.CONTAINERD, '/var/snap/microk8s/common/run/containerd.sock', [
    `${CHAOS_MESH_INSTALL_DOC} (MicroK8s)`,
    'https://github.com/canonical/microk8s/blob/master/microk8s-resources/default-args/containerd',
  ]);

  /**
   * A plain containerd node (kubeadm, kind, most managed clusters): `/run/containerd/containerd.sock`.
   * Sources: Chaos Mesh install docs (Containerd tab) and values.yaml's containerd example;
   * kubeadm's default CRI socket (`unix:///var/run/containerd/containerd.sock`, /var/run being /run).
   */
  public static readonly CONTAINERD = new RuntimePreset('containerd', ContainerRuntime.CONTAINERD, '/run/containerd/containerd.sock', [
    `${CHAOS_MESH_INSTALL_DOC} (Containerd)`,
    'https://kubernetes.io/docs/setup/production-environment/container-runtimes/#containerd',
  ]);

  /**
   * CRI-O (OpenShift, some kubeadm clusters): runtime `crio` at `/var/run/crio/crio.sock`.
   * Sources: Chaos Mesh install docs (CRI-O tab) and values.yaml's CRI-O example; Kubernetes
   * container-runtimes page (CRI-O socket).
   */
  public static readonly CRIO = new RuntimePreset('CRI-O', ContainerRuntime.CRIO, '/var/run/crio/crio.sock', [
    `${CHAOS_MESH_INSTALL_DOC} (CRI-O)`,
    'https://kubernetes.io/docs/setup/production-environment/container-runtimes/#cri-o',
  ]);

  /**
   * Docker Engine nodes (cri-dockerd, Docker Desktop): `/var/run/docker.sock`, the chart default.
   * Sources: Chaos Mesh install docs (Docker tab: "Default to /var/run/docker.sock"); values.yaml.
   */
  public static readonly DOCKER = new RuntimePreset('Docker', ContainerRuntime.DOCKER, '/var/run/docker.sock', [
    `${CHAOS_MESH_INSTALL_DOC} (Docker)`,
  ]);

  /** Every preset, for documentation and for recognising a hand-set pair. */
  public static all(): readonly RuntimePreset[] {
    return [RuntimePreset.K3S, RuntimePreset.K0S, RuntimePreset.RKE2, RuntimePreset.MICROK8S, RuntimePreset.CONTAINERD, RuntimePreset.CRIO, RuntimePreset.DOCKER];
  }

  /**
   * A runtime and socket this library has no preset for (a relocated containerd, a custom
   * distribution). Prefer a preset: a typo here is only found when an experiment fails.
   *
   * @param socketPath absolute path of the runtime's socket on the node
   */
  public static custom(runtime: ContainerRuntime, socketPath: string): RuntimePreset {
    const allowed = Object.values(ContainerRuntime) as string[];
    if (!allowed.includes(runtime)) {
      throw new Error(`RuntimePreset.custom: runtime ${JSON.stringify(runtime)} is not one chaos-daemon knows; use one of ${allowed.join(', ')}.`);
    }
    if (typeof socketPath !== 'string' || !/^\/\S+\.sock$/.test(socketPath)) {
      throw new Error(`RuntimePreset.custom: socketPath ${JSON.stringify(socketPath)} must be the absolute path of a socket on the node, such as "/run/containerd/containerd.sock".`);
    }
    return new RuntimePreset('custom', runtime, socketPath, []);
  }

  /** The presets that use exactly this runtime and socket (several distributions share a socket). */
  public static matching(runtime: string, socketPath: string): RuntimePreset[] {
    return RuntimePreset.all().filter((p) => p.runtime === runtime && p.socketPath === socketPath);
  }

  private constructor(
    /** Distribution name as its docs spell it (`k3s`, `RKE2`, `custom`). */
    public readonly name: string,
    /** `chaosDaemon.runtime`. */
    public readonly runtime: ContainerRuntime,
    /** `chaosDaemon.socketPath`: the runtime's socket on every node. */
    public readonly socketPath: string,
    /** Where the pair comes from (URLs). */
    public readonly sources: readonly string[],
  ) {}

  /** The chart values this preset sets. */
  public toValues(): { readonly chaosDaemon: { readonly runtime: ContainerRuntime; readonly socketPath: string } } {
    return { chaosDaemon: { runtime: this.runtime, socketPath: this.socketPath } };
  }
}
