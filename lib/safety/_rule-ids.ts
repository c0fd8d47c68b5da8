import { RULES } from './rules';

/**
 * The safety rules' IDs as messages name them (`CM001-CM016`), read from the registry (whose
 * IDs are consecutive: its test lists them), so no help text or error goes stale when a rule is added.
 */
export function ruleIdRange(): string {
  return `${RULES[0].id}-${RULES[RULES.length - 1].id}`;
}
