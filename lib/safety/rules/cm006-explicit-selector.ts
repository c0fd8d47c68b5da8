import { objectRef } from '../../kube-object';
import { fieldPath } from '../../_field-path';
import { isRecord } from '../../_json';
import { Finding } from '../finding';
import { finding, RuleContext, RuleId, SafetyRule } from '../rule';
import { describeChaos, namedMap, podSelectors } from './_chaos-kinds';

const ID = RuleId.CM006;

function nonEmpty(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : isRecord(value) && Object.keys(value).length > 0;
}

/**
 * A selector says exactly what it reaches. An empty `namespaces` silently means the
 * experiment's own namespace, and a selector with only namespaces takes every pod in them.
 */
export function checkExplicitSelector(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const chaos of ctx.chaos) {
    const what = describeChaos(chaos);
    for (const { selector, path } of podSelectors(chaos)) {
      const named = namedMap(selector);
      if (!named && !nonEmpty(selector.namespaces)) {
        const own = chaos.owner.metadata?.namespace;
        findings.push(finding(ID, chaos.owner, fieldPath(path, 'namespaces'),
          `${what} selector names no namespaces: Chaos Mesh silently uses the namespace of ${objectRef(chaos.owner)}`
          + (own ? ` ("${own}")` : ' (whatever namespace it is applied to)') + '.',
          'List the target namespaces explicitly, e.g. namespaces: [podinfo].'));
      }
      if (!named && !nonEmpty(selector.labelSelectors) && !nonEmpty(selector.expressionSelectors)) {
        findings.push(finding(ID, chaos.owner, path,
          `${what} selector has no labelSelectors, expressionSelectors or pods: it takes every pod in its namespaces.`,
          'Add labelSelectors (e.g. app.kubernetes.io/name: podinfo), expressionSelectors or pods naming the target.'));
      }
    }
  }
  return findings;
}

export const CM006: SafetyRule = {
  id: ID,
  title: 'Selectors are explicit',
  severity: 'error',
  description: 'Every selector names its namespaces and at least one of labelSelectors, expressionSelectors or pods '
    + '(an empty namespaces silently means the experiment\'s own namespace).',
  check: checkExplicitSelector,
};
