import * as generated from '../../imports/chaos-mesh.org';
import { ChaosExperiment } from '../../lib/experiments';
import { checkManifests } from '../../lib/check';
import { RULES } from '../../lib/safety';

/**
 * What stands between emitted objects and the cluster, through the entry point synth and lint
 * share (`checkManifests`: the CRD schema, the 2.8.2 admission checks, every safety rule).
 * Returns every finding not acknowledged, warnings included (dist/ is linted `--strict`), as
 * `rule object path: message` lines: an empty list is compliant.
 */
export function blockingFindings(objects: readonly any[]): string[] {
  return checkManifests(objects).filter((f) => !f.acknowledged).map((f) => `${f.rule} ${f.object} ${f.path}: ${f.message}`);
}

/**
 * Acknowledges `rule` on `experiment` when that rule exists (CM013/CM014 land with their own
 * issue; until then an acknowledgement of a missing rule would be a warning of its own).
 */
export function acknowledgeIfRuled(experiment: ChaosExperiment, rule: string, reason: string): void {
  if (RULES.some((r) => r.id === rule)) experiment.addAcknowledgement(rule, reason);
}

/**
 * The emitted spec after a round trip through the generated converter of its kind (imports/),
 * which drops every key the CRD does not define: equal to the spec when it uses only CRD fields.
 * The converters take `cdk8s import`'s camelCase names (`request_headers` is `requestHeaders`,
 * `ip-address` is `ipAddress`, `volumeID` is `volumeId`), so such keys are renamed first; map keys
 * chosen by users (HTTP header names) must then be capitalized, as they are in these tests.
 */
export function roundTrip(obj: any): unknown {
  const name = obj.kind === 'Workflow' ? 'Workflow'
    : obj.kind.replace(/^(AWS|GCP|DNS|HTTP|IO|JVM)/, (m: string) => m[0] + m.slice(1).toLowerCase());
  const convert = (generated as any)[`toJson_${name}Spec`];
  if (typeof convert !== 'function') throw new Error(`no generated converter for ${obj.kind}`);
  return JSON.parse(JSON.stringify(convert(camelKeys(obj.spec))));
}

function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [importName(k), camelKeys(v)]));
}

function importName(key: string): string {
  if (/^[a-z][a-z0-9]*([-_][a-zA-Z0-9]+)+$/.test(key)) return key.replace(/[-_]([a-zA-Z0-9])/g, (_m, c: string) => c.toUpperCase());
  return /^[a-z]+ID$/.test(key) ? `${key.slice(0, -2)}Id` : key;
}
