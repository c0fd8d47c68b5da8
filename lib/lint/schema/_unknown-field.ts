import { Issue, quote } from '../_issue';
import { fieldPath } from '../../_field-path';
import { listNames, nearestName } from '../_suggest';

/**
 * The finding for a field the schema does not define (`kubectl apply --validate=strict` refuses
 * it; without strict validation the API server drops it without a word). `schema` names the
 * schema in the message, e.g. "the CRD schema" or "the apps/v1 Deployment schema".
 */
export function unknownFieldIssue(name: string, path: string, known: readonly string[], schema: string): Issue {
  const sorted = [...known].sort();
  const suggestion = nearestName(name, sorted);
  const where = path ? `in ${path}` : 'at the top level';
  const allowed = sorted.length > 0 ? ` Fields allowed ${where}: ${listNames(sorted)}.` : ` No fields are allowed ${where}.`;
  return {
    path: fieldPath(path, name),
    message: `unknown field ${quote(name)}: ${schema} does not define it, so \`kubectl apply --validate=strict\` refuses it (and without strict validation it is silently dropped).${allowed}`,
    fix: suggestion ? `Did you mean ${quote(suggestion)}? Rename or remove the field.` : `Remove the field, or move it to where ${schema} defines it.`,
  };
}
