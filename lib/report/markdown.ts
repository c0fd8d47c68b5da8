import { formatMs, formatMultipleE2, formatPercentE4, formatSpan, formatUtc } from './_format';
import { gameDayPhases } from './_gameday-phases';
import { ProbeReport } from './report';

export interface MarkdownOptions {
  /**
   * Heading of the report.
   * @default 'Probe report'
   */
  readonly title?: string;
  /**
   * Level of the title heading (the phase heading is one deeper), for embedding in a document.
   * @default 1
   */
  readonly headingLevel?: number;
}

/**
 * The report as Markdown for a PR or a post-mortem, with the reference's two tables: the
 * availability/latency metrics and, with phases, mean latency per phase and its multiple of
 * the first phase ("26 ms → 299 ms → 25 ms, ~11×").
 */
export function renderMarkdown(report: ProbeReport, options: MarkdownOptions = {}): string {
  const o = report.overall;
  const level = Math.min(Math.max(options.headingLevel ?? 1, 1), 5);
  const out: string[] = [`${'#'.repeat(level)} ${options.title ?? 'Probe report'}`, ''];
  const files = report.files.map((f) => `\`${f}\``).join(', ');
  if (report.firstUs !== undefined && report.lastUs !== undefined) {
    const first = report.firstUs;
    const last = report.lastUs;
    out.push(`${report.files.length === 1 ? 'Log' : 'Logs'}: ${files}: ${o.probes} probes from ${formatUtc(first)} `
      + `to ${formatUtc(last)} (${formatSpan(last - first)}). `
      + `OK means curl exit 0 and an HTTP status in ${report.accept.text}.`, '');
  } else {
    out.push(`${report.files.length === 1 ? 'Log' : 'Logs'}: ${files}: no probes.`, '');
  }

  out.push(
    '| Metric | Value |',
    '|---|---|',
    `| Probes | ${o.probes} |`,
    `| OK responses (HTTP ${report.accept.text}) | ${o.ok} |`,
    `| Failures (other status, timeout, connection refused) | ${o.failed} |`,
    `| Availability | ${formatPercentE4(o.availabilityE4)} |`,
    `| Maximum unreachable duration | ${o.maxUnreachableUs === 0 ? '0 ms' : formatMs(o.maxUnreachableUs)} |`,
    `| Latency p50 | ${formatMs(o.latency?.p50Us)} |`,
    `| Latency p99 | ${formatMs(o.latency?.p99Us)} |`,
    `| Latency max | ${formatMs(o.latency?.maxUs)} |`,
    `| Latency mean | ${formatMs(o.latency?.meanUs)} |`,
    '',
  );

  if (report.failureCauses.length > 0) {
    out.push('| Failure cause | Probes |', '|---|---|', ...report.failureCauses.map((c) => `| ${c.cause} | ${c.probes} |`), '');
  }

  const steps = gameDayPhases(report.phases.map((p) => p.name));
  if (steps) {
    // A GameDay: every step's full numbers, each mean against the baseline (the first phase).
    out.push(
      `${'#'.repeat(level + 1)} GameDay steps`,
      '',
      '| Step | Phase | Probes | Availability | Max unreachable | p50 | p99 | Max | Mean | Multiple of baseline |',
      '|---|---|---|---|---|---|---|---|---|---|',
      ...report.phases.map((p, i) => {
        const s = p.statistics;
        return `| ${steps[i].label} | ${steps[i].what} | ${s.probes} | ${formatPercentE4(s.availabilityE4)} `
          + `| ${s.maxUnreachableUs === 0 ? '0 ms' : formatMs(s.maxUnreachableUs)} | ${formatMs(s.latency?.p50Us)} | ${formatMs(s.latency?.p99Us)} `
          + `| ${formatMs(s.latency?.maxUs)} | ${formatMs(s.latency?.meanUs)} | ${formatMultipleE2(p.multipleE2)} |`;
      }),
      '',
    );
  } else if (report.phases.length > 0) {
    out.push(
      `${'#'.repeat(level + 1)} Phases`,
      '',
      `| Phase | Probes | Availability | Mean latency | Multiple of ${report.phases[0].name} |`,
      '|---|---|---|---|---|',
      ...report.phases.map((p) => `| ${p.name} | ${p.statistics.probes} | ${formatPercentE4(p.statistics.availabilityE4)} `
        + `| ${formatMs(p.statistics.latency?.meanUs)} | ${formatMultipleE2(p.multipleE2)} |`),
      '',
    );
  }
  return out.join('\n');
}
