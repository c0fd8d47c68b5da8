/**
 * `cdk8s-chaos-mesh report LOG... [--format md|json] [--svg FILE] [--phase NAME=LOG]...
 *  [--window NAME=START..END]... [--accept CODES] [--skip-malformed]`
 *
 * Exit 0: report printed. Exit 2: unusable arguments or input (unreadable file, malformed
 * line: the message names the file and line). Never a stack trace. Logs are read as streams, one
 * line at a time, so memory holds the statistics, not the log.
 */
import { createReadStream, writeFileSync } from 'fs';
import { escapeForTerminal as esc } from '../lint/format/_escape';
import { readLogLines } from '../report/_log-lines';
import { StatusCodeError, StatusCodeSet } from '../report/accepted-status';
import { renderMarkdown } from '../report/markdown';
import { parseWindow, PhaseArgumentError, TimeWindow } from '../report/phases';
import { readProbeLine } from '../report/probe-log';
import { PhaseSource, reportToJson } from '../report/report';
import { ReportBuilder } from '../report/report-builder';
import { renderSvg } from '../report/svg';

export interface ReportIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const REPORT_USAGE = `Usage: cdk8s-chaos-mesh report LOG... [options]
       cdk8s-chaos-mesh report --phase NAME=LOG --phase NAME=LOG... [options]

Reads availability-probe logs (LOG "-" is standard input) (one line per probe: <unix-seconds> <curl-exit> [<http-code>
<time_total>], with the probe Job's PHASE and SUMMARY lines and the RFC 3339 prefix of
\`kubectl logs --timestamps\`) and prints availability and latency tables.

Options:
  --format md|json         Markdown tables (default) or one JSON document
  --svg FILE               also write an SVG timeline to FILE
  --phase NAME=LOG         one log per phase, in order (instead of LOG...)
  --window NAME=START..END a phase as a time window over the log, [START, END); START/END are
                           seconds after the first probe (60, 90.5), @<unix-seconds>, an
                           RFC 3339 time, or empty for open. Put bounds between ticks:
                           --window before=..59.5 --window during=59.5..239.5
                           --window after=239.5..
  --accept CODES           status codes that count as OK (default 200-399; e.g. 200,204,300-308)
  --skip-malformed         report on the readable lines and warn about the others
                           (default: malformed lines are an error, exit 2)
  --help                   show this help

Without --phase or --window, phases come from the PHASE lines in the log, if any.
Exit 0: report printed; 2: unusable arguments or input.
`;

/** Malformed lines quoted one by one; past this they are only counted (a binary file has millions). */
const MAX_PROBLEMS_SHOWN = 100;

class UsageError extends Error {}

interface ReportArgs {
  readonly logs: string[];
  readonly phases: Array<{ name: string; file: string }>;
  readonly windows: TimeWindow[];
  format: 'md' | 'json';
  svg?: string;
  accept: StatusCodeSet;
  skipMalformed: boolean;
  help: boolean;
}

