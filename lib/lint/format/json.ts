import { LintResult, LintSummary } from '../lint';
import { escapeJsonText } from './_escape';
import { reportedFindings, reportedSummary } from './_input-findings';

/** One finding of the JSON report (DESIGN.md, "CLI contract"). */
export interface LintJsonFinding {
  readonly rule: string;
  readonly severity: 'error' | 'warning';
  readonly acknowledged: boolean;
  readonly file: string;
  readonly line: number;
  readonly object: string;
  readonly path: string;
  readonly message: string;
  readonly fix: string;
  /** Only on acknowledged findings, after the contract's keys: the acknowledgement's reason. */
  readonly ackReason?: string;
}

/** The JSON report `lint --format json` prints (DESIGN.md, "CLI contract"). */
export interface LintJsonReport {
  readonly version: 1;
  readonly summary: LintSummary;
  readonly findings: readonly LintJsonFinding[];
}

/**
 * The report as data, keys in the contract's order, findings in the result's (stable) order;
 * with unusable input (exit 2), the input errors as findings of rule `input`.
 */
export function toLintJson(result: LintResult): LintJsonReport {
  const { files, objects, errors, warnings, acknowledged } = reportedSummary(result);
  return {
    version: 1,
    summary: { files, objects, errors, warnings, acknowledged },
    findings: reportedFindings(result).map((f) => ({
      rule: f.rule,
      severity: f.severity,
      acknowledged: f.acknowledged === true,
      file: f.file,
      line: f.line,
      object: f.object,
      path: f.path,
      message: f.message,
      fix: f.fix,
      ...(f.acknowledged ? { ackReason: f.ackReason ?? '' } : {}),
    })),
  };
}

/** The JSON report as text: one document, two-space indented, ending with a newline. */
export function formatJson(result: LintResult): string {
  return `${escapeJsonText(JSON.stringify(toLintJson(result), null, 2))}\n`;
}
