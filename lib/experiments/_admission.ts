/**
 * Constructors refuse what the cluster would, without a second copy of any limit: the spec a
 * construct built is run through lint's CRD-schema check and its admission check (the same
 * modules synth and lint use), and the first refusal is reported under the prop that set it.
 */
import { parseFieldPath } from '../_field-path';
import { admissionIssues } from '../lint/admission/check-admission';
import { schemaIssues } from '../lint/schema/check-schema';
import { fail } from './_validate';

/** Spec fields whose prop is not named like the field (everything else keeps its CRD name). */
const COMMON_PROPS: Readonly<Record<string, string>> = { selector: 'target', value: 'mode', mode: 'mode' };

/**
 * Throws `<owner>: <prop> is refused (spec.<field>): <why>. <fix>` for the first error the CRD
 * schema or the 2.8.2 admission webhook finds in `spec` of a standalone `kind`. `props` maps a
 * spec field path (`target`, `mistake.maxLength`) to the prop that sets it; the longest mapped
 * prefix wins.
 */
export function refuseLikeTheCluster(
  owner: string, kind: string, spec: Record<string, unknown>, props: Readonly<Record<string, string>> = {},
): void {
  const obj = {
    apiVersion: 'chaos-mesh.org/v1alpha1',
    kind,
    metadata: { name: 'props-check', namespace: 'props-check' },
    spec,
  };
  const issue = [...schemaIssues(obj), ...admissionIssues(obj)]
    .find((i) => (i.severity ?? 'error') === 'error' && (i.path === 'spec' || i.path.startsWith('spec.') || i.path.startsWith('spec[')));
  if (!issue) return;
  const field = issue.path.slice('spec'.length).replace(/^\./, '');
  fail(owner, `${propOf(field, props)} is refused (spec.${field || '(root)'}): ${issue.message} ${issue.fix}`);
}

function propOf(field: string, props: Readonly<Record<string, string>>): string {
  const segments = parseFieldPath(field);
  for (let n = segments.length; n > 0; n--) {
    const key = segments.slice(0, n).filter((s) => typeof s === 'string').join('.');
    const mapped = props[key] ?? (n === 1 ? COMMON_PROPS[key] : undefined);
    if (mapped !== undefined) return mapped;
  }
  return field.replace(/\[\d+\]/g, '') || 'props';
}
