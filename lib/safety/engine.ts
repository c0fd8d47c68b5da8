import { KubeObject, objectRef } from '../kube-object';
import { applyAcknowledgements } from './acknowledgements';
import { Finding } from './finding';
import { resolveSafetyOptions, SafetyOptions } from './options';
import { createRuleContext, SafetyRule } from './rule';
import { RULES } from './rules';

/**
 * The safety rules alone over a set of plain Kubernetes objects, with acknowledgements applied and
 * findings sorted (`sortFindings`). Synth, lint and the plugin run `checkManifests`, which runs
 * these rules after the schema, admission and chart-values checks; this is for judging rules on
 * their own (their tests, an extension's rules).
 *
 * @param options maximum duration, protected namespaces, Chaos Mesh namespace (see `SafetyOptions`)
 * @param rules the rules to run; `RULES` unless a test or an extension passes its own
 */
export function checkSafety(
  objects: readonly KubeObject[],
  options?: SafetyOptions,
  rules: readonly SafetyRule[] = RULES,
): Finding[] {
  const raw = runRules(objects, options, rules);
  return sortFindings(applyAcknowledgements(objects, raw, rules.map((r) => r.id)), objects);
}

/**
 * Runs each rule over the whole set, before acknowledgements. Never throws for bad input: a rule
 * that throws becomes an error finding naming the exception.
 */
export function runRules(
  objects: readonly KubeObject[],
  options: SafetyOptions | undefined,
  rules: readonly SafetyRule[],
): Finding[] {
  const resolved = resolveSafetyOptions(options);
  const ctx = createRuleContext(objects, resolved);
  const raw: Finding[] = [];
  for (const rule of rules) {
    try {
      raw.push(...rule.check(ctx));
    } catch (e) {
      raw.push(...ruleFailure(rule, objects, resolved, e));
    }
  }
  return raw;
}

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/**
 * A rule that throws is reported, never a crash. It is re-run on each object alone to name the
 * object it cannot read; if no single object makes it throw, the finding is about the whole set.
 */
function ruleFailure(
  rule: SafetyRule,
  objects: readonly KubeObject[],
  options: ReturnType<typeof resolveSafetyOptions>,
  error: unknown,
): Finding[] {
  const fix = `Check this object's fields against the Chaos Mesh 2.8.2 CRDs (run lint for schema findings). If the `
    + 'object is valid, this is a bug in the rule: please report it.';
  const culprits: Finding[] = [];
  for (const obj of objects) {
    try {
      rule.check(createRuleContext([obj], options));
    } catch (e) {
      culprits.push({
        rule: rule.id, severity: 'error', object: objectRef(obj), path: '', source: obj, fix,
        message: `Rule ${rule.id} (${rule.title}) could not check this object and failed with ${describeError(e)}; `
          + 'the object is not known to be safe.',
      });
    }
  }
  if (culprits.length > 0) return culprits;
  return [{
    rule: rule.id, severity: 'error', object: '(all objects)', path: '', fix,
    message: `Rule ${rule.id} (${rule.title}) failed with ${describeError(error)}; the objects are not known to be safe.`,
  }];
}

/**
 * The one order of findings, on every path (synth, lint, plugin): object input order, then rule,
 * then path, then message. Findings about no single object come last.
 */
export function sortFindings(findings: readonly Finding[], objects: readonly KubeObject[]): Finding[] {
  const index = new Map<KubeObject, number>();
  objects.forEach((o, i) => { if (!index.has(o)) index.set(o, i); });
  const pos = (f: Finding) => (f.source && index.has(f.source) ? index.get(f.source)! : objects.length);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...findings].sort((a, b) => pos(a) - pos(b)
    || cmp(a.object, b.object) || cmp(a.rule, b.rule) || cmp(a.path, b.path) || cmp(a.message, b.message));
}
