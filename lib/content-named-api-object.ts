import { createHash } from 'crypto';
import { ApiObject, ApiObjectProps } from 'cdk8s';
import { Construct } from 'constructs';

/** Hex characters of the spec hash in a content name (32 bits: collisions need ~65k edits of one object). */
export const SPEC_HASH_LENGTH = 8;

/** JSON with object keys sorted at every level, so equal specs give equal text whatever the build order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** First {@link SPEC_HASH_LENGTH} hex characters of sha256 over the canonical JSON of `spec`. */
export function specHash(spec: unknown): string {
  return createHash('sha256').update(canonicalJson(spec ?? {})).digest('hex').slice(0, SPEC_HASH_LENGTH);
}

/** `<readable>-<hash>`. */
export function contentName(readableName: string, spec: unknown): string {
  return `${readableName}-${specHash(spec)}`;
}

export interface ContentNamedApiObjectProps extends ApiObjectProps {
  /**
   * Name the object `<metadata.name>-<spec hash>` at synth. Off only for objects applied by
   * hand, where a stable name matters more than replacing the object on every spec edit.
   *
   * @default true
   */
  readonly contentNamed?: boolean;
  /**
   * Annotations read at synth, before JSON patches apply (so a patch can still change them):
   * facts such as a workload target's limits may change after the object is built.
   *
   * @default - none
   */
  readonly lateAnnotations?: () => Record<string, string>;
}

/**
 * A plain `ApiObject` named `<readable>-<8 hex characters of sha256 over its spec>`.
 *
 * Why: Kubernetes and Chaos Mesh refuse to update what they treat as immutable (a Job's pod
 * template, a chaos object's spec, a finished Workflow never re-runs), so an edited object
 * must be a new object; with GitOps the old one is then pruned. The readable part stays
 * stable (put it in a label to find every version).
 *
 * The name is computed in `toJson()`, after cdk8s has resolved lazies and applied every JSON
 * patch, so the hash always covers the spec that is actually written, including patches
 * added after construction. Metadata edits (annotations, labels) never rename.
 *
 * Use it with plain JSON (or generated types converted with their `toJson_*` function) rather
 * than a generated `Kube*` class: the generated `toJson()` re-maps every field through
 * converters that drop anything they do not know, which would silently defeat
 * `addJsonPatch()`.
 */
export class ContentNamedApiObject extends ApiObject {
  /** The readable part of the name (`metadata.name` as given, or the one cdk8s generated). */
  public readonly readableName: string;
  /** Whether the emitted name carries the spec hash. */
  public readonly contentNamed: boolean;
  private readonly lateAnnotations?: () => Record<string, string>;

  public constructor(scope: Construct, id: string, props: ContentNamedApiObjectProps) {
    const { contentNamed, lateAnnotations, ...rest } = props;
    super(scope, id, rest);
    this.readableName = props.metadata?.name ?? this.name;
    this.contentNamed = contentNamed ?? true;
    this.lateAnnotations = lateAnnotations;
  }

  /** The object as it is written: late annotations added, patches applied, then renamed. */
  public override toJson(): any {
    for (const [key, value] of Object.entries(this.lateAnnotations?.() ?? {})) {
      this.metadata.addAnnotation(key, value);
    }
    const json = super.toJson();
    if (this.contentNamed && json.metadata && typeof json.metadata === 'object') {
      json.metadata.name = contentName(this.readableName, json.spec);
    }
    return json;
  }
}
