import { Issue, quote } from '../_issue';
import { fieldPath } from '../../_field-path';
import { listNames, nearestName } from '../_suggest';

/**
 * Unknown fields of one mapping reported one finding each, up to this many; the rest are counted
 * in one finding on the mapping. A hand-written typo gives a handful; a generated mapping of
 * 100,000 stray keys would otherwise give 100,000 findings, each repeating the allowed fields.
 */
export const MAX_UNKNOWN_FIELDS_PER_MAPPING = 50;

/** Reports the unknown fields of one mapping, in the order they are met (see `unknownFieldReporter`). */
export interface UnknownFieldReporter {
  /** The finding for one unknown field, or undefined past the per-mapping limit (it is counted). */
  add(name: string): Issue | undefined;
  /** One finding counting the fields past the limit, if any. */
  rest(): Issue[];
}

/**
 * Findings for fields of the mapping at `path` that the schema does not define
 * (`kubectl apply --validate=strict` refuses them; without strict validation the API server drops
 * them without a word). `schema` names the schema in the message, e.g. "the CRD schema" or "the
 * apps/v1 Deployment schema". The allowed fields are sorted and listed once per mapping.
 */
export function unknownFieldReporter(path: string, known: readonly string[], schema: string): UnknownFieldReporter {
  let allowed: { sorted: string[]; text: string } | undefined;
  const where = path ? `in ${path}` : 'at the top level';
  const allowedFields = () => {
    if (!allowed) {
      const sorted = [...known].sort();
      allowed = { sorted, text: sorted.length > 0 ? ` Fields allowed ${where}: ${listNames(sorted)}.` : ` No fields are allowed ${where}.` };
    }
    return allowed;
  };
  let reported = 0;
  const overflow: string[] = [];
  return {
    add(name) {
      if (reported >= MAX_UNKNOWN_FIELDS_PER_MAPPING) {
        overflow.push(name);
        return undefined;
      }
      reported++;
      const { sorted, text } = allowedFields();
      const suggestion = nearestName(name, sorted);
      return {
        path: fieldPath(path, name),
        message: `unknown field ${quote(name)}: ${schema} does not define it, so \`kubectl apply --validate=strict\` refuses it (and without strict validation it is silently dropped).${text}`,
        fix: suggestion ? `Did you mean ${quote(suggestion)}? Rename or remove the field.` : `Remove the field, or move it to where ${schema} defines it.`,
      };
    },
    rest() {
      if (overflow.length === 0) return [];
      return [{
        path,
        message: `${overflow.length} more unknown fields ${where} (${listNames(overflow)}): ${schema} does not define them either; `
          + `only the first ${MAX_UNKNOWN_FIELDS_PER_MAPPING} of a mapping are reported one by one.${allowedFields().text}`,
        fix: `Remove the fields, or move them to where ${schema} defines them.`,
      }];
    },
  };
}
