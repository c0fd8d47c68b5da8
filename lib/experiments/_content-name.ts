import { createHash } from 'crypto';
import { ApiObject, ApiObjectProps } from 'cdk8s';
import { Construct } from 'constructs';

/** Hex characters of the spec hash in a content name (32 bits: collisions need ~65k edits of one experiment). */
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

export interface ChaosApiObjectProps extends ApiObjectProps {
  /** Name the object `<metadata.name>-<spec hash>` at synth. */
  readonly contentNamed: boolean;
  /**
   * Annotations read at synth, before JSON patches apply (so a patch can still change them):
   * a workload target's facts may change after the experiment is built.
   *
   * @default - none
   */
  readonly lateAnnotations?: () => Record<string, string>;
}

/**
 * The emitted object (child id `Resource`, so it is `node.defaultChild`).
 *
 * A plain `ApiObject` with the generated GVK rather than the generated class itself: the
 * generated `toJson()` re-maps every field through converters that drop anything they do not
 * know (a JSON-patched field, a plain `{ memory: '64Mi' }` in a guard Task's resources), which
 * would silently defeat the `addJsonPatch()` escape hatch and the guard's templates.
 *
 * The content name is computed here, in `toJson()`, after cdk8s has resolved lazies and applied
 * every JSON patch, so the hash always covers the spec that is actually written.
 */
export class ChaosApiObject extends ApiObject {
  private readonly readableName: string;
  private readonly contentNamed: boolean;
  private readonly lateAnnotations?: () => Record<string, string>;

  public constructor(scope: Construct, id: string, props: ChaosApiObjectProps) {
    const { contentNamed, lateAnnotations, ...rest } = props;
    super(scope, id, rest);
    this.readableName = props.metadata?.name ?? this.name;
    this.contentNamed = contentNamed;
    this.lateAnnotations = lateAnnotations;
  }

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
