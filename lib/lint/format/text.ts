import { InputError } from '../loader';
import { LintResult, LocatedFinding } from '../lint';
import { escapeForTerminal as esc } from './_escape';

/** Options of `formatText`. */
export interface TextFormatProps {
  /**
   * ANSI colours (the CLI turns them on for a terminal without NO_COLOR).
   * @default false
   */
  readonly color?: boolean;
}

const ANSI = { red: '\u001b[31m', yellow: '\u001b[33m', cyan: '\u001b[36m', dim: '\u001b[2m', bold: '\u001b[1m', reset: '\u001b[0m' };

/**
 * The text report: findings grouped by file, one line each
 * (`file:line  severity  rule  object  path  message (fix: ...)`), acknowledged findings marked
 * with their reason, and a summary line. Text from the input (file names, object names, quoted
 * values) has its control characters escaped, so a manifest cannot drive the reader's terminal.
 */
export function formatText(result: LintResult, props: TextFormatProps = {}): string {
  const paint = (code: keyof typeof ANSI, text: string) => (props.color ? `${ANSI[code]}${text}${ANSI.reset}` : text);
  const lines: string[] = [];
  let current: string | undefined;
  for (const f of result.findings) {
    const file = f.file || '(no file)';
    if (file !== current) {
      if (current !== undefined) lines.push('');
      lines.push(paint('bold', esc(file)));
      current = file;
    }
    lines.push(`  ${formatLine(f, paint)}`);
  }
  if (lines.length > 0) lines.push('');
  lines.push(summaryLine(result));
  return `${lines.join('\n')}\n`;
}

function formatLine(f: LocatedFinding, paint: (code: keyof typeof ANSI, text: string) => string): string {
  const where = f.file ? `${esc(f.file)}:${f.line}` : '-';
  const severity = f.acknowledged ? paint('dim', `${f.severity} (acknowledged)`) : paint(f.severity === 'error' ? 'red' : 'yellow', f.severity);
  const text = `${esc(f.message)} (fix: ${esc(f.fix)})`;
  const ack = f.acknowledged ? ` [acknowledged: ${esc(f.ackReason ?? 'no reason given')}]` : '';
  return [where, severity, paint('cyan', esc(f.rule)), esc(f.object), esc(f.path) || '-', `${text}${ack}`].join('  ');
}

function summaryLine(result: LintResult): string {
  const s = result.summary;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(s.files, 'file')}, ${plural(s.objects, 'object')}: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.acknowledged} acknowledged`;
}

/** Input errors for stderr: one `file:line:column: message` line each, then what that means. */
export function formatInputErrors(errors: readonly InputError[]): string {
  const lines = errors.map((e) => {
    const file = esc(e.file);
    const where = e.line !== undefined ? `${file}:${e.line}${e.column !== undefined ? `:${e.column}` : ''}` : file;
    return `${where}: ${esc(e.message)}`;
  });
  const n = errors.length;
  lines.push(`lint: ${n} input error${n === 1 ? '' : 's'}; nothing was checked. Fix the input and run lint again.`);
  return `${lines.join('\n')}\n`;
}
