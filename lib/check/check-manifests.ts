import { isRecord } from '../_json';
import { KubeObject } from '../kube-object';
import { describeValue, toFindings } from '../lint/_issue';
import { admissionIssues } from '../lint/admission/check-admission';
import { applyAdmissionDefaults } from '../lint/admission/defaults';
import { schemaIssues } from '../lint/schema/check-schema';
import { applyAcknowledgements } from '../safety/acknowledgements';
import { runRules, sortFindings } from '../safety/engine';
import { Finding } from '../safety/finding';
import { SafetyOptions } from '../safety/options';
import { SafetyRule } from '../safety/rule';
import { RULES } from '../safety/rules';
import { chartValueFindings } from './chart-value-findings';

/** Options of `checkManifests`: the safety rules' options. */
export interface CheckOptions extends SafetyOptions {
  /**
   * The safety rules to run (a test or an extension may pass its own).
   * @default RULES
   */
  readonly rules?: readonly SafetyRule[];
}

/**
 * Every check of this library over a set of plain Kubernetes objects: the one entry point that
 * synth (`ChaosMeshApp`), `lint` and the cdk8s-cli validation plugin share, so the same objects
 * give the same findings on every path. In this fixed order, as the cluster would judge them:
 *
 * 1. mutating admission: each object as Chaos Mesh 2.8.2's defaulting webhook would store it
 *    (`applyAdmissionDefaults`; the checks below read the defaulted object, findings name the
 *    original);
 * 2. `schema`: the CRD openAPI v3 schemas and the Kubernetes schemas of core kinds;
 * 3. `admission`: what the Chaos Mesh 2.8.2 validating webhook refuses, leaving out a finding on a
 *    path that already has a schema error (the API server refuses the object before the webhook
 *    sees it);
 * 4. `schema` of chart values: keys and types the chaos-mesh chart does not read;
 * 5. the safety rules (CM001...), over the whole set at once (a chaos object resolves its target in
 *    another file), reading the objects as written.
 *
 * Then acknowledgements are applied (`ack.cdk8s-chaos-mesh.io/<RULE-ID>`) and the findings are
 * sorted (`sortFindings`: object input order, rule, path, message). Never throws for bad input:
 * an element that is not an object (null, a number, a string, a list) is an `input` error
 * naming its index, first, as lint reports a document that is not a mapping (lint and the
 * plugin read files with the loader, which refuses such a document with its file and line before
 * any check runs), and the other elements are checked.
 * @throws SchemaLoadError when the Kubernetes schemas cannot be loaded (a broken installation)
 */
export function checkManifests(input: readonly KubeObject[], options: CheckOptions = {}): Finding[] {
  if (!Array.isArray(input)) return [inputFinding(`the objects to check are ${describeValue(input)}, not a list`)];
  const notObjects = input.flatMap((o, i) => (isRecord(o) ? []
    : [inputFinding(`element ${i} of the list is ${describeValue(o)}, not a mapping: a Kubernetes object must be an object `
      + 'with apiVersion and kind', `element ${i}`)]));
  const objects = notObjects.length === 0 ? input : input.filter(isRecord);
  const rules = options.rules ?? RULES;
  const raw: Finding[] = [];
  for (const obj of objects) raw.push(...clusterFindings(obj, applyAdmissionDefaults(obj)));
  raw.push(...chartValueFindings(objects));
  raw.push(...runRules(objects, options, rules));
  return [...notObjects, ...sortFindings(applyAcknowledgements(objects, raw, rules.map((r) => r.id)), objects)];
}

/** An `input` error: something in the list that is no object, so nothing about it could be checked. */
function inputFinding(message: string, object = ''): Finding {
  return {
    rule: 'input', severity: 'error', object, path: '', message: `${message}; it was not checked.`,
    fix: 'Pass only Kubernetes objects: parsed YAML documents that are mappings (loadManifests reads files so).',
  };
}

/**
 * Schema then admission findings of one object, judged on its `defaulted` form and reported on
 * `original`. An admission finding on a field that already has a schema error (an action outside
 * the enum, a negative gracePeriod) is left out: the API server refuses first.
 */
function clusterFindings(original: KubeObject, defaulted: KubeObject): Finding[] {
  const schema = schemaIssues(defaulted);
  const schemaPaths = new Set(schema.filter((i) => i.severity !== 'warning').map((i) => i.path));
  const admission = admissionIssues(defaulted).filter((i) => !schemaPaths.has(i.path));
  return [...toFindings(schema, 'schema', original), ...toFindings(admission, 'admission', original)];
}
