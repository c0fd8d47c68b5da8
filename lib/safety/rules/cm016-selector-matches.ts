import { fieldPath } from '../../_field-path';
import { isRecord } from '../../_json';
import { editDistance } from '../../install/_edit-distance';
import { KubeObject, objectRef } from '../../kube-object';
import { Finding } from '../finding';
import { finding, RuleContext, RuleId, SafetyRule } from '../rule';
import { matchesLabelSelector, namespaceWorkloads, selectorCandidates, selectorNamespaces, workloadPodLabels } from '../target-resolution';
import { describeChaos, namedMap, podSelectors } from './_chaos-kinds';

const ID = RuleId.CM016;

type Labels = Readonly<Record<string, string>>;

/** Whether the selector's labels match `labels`; undefined when its expressions are unreadable (the schema check reports them). */
function matches(labels: Labels, selector: Record<string, unknown>): boolean | undefined {
  try {
    return matchesLabelSelector(labels, selector);
  } catch {
    return undefined;
  }
}

const pair = (k: string, v: string) => `${k}: ${v}`;

/**
 * The workload whose pod labels are nearest to the selector's `labelSelectors` (sum over its
 * pairs of the edit distance to the closest label of the workload), and those closest labels.
 */
function nearestLabels(selector: Record<string, unknown>, workloads: readonly { obj: KubeObject; labels: Labels }[]) {
  const wanted = isRecord(selector.labelSelectors) ? Object.entries(selector.labelSelectors).map(([k, v]) => [k, String(v)]) : [];
  let best: { obj: KubeObject; labels: Labels; suggestion: Record<string, string>; distance: number } | undefined;
  for (const { obj, labels } of workloads) {
    const own = Object.entries(labels);
    if (own.length === 0) continue;
    const suggestion: Record<string, string> = {};
    let distance = 0;
    for (const [k, v] of wanted) {
      let closest = own[0];
      for (const candidate of own) {
        if (editDistance(pair(k, v), pair(...candidate)) < editDistance(pair(k, v), pair(...closest))) closest = candidate;
      }
      distance += editDistance(pair(k, v), pair(...closest));
      suggestion[closest[0]] = closest[1];
    }
    if (best === undefined || distance < best.distance) best = { obj, labels, suggestion, distance };
  }
  return best;
}

const inline = (labels: Record<string, string>) => `{ ${Object.entries(labels).map(([k, v]) => pair(k, v)).join(', ')} }`;

/**
 * A selector must be able to match: in a namespace that holds workloads in the set, a selector
 * matching none of them would inject nothing: the run would pass and prove nothing. A typo in a label is the usual cause, so
 * the nearest workload's labels are suggested. `pods` selectors name pods, not labels: not checked;
 * protected namespaces are CM005's, which refuses the selector outright.
 */
export function checkSelectorMatches(ctx: RuleContext): Finding[] {
  if (!ctx.objects.some((obj) => workloadPodLabels(obj) !== undefined)) return [];
  const withLabels = (obj: KubeObject) => ({ obj, labels: workloadPodLabels(obj)! });
  const findings: Finding[] = [];
  for (const chaos of ctx.chaos) {
    for (const { selector, path } of podSelectors(chaos)) {
      if (namedMap(selector)) continue;
      for (const ns of selectorNamespaces(selector, chaos.owner.metadata?.namespace)) {
        // A protected namespace is CM005's: no advice on how to reach into it.
        if (ns === undefined || ctx.options.protectedNamespaces.has(ns)) continue;
        // Only workloads with the selector's first label pair can match (an index look-up, not a scan).
        if (selectorCandidates(ctx.objects, ns, selector).some((w) => matches(workloadPodLabels(w)!, selector) !== false)) continue;
        const here = namespaceWorkloads(ctx.objects, ns).map(withLabels);
        if (here.length === 0) continue;
        const near = nearestLabels(selector, here);
        const names = here.slice(0, 3).map((w) => objectRef(w.obj)).join(', ') + (here.length > 3 ? `, and ${here.length - 3} more` : '');
        const nearText = near ? ` The nearest is ${objectRef(near.obj)}, whose pods are labelled ${inline({ ...near.labels })}.` : '';
        const fixLabels = near && Object.keys(near.suggestion).length > 0
          ? `Correct the labels: labelSelectors: ${inline(near.suggestion)} matches ${objectRef(near.obj)}. `
          : 'Select labels the target\'s pods carry. ';
        findings.push(finding(ID, chaos.owner, isRecord(selector.labelSelectors) ? fieldPath(path, 'labelSelectors') : path,
          `${describeChaos(chaos)} selector matches none of the ${here.length} workload(s) in namespace "${ns}" of this set `
          + `(${names}): it would inject nothing there, and the experiment would prove nothing.${nearText}`,
          `${fixLabels}If the target is another workload of "${ns}" that this set does not contain, acknowledge the finding `
          + 'with the reason.'));
      }
    }
  }
  return findings;
}

export const CM016: SafetyRule = {
  id: ID,
  title: 'A selector can match',
  severity: 'error',
  description: 'In a namespace that holds workloads in the set, a chaos selector matching none of them is an error, with the '
    + 'nearest workload\'s labels suggested (a declared target is its selector, so a typo in its labels is caught too).',
  check: checkSelectorMatches,
};
