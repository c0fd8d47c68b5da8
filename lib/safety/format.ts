import { KubeObject } from '../kube-object';
import { Finding } from './finding';

/** Gives the construct path (or file:line) of an object, when the caller knows it. */
export type LocateFn = (obj: KubeObject) => string | undefined;

/** Counts of a finding list, as every report shows them. */
export interface FindingSummary {
  readonly errors: number;
  readonly warnings: number;
  readonly acknowledged: number;
}

/** Errors and warnings that are not acknowledged, and acknowledged findings of either severity. */
export function summarizeFindings(findings: readonly Finding[]): FindingSummary {
  return {
    errors: findings.filter((f) => f.severity === 'error' && !f.acknowledged).length,
    warnings: findings.filter((f) => f.severity === 'warning' && !f.acknowledged).length,
    acknowledged: findings.filter((f) => f.acknowledged).length,
  };
}

/** True when the findings must fail synth or lint: an error that is not acknowledged. */
export function hasBlockingFindings(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error' && !f.acknowledged);
}

/** One finding as a few readable lines (rule, object, construct path, field, message, fix). */
export function formatFinding(f: Finding, locate?: LocateFn): string {
  const where = f.source && locate ? locate(f.source) : undefined;
  const head = `${f.acknowledged ? `acknowledged ${f.severity}` : f.severity} ${f.rule} ${f.object}`
    + (where ? ` (construct ${where})` : '');
  const lines = [head];
  if (f.path) lines.push(`  field: ${f.path}`);
  lines.push(`  ${f.message}`);
  lines.push(`  fix: ${f.fix}`);
  if (f.acknowledged) lines.push(`  acknowledged because: ${f.ackReason}`);
  return lines.join('\n');
}

/** Text report of findings in the given order, ending with the counts. */
export function formatFindings(findings: readonly Finding[], locate?: LocateFn): string {
  const s = summarizeFindings(findings);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const summary = `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.acknowledged} acknowledged`;
  return [...findings.map((f) => formatFinding(f, locate)), summary].join('\n\n');
}
