/**
 * A Kubernetes object as plain JSON: what `cdk8s synth` writes and what `lint` reads.
 * Safety rules and admission checks read these, never constructs, so that generated and
 * hand-written manifests are judged by the same code.
 */
export interface KubeObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
    readonly [key: string]: unknown;
  };
  readonly [key: string]: any;
}

/** `Kind/namespace/name` (or `Kind/name` for cluster-scoped objects), as findings name objects. */
export function objectRef(obj: KubeObject): string {
  const kind = obj.kind ?? '<no kind>';
  const name = obj.metadata?.name ?? '<no name>';
  const ns = obj.metadata?.namespace;
  return ns ? `${kind}/${ns}/${name}` : `${kind}/${name}`;
}