function parseArgs(argv: readonly string[]): ReportArgs {
  const args: ReportArgs = { logs: [], phases: [], windows: [], format: 'md', accept: StatusCodeSet.DEFAULT, skipMalformed: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let inline: string | undefined;
    if (arg.startsWith('--') && arg.includes('=')) {
      inline = arg.slice(arg.indexOf('=') + 1);
      arg = arg.slice(0, arg.indexOf('='));
    }
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      i++;
      return next;
    };
    switch (arg) {
      case '--help':
      case '-h':
        args.help = true;
        break;
      case '--format': {
        const v = value();
        if (v !== 'md' && v !== 'json') throw new UsageError(`--format "${v}" is not one of: md, json`);
        args.format = v;
        break;
      }
      case '--svg':
        args.svg = value();
        break;
      case '--accept':
        args.accept = StatusCodeSet.parse(value(), '--accept');
        break;
      case '--skip-malformed':
        args.skipMalformed = true;
        break;
      case '--phase': {
        const v = value();
        const eq = v.indexOf('=');
        const name = eq < 0 ? '' : v.slice(0, eq);
        const file = eq < 0 ? '' : v.slice(eq + 1);
        if (!/^[A-Za-z0-9._-]+$/.test(name) || file === '') {
          throw new UsageError(`--phase "${v}" is not NAME=LOG (for example --phase before=before.log); `
            + 'the name may only hold letters, digits, ".", "_" and "-"');
        }
        args.phases.push({ name, file });
        break;
      }
      case '--window':
        args.windows.push(parseWindow(value()));
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option "${argv[i]}"`);
        args.logs.push(arg);
    }
  }
  return args;
}

/** Runs `report`; returns the exit code. */
export async function runReport(argv: string[], io: ReportIO): Promise<number> {
  let args: ReportArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError || err instanceof StatusCodeError || err instanceof PhaseArgumentError) {
      io.stderr(`cdk8s-chaos-mesh report: ${err.message}\nRun "cdk8s-chaos-mesh report --help" for usage.\n`);
      return 2;
    }
    throw err;
  }
  if (args.help) {
    io.stdout(REPORT_USAGE);
    return 0;
  }
  const usage = (message: string): number => {
    io.stderr(`cdk8s-chaos-mesh report: ${message}\nRun "cdk8s-chaos-mesh report --help" for usage.\n`);
    return 2;
  };
  if (args.phases.length > 0 && args.logs.length > 0) {
    return usage(`give the logs either as LOG arguments or as --phase NAME=LOG, not both (got ${args.logs.map((l) => `"${l}"`).join(', ')} and --phase)`);
  }
  if (args.phases.length > 0 && args.windows.length > 0) return usage('--phase and --window cannot be combined: choose files or time windows as phases');
  const files = args.phases.length > 0 ? args.phases.map((p) => p.file) : args.logs;
  if (files.length === 0) return usage('no log given');

  const phases: PhaseSource = args.phases.length > 0
    ? { kind: 'files', names: args.phases.map((p) => p.name) }
    : args.windows.length > 0 ? { kind: 'windows', windows: args.windows } : { kind: 'markers' };
  const builder = new ReportBuilder({ phases, accept: args.accept, timeline: args.svg !== undefined });
  let problems = 0;
  const problem = (file: string, line: number, message: string, text: string): void => {
    problems++;
    if (problems <= MAX_PROBLEMS_SHOWN) {
      io.stderr(`${args.skipMalformed ? 'warning: ' : ''}${esc(file)}:${line}: ${esc(message)}: "${esc(text)}"${args.skipMalformed ? ' (line skipped)' : ''}\n`);
    }
  };
  for (const file of files) {
    const name = file === '-' ? '<stdin>' : file;
    builder.beginLog(name);
    let probes = 0;
    const onLine = (raw: string, line: number): void => {
      const read = readProbeLine(raw);
      switch (read.kind) {
        case 'sample':
          probes++;
          builder.sample(read.timeUs, read.curlExit, read.httpCode, read.latencyUs);
          break;
        case 'phase': {
          const refused = builder.phaseMarker(read.name, read.timeUs);
          if (refused !== undefined) problem(name, line, refused, raw);
          break;
        }
        case 'summary': {
          // The probe Job writes its SUMMARY after its last probe: it counts the lines above it.
          const claimed = read.value.probes;
          if (typeof claimed === 'number' && claimed !== probes) {
            io.stderr(`warning: ${esc(name)}:${line}: SUMMARY counts ${claimed} probes but the log holds ${probes} probe lines before it `
              + '(truncated log, e.g. kubectl logs --tail?)\n');
          }
          break;
        }
        case 'problem':
          problem(name, line, read.message, read.text);
          break;
      }
    };
    try {
      // `-` reads standard input: kubectl logs --timestamps job/probe | cdk8s-chaos-mesh report -
      await readLogLines(file === '-' ? process.stdin : createReadStream(file), onLine);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
      io.stderr(`cdk8s-chaos-mesh report: cannot read "${esc(file)}": ${esc(why)}\n`);
      return 2;
    }
    if (probes === 0) io.stderr(`warning: ${esc(name)}: no probe lines\n`);
  }
  if (problems > MAX_PROBLEMS_SHOWN) io.stderr(`... and ${problems - MAX_PROBLEMS_SHOWN} more malformed lines\n`);
  if (problems > 0 && !args.skipMalformed) {
    io.stderr(`cdk8s-chaos-mesh report: ${problems} malformed line${problems === 1 ? '' : 's'}; nothing reported. `
      + 'Fix the log or pass --skip-malformed to report on the other lines.\n');
    return 2;
  }
  const report = builder.finish();

  if (args.svg !== undefined) {
    try {
      writeFileSync(args.svg, renderSvg(report));
    } catch (err) {
      io.stderr(`cdk8s-chaos-mesh report: cannot write the SVG to "${args.svg}": ${(err as Error).message}\n`);
      return 2;
    }
  }
  io.stdout(args.format === 'json' ? `${JSON.stringify(reportToJson(report), null, 2)}\n` : renderMarkdown(report));
  return 0;
}
