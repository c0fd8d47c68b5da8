import { GoDuration } from '../units/go-duration';

/**
 * Namespaces no experiment may reach, whatever the options say: the control plane
 * (`kube-system`, `kube-public`, `kube-node-lease`) and the tools a broken cluster needs to
 * recover through GitOps (`argocd`, `cert-manager`). The Chaos Mesh namespace is added from
 * `SafetyOptions.chaosMeshNamespace`.
 */
export const BUILT_IN_PROTECTED_NAMESPACES: readonly string[] = [
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'argocd',
  'cert-manager',
];

/** Options of the safety rules. */
export interface SafetyOptions {
  /**
   * The longest an experiment may run (CM003) and a bounded Schedule may last (CM004).
   * @default GoDuration.minutes(15)
   */
  readonly maxDuration?: GoDuration;

  /**
   * The longest a whole Workflow run may last (CM003): a GameDay's total deadline (baseline,
   * every step and pause, recovery), or what a Workflow's templates add up to.
   * @default GoDuration.hours(1)
   */
  readonly maxRunDuration?: GoDuration;

  /**
   * Namespaces that no selector may reach (CM005), added to `BUILT_IN_PROTECTED_NAMESPACES`
   * and the Chaos Mesh namespace. They can only be added to, never removed.
   * @default - none beyond the built-in list
   */
  readonly protectedNamespaces?: readonly string[];

  /**
   * The namespace Chaos Mesh is installed in: chaos against its own controller and daemon
   * leaves nobody to clean up (CM005).
   * @default 'chaos-mesh'
   */
  readonly chaosMeshNamespace?: string;
}

/** Options with every default applied, as rules see them. */
export interface ResolvedSafetyOptions {
  readonly maxDuration: GoDuration;
  readonly maxRunDuration: GoDuration;
  readonly protectedNamespaces: ReadonlySet<string>;
  readonly chaosMeshNamespace: string;
}

/** Applies the defaults documented on `SafetyOptions`. */
export function resolveSafetyOptions(options: SafetyOptions = {}): ResolvedSafetyOptions {
  const chaosMeshNamespace = options.chaosMeshNamespace ?? 'chaos-mesh';
  return {
    maxDuration: options.maxDuration ?? GoDuration.minutes(15),
    maxRunDuration: options.maxRunDuration ?? GoDuration.hours(1),
    chaosMeshNamespace,
    protectedNamespaces: new Set([
      ...BUILT_IN_PROTECTED_NAMESPACES,
      chaosMeshNamespace,
      ...(options.protectedNamespaces ?? []),
    ]),
  };
}
