import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * One synth renders every object once. Rendering (`toJson()`: resolving tokens, applying JSON
 * patches) is most of the cost of synth, and steps before the write need rendered objects too (the
 * namespace opt-in reads the chaos objects, the containment checks read the Workflows). Inside
 * `renderPass(app, body)` the first `rendered(obj)` of each object of that app renders it and later
 * calls reuse the result; outside a pass every call renders afresh. An object changed after its
 * first render in a pass must be handed to `forgetRendered` (the namespace opt-in does).
 */
const passes = new WeakMap<IConstruct, Map<ApiObject, any>>();

/** Runs `body` with renders of objects under `root` memoized (a nested pass joins the outer one). */
export function renderPass<T>(root: IConstruct, body: () => T): T {
  if (passes.has(root)) return body();
  passes.set(root, new Map());
  try {
    return body();
  } finally {
    passes.delete(root);
  }
}

/** `obj.toJson()`, rendered once per pass. */
export function rendered(obj: ApiObject): any {
  const pass = passes.get(obj.node.root);
  if (!pass) return obj.toJson();
  let json = pass.get(obj);
  if (json === undefined) {
    json = obj.toJson();
    pass.set(obj, json);
  }
  return json;
}

/** Drops the memoized render of an object that has just changed. */
export function forgetRendered(obj: ApiObject): void {
  passes.get(obj.node.root)?.delete(obj);
}
