/**
 * The experiment target as the guard scripts see it: the same namespaces, labels and container
 * names the experiment's selector uses, as plain values, for hand-written experiments. For the
 * library's experiments prefer {@link PresyncGuard.forExperiment} and
 * {@link ContainmentCheck.forTarget}, which read these from the experiment and its target.
 */
export interface GuardTargetProps {
  /**
   * The experiment's readable name (the stable part of its content name, without the hash).
   * Names every guard object (`<experiment>-presync-guard`, `<experiment>-containment-check`)
   * and prefixes every line the scripts print. A lowercase DNS label of at most 49 characters.
   */
  readonly experiment: string;
  /** Namespaces the experiment selects pods in (`selector.namespaces`). */
  readonly namespaces: readonly string[];
  /** The experiment's pod labels (`selector.labelSelectors`): equality only, at least one pair. */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * The experiment's `containerNames`. Empty means what Chaos Mesh 2.8.2 does then: only the
   * first container of each selected pod is injected, so only it is checked (and excluded from
   * the containment verdict).
   *
   * @default - the first container of each selected pod
   * @see https://chaos-mesh.org/docs/simulate-heavy-stress-on-kubernetes/
   */
  readonly containerNames?: readonly string[];
  /**
   * The kubectl image (needs a POSIX sh, awk, sed, tr and mktemp next to kubectl).
   *
   * @default KUBECTL_IMAGE
   */
  readonly image?: string;
}
