import { SchemaNode, StructuralValidator } from './structural-validator';

/** The committed bundle written by scripts/compile-schemas.mjs. */
interface CrdBundle {
  readonly chaosMeshVersion: string;
  readonly kinds: Readonly<Record<string, { readonly group: string; readonly version: string; readonly scope: string; readonly schema: SchemaNode }>>;
  readonly defs: Readonly<Record<string, SchemaNode>>;
}

/** One chaos-mesh.org kind as the pinned CRDs define it. */
export interface CrdKind {
  readonly kind: string;
  readonly group: string;
  readonly version: string;
  readonly scope: 'Namespaced' | 'Cluster';
  readonly schema: SchemaNode;
}

/** The CRD schemas, read once per process and shared by every check. */
export class CrdSchemas {
  private static instance: CrdSchemas | undefined;

  /** The shared instance (the bundle is read on first use, never per file or per object). */
  public static get(): CrdSchemas {
    CrdSchemas.instance ??= new CrdSchemas(loadBundle());
    return CrdSchemas.instance;
  }

  /** Chaos Mesh version of the CRDs, e.g. "2.8.2". */
  public readonly chaosMeshVersion: string;
  public readonly validator: StructuralValidator;
  private readonly kinds: ReadonlyMap<string, CrdKind>;
  private readonly defs: Readonly<Record<string, SchemaNode>>;

  private constructor(bundle: CrdBundle) {
    this.chaosMeshVersion = bundle.chaosMeshVersion;
    this.defs = bundle.defs;
    this.validator = new StructuralValidator(bundle.defs);
    this.kinds = new Map(Object.entries(bundle.kinds).map(([kind, k]) => [kind, { kind, ...k, scope: k.scope === 'Cluster' ? 'Cluster' : 'Namespaced' }]));
  }

  /** The kind of the CRD group (`chaos-mesh.org`), whatever the version asked for. */
  public kind(kind: string): CrdKind | undefined {
    return this.kinds.get(kind);
  }

  /**
   * The schema of a field of `kind` (`field('PhysicalMachineChaos', 'spec', 'network-delay')`),
   * shared subtrees resolved; undefined when the CRD has no such field.
   */
  public field(kind: string, ...path: readonly string[]): SchemaNode | undefined {
    let node: SchemaNode | undefined = this.kinds.get(kind)?.schema;
    for (const key of ['', ...path]) {
      if (key !== '') node = node?.properties?.[key];
      while (node && typeof node.$ref === 'string') node = this.defs[node.$ref];
    }
    return node;
  }

  /** The kinds of a group, sorted. */
  public kindsOf(group: string): string[] {
    return [...this.kinds.values()].filter((k) => k.group === group).map((k) => k.kind).sort();
  }

  /** True when some CRD in the bundle belongs to this API group. */
  public hasGroup(group: string): boolean {
    return [...this.kinds.values()].some((k) => k.group === group);
  }
}

function loadBundle(): CrdBundle {
  // schemas/ sits next to lib/ in the repository and next to build/lib/ in the package.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../../schemas/chaos-mesh-crds.json') as CrdBundle;
}
