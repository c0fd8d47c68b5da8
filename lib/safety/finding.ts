import { KubeObject } from '../kube-object';

/**
 * How bad a finding is: errors fail `synth` and `lint`; warnings are printed (errors under `--strict`).
 * @inline
 */
export type Severity = 'error' | 'warning';

/**
 * One problem found in one object. The same shape is produced by the safety rules (`RULES`),
 * the CRD schema check (`schema`) and the admission checks (`admission`).
 */
export interface Finding {
  /** A safety rule ID (`RULES`: `CM001`, ...), `schema`, `admission`, or `input` for unusable input. */
  readonly rule: string;
  readonly severity: Severity;
  /** The object the finding is about, as `Kind/namespace/name`. */
  readonly object: string;
  /** Dotted path of the offending field inside the object, e.g. `spec.stressors.memory.size`. */
  readonly path: string;
  /** What is wrong, in words a newcomer can act on. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** Set when an `ack.cdk8s-chaos-mesh.io/<rule>` annotation acknowledges the finding. */
  readonly acknowledged?: boolean;
  /** The acknowledgement's reason. */
  readonly ackReason?: string;
  /** The object the finding is about (for locating it: file and line, construct path). */
  readonly source?: KubeObject;
}
