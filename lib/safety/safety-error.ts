import { ackAnnotation } from './annotations';
import { Finding } from './finding';
import { formatFinding, LocateFn } from './format';

/**
 * Thrown by synth when an error finding is not acknowledged. Its message is the whole report a
 * newcomer needs: every blocking finding with rule ID, object, construct path, field and fix.
 */
export class SafetyError extends Error {
  /** Every finding of the check (warnings and acknowledged ones too). */
  public readonly findings: readonly Finding[];
  /** The findings that block: errors not acknowledged. */
  public readonly errors: readonly Finding[];

  constructor(findings: readonly Finding[], locate?: LocateFn) {
    const errors = findings.filter((f) => f.severity === 'error' && !f.acknowledged);
    const others = findings.length - errors.length;
    super([
      `Safety check failed with ${errors.length} error finding${errors.length === 1 ? '' : 's'}. `
        + `Fix each one, or acknowledge it on the object with ${ackAnnotation('<RULE-ID>')}: "<reason of at least 10 characters>" `
        + '(see RULES.md).',
      ...errors.map((f) => formatFinding(f, locate)),
      ...(others > 0 ? [`(${others} warning or acknowledged finding${others === 1 ? '' : 's'} not shown)`] : []),
    ].join('\n\n'));
    this.name = 'SafetyError';
    this.findings = findings;
    this.errors = errors;
  }
}
