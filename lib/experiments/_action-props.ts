import { fail } from './_validate';

/** The props an action reads: one required prop, or lists of required and optional ones. */
export type ActionProps = string | { readonly required?: readonly string[]; readonly optional?: readonly string[] };

/**
 * Checks the shape of an action's props (not their values: the CRD schema and the admission
 * check do that): the action is one of the enum's, the props it needs are given, and no prop of
 * another action is (it would be silently ignored).
 */
export function checkActionProps(
  owner: string,
  kind: string,
  actions: Record<string, string>,
  table: Readonly<Record<string, ActionProps>>,
  props: { readonly action: string } & object,
): void {
  const action = props.action;
  const allowed = Object.values(actions);
  if (!allowed.includes(action)) {
    fail(owner, `action "${action}" is not a ${kind} action (allowed: ${allowed.join(', ')}).`);
  }
  const given = props as Record<string, unknown>;
  const own = normalize(table[action]);
  for (const prop of own.required) {
    if (given[prop] === undefined) fail(owner, `${prop} is required for action "${action}".`);
  }
  const mine = new Set([...own.required, ...own.optional]);
  const others = new Set(Object.values(table).flatMap((p) => { const n = normalize(p); return [...n.required, ...n.optional]; }));
  for (const prop of others) {
    if (!mine.has(prop) && given[prop] !== undefined) {
      const users = Object.entries(table).filter(([, p]) => { const n = normalize(p); return n.required.includes(prop) || n.optional.includes(prop); }).map(([a]) => `"${a}"`);
      fail(owner, `${prop} does not apply to action "${action}": leave it out (it is read only with action ${users.join(', ')}).`);
    }
  }
}

function normalize(p: ActionProps | undefined): { required: readonly string[]; optional: readonly string[] } {
  if (p === undefined) return { required: [], optional: [] };
  if (typeof p === 'string') return { required: [p], optional: [] };
  return { required: p.required ?? [], optional: p.optional ?? [] };
}
