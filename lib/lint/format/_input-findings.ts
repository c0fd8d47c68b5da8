import { InputError } from '../loader';
import { LintResult, LocatedFinding } from '../lint';

/**
 * What the JSON and SARIF reports list: the findings, or, when the input was unusable (exit 2),
 * one finding of rule `input` per input error, with its file and line. A JSON or SARIF consumer
 * gets a document on every run, whatever happened (DESIGN.md, CLI contract).
 */
export function reportedFindings(result: LintResult): readonly LocatedFinding[] {
  return result.exitCode === 2 ? result.inputErrors.map(inputErrorFinding) : result.findings;
}

/** The summary that goes with {@link reportedFindings}: input errors count as errors. */
export function reportedSummary(result: LintResult): LintResult['summary'] {
  return result.exitCode === 2 ? { ...result.summary, errors: result.inputErrors.length, warnings: 0, acknowledged: 0 } : result.summary;
}

/** An input error as a finding (`line` 0 when the whole file is unusable). */
export function inputErrorFinding(error: InputError): LocatedFinding {
  return {
    rule: 'input',
    severity: 'error',
    object: '',
    path: '',
    message: error.message,
    fix: 'Fix the input and run lint again: nothing was checked.',
    file: error.file,
    line: error.line ?? 0,
  };
}

/** A result that checked nothing because of `errors` (unusable files, or lint's own installation). */
export function unusableInput(errors: readonly InputError[]): LintResult {
  return {
    files: [],
    findings: [],
    inputErrors: errors,
    summary: { files: 0, objects: 0, errors: 0, warnings: 0, acknowledged: 0 },
    exitCode: 2,
  };
}
