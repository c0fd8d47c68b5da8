import { Document, isMap, Node } from 'yaml';
import { SafetyAnnotations } from '../safety/annotations';

/** `# cdk8s-chaos-mesh.io/<key>: <value>` (or an acknowledgement, `ack.cdk8s-chaos-mesh.io/<RULE-ID>`) in a header comment. */
const HEADER_ANNOTATION = /^\s*((?:ack\.)?cdk8s-chaos-mesh\.io\/[A-Za-z0-9][A-Za-z0-9.-]*)\s*:\s*(.*?)\s*$/;

/**
 * The `cdk8s-chaos-mesh.io/...` annotations a YAML document declares in its leading comment:
 * a values file has no `metadata`, so its header says what it is
 * (`# cdk8s-chaos-mesh.io/chart-values: chaos-mesh 2.8.2`) and what the install declares
 * (`# cdk8s-chaos-mesh.io/external-target-namespaces: podinfo`). The YAML parser attaches a
 * leading comment to the document, its root mapping or the first key, depending on blank lines.
 */
export function headerAnnotations(doc: Document.Parsed): Record<string, string> {
  const root = doc.contents as Node | null;
  const firstKey = root && isMap(root) ? (root.items[0]?.key as Node | undefined) : undefined;
  const comment = [doc.commentBefore, root?.commentBefore, firstKey?.commentBefore].filter((c) => typeof c === 'string').join('\n');
  const out: Record<string, string> = {};
  for (const line of comment.split('\n')) {
    const m = HEADER_ANNOTATION.exec(line);
    if (m && out[m[1]] === undefined) out[m[1]] = m[2];
  }
  return out;
}

/** True when the header marks the document as Chaos Mesh chart values. */
export function isMarkedChartValues(annotations: Readonly<Record<string, string>>): boolean {
  return annotations[SafetyAnnotations.CHART_VALUES] !== undefined;
}
