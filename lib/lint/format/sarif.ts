import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../safety/rules';
import { LintResult, LocatedFinding } from '../lint';
import { escapeJsonText } from './_escape';
import { reportedFindings } from './_input-findings';

/** Rules of lint besides the safety rules, for SARIF's rule metadata. */
const LINT_RULES = [
  {
    id: 'schema',
    title: 'Schema',
    severity: 'error',
    description: 'The object breaks its schema: the Chaos Mesh 2.8.2 CRD openAPI v3 schema (unknown fields refused as '
      + '`kubectl apply --validate=strict` does), the Kubernetes API schema (kubernetes-models), ObjectMeta name rules, '
      + 'or the keys of the chaos-mesh 2.8.2 chart values.',
  },
  {
    id: 'admission',
    title: 'Admission',
    severity: 'error',
    description: 'Chaos Mesh 2.8.2\'s validating admission webhook would refuse the object when it is applied '
      + '(durations, selector values, actions, stressors, cron schedules, workflow templates, status checks).',
  },
  {
    id: 'input',
    title: 'Input',
    severity: 'warning',
    description: 'Input that lint cannot check: a YAML mapping without kind (a warning), or input it cannot use at all '
      + '(an unreadable file, invalid YAML, a limit exceeded: an error, and nothing was checked).',
  },
];

/**
 * SARIF 2.1.0 for code hosts that annotate PR lines: one run, rule metadata for every safety rule,
 * schema, admission and input, one result per finding with the file (relative to the working
 * directory, `%SRCROOT%`) and line. Acknowledged findings carry an in-source suppression with
 * the acknowledgement's reason as justification, so they show as dismissed, not hidden. With
 * unusable input (exit 2) the results are the input errors (rule `input`).
 */
export function toSarif(result: LintResult): Record<string, unknown> {
  const rules = [
    ...RULES.map((r) => ({ id: r.id, title: r.title, severity: r.severity as string, description: r.description })),
    ...LINT_RULES,
  ];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cdk8s-chaos-mesh',
          version: packageVersion(),
          rules: rules.map((r) => ({
            id: r.id,
            name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')),
            shortDescription: { text: r.title },
            fullDescription: { text: r.description },
            defaultConfiguration: { level: r.severity === 'warning' ? 'warning' : 'error' },
          })),
        },
      },
      columnKind: 'utf16CodeUnits',
      results: reportedFindings(result).map((f) => toResult(f, index.get(f.rule))),
    }],
  };
}

function toResult(f: LocatedFinding, ruleIndex: number | undefined): Record<string, unknown> {
  return {
    ruleId: f.rule,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: f.severity === 'error' ? 'error' : 'warning',
    message: { text: `${f.object ? `${f.object}${f.path ? ` ${f.path}` : ''}: ` : ''}${f.message} Fix: ${f.fix}` },
    ...(f.file ? {
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: encodeURI(f.file.split(path.sep).join('/')), uriBaseId: '%SRCROOT%' },
          region: { startLine: Math.max(1, f.line) },
        },
        ...(f.object ? { logicalLocations: [{ fullyQualifiedName: f.path ? `${f.object}:${f.path}` : f.object, kind: 'object' }] } : {}),
      }],
    } : {}),
    ...(f.acknowledged ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: f.ackReason ?? '' }] } : {}),
  };
}

/** The SARIF document as text. */
export function formatSarif(result: LintResult): string {
  return `${escapeJsonText(JSON.stringify(toSarif(result), null, 2))}\n`;
}

let version: string | undefined;
function packageVersion(): string {
  if (version === undefined) {
    version = '0.0.0';
    // lib/lint/format -> ../../..; build/lib/lint/format -> ../../../..
    for (const up of ['../../..', '../../../..']) {
      try {
        const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, up, 'package.json'), 'utf8'));
        if (pkg.name === 'cdk8s-chaos-mesh') {
          version = String(pkg.version);
          break;
        }
      } catch {
        // not at this level
      }
    }
  }
  return version;
}
