import { unusableInput } from '../lint/format/_input-findings';
import { formatJson } from '../lint/format/json';
import { formatSarif } from '../lint/format/sarif';
import { formatInputErrors, formatText } from '../lint/format/text';
import { LintResult, lintPaths } from '../lint/lint';
import { SchemaLoadError } from '../lint/schema/core-schema';
import { ruleIdRange } from '../safety/_rule-ids';

/** Where the command writes, and whether stdout is a terminal (for colours). */
export interface LintIO {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly isTTY: boolean;
}

/** Output formats of `lint --format`. */
export enum LintFormat {
  TEXT = 'text',
  JSON = 'json',
  SARIF = 'sarif',
}

export const LINT_USAGE = `Usage: cdk8s-chaos-mesh lint [--format text|json|sarif] [--strict] [--values FILE]... PATH...

Checks Kubernetes and Chaos Mesh manifests the way the cluster and the safety rules would:
  schema     CRD openAPI schemas of Chaos Mesh 2.8.2 and Kubernetes schemas of core kinds
             (unknown fields are errors, as with kubectl apply --validate=strict), object names
  admission  what the Chaos Mesh 2.8.2 admission webhook refuses
  ${ruleIdRange()}  the safety rules (RULES.md), across all inputs at once
  chart values keys the chaos-mesh chart does not read (Application helm.values/valuesObject,
             k3s HelmChart valuesContent, --values files, and files without kind whose
             first comment line is "# cdk8s-chaos-mesh.io/chart-values: chaos-mesh" (as the
             generated dist/helm-values/*.values.yaml are)

Arguments:
  PATH              a YAML file, or a directory read recursively for *.yaml and *.yml
                    (node_modules and dot-directories are not entered)
Options:
  --format FORMAT   text (default), json, or sarif (SARIF 2.1.0 for PR annotations)
  --strict          warnings count as errors
  --values FILE     a hand-written values file for the chaos-mesh chart, without the
                    marker comment (repeatable)
  -h, --help        show this help

Exit status: 0 no errors; 1 errors found; 2 unusable input or arguments (nothing checked).
With --format json|sarif, input errors are findings of rule "input" (file, line) in the
document on stdout, even on exit 2.
`;

interface ParsedArgs {
  readonly paths: string[];
  readonly valuesFiles: string[];
  readonly format: LintFormat;
  readonly strict: boolean;
  readonly help: boolean;
}

/** Parses the arguments after `lint`; a string is a usage error to report. */
export function parseLintArgs(argv: readonly string[]): ParsedArgs | string {
  const paths: string[] = [];
  const valuesFiles: string[] = [];
  let format = LintFormat.TEXT;
  let strict = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('-')) return undefined;
      i++;
      return next;
    };
    switch (name) {
      case '-h':
      case '--help':
        help = true;
        break;
      case '--strict':
        if (inline !== undefined) return `--strict takes no value (found "${arg}").`;
        strict = true;
        break;
      case '--format': {
        const v = value();
        if (v === undefined) return '--format needs a value: text, json or sarif.';
        if (!(Object.values(LintFormat) as string[]).includes(v)) return `unknown format "${v}": use text, json or sarif.`;
        format = v as LintFormat;
        break;
      }
      case '--values': {
        const v = value();
        if (v === undefined || v === '') return '--values needs a file name.';
        valuesFiles.push(v);
        break;
      }
      default:
        if (arg === '-') return 'reading manifests from standard input ("-") is not supported: name files or directories (e.g. write the output to a file first).';
        if (arg.startsWith('-')) return `unknown option "${arg}".`;
        paths.push(arg);
    }
  }
  if (!help && paths.length === 0 && valuesFiles.length === 0) return 'no PATH given: name at least one file or directory to lint.';
  return { paths, valuesFiles, format, strict, help };
}

/**
 * `cdk8s-chaos-mesh lint`: lints files and directories and returns the exit code (0 no errors,
 * 1 errors, 2 unusable input or arguments). `argv` is what follows `lint` on the command line.
 */
export async function runLint(argv: string[], io: LintIO): Promise<number> {
  const args = parseLintArgs(argv);
  if (typeof args === 'string') {
    io.stderr(`cdk8s-chaos-mesh lint: ${args}\n\n${LINT_USAGE}`);
    const format = requestedFormat(argv);
    if (format !== LintFormat.TEXT) io.stdout(render(unusableInput([{ file: '(arguments)', message: args }]), format, false));
    return 2;
  }
  if (args.help) {
    io.stdout(LINT_USAGE);
    return 0;
  }
  let result: LintResult;
  try {
    result = lintPaths(args.paths, { valuesFiles: args.valuesFiles, strict: args.strict });
  } catch (err) {
    if (!(err instanceof SchemaLoadError)) throw err;
    // A tool that cannot check must not read as "checked, clean".
    const what = 'Nothing was checked: this is a problem of the cdk8s-chaos-mesh installation or of the Node.js runtime, not of the manifests. Reinstall the dependencies (npm ci), use a supported Node.js version, and run lint again.';
    io.stderr(`cdk8s-chaos-mesh lint: ${err.message}.\n${what}\n`);
    if (args.format !== LintFormat.TEXT) io.stdout(render(unusableInput([{ file: '', message: `${err.message}. ${what}` }]), args.format, false));
    return 2;
  }
  if (result.exitCode === 2) {
    // People read why on stderr; a JSON or SARIF consumer gets the same errors in its document.
    io.stderr(formatInputErrors(result.inputErrors));
    if (args.format === LintFormat.TEXT) return 2;
  }
  io.stdout(render(result, args.format, io.isTTY && !process.env.NO_COLOR));
  return result.exitCode;
}

function render(result: LintResult, format: LintFormat, color: boolean): string {
  switch (format) {
    case LintFormat.JSON:
      return formatJson(result);
    case LintFormat.SARIF:
      return formatSarif(result);
    default:
      return formatText(result, { color });
  }
}

/** The format the arguments ask for, read leniently for arguments that are otherwise unusable. */
function requestedFormat(argv: readonly string[]): LintFormat {
  let format = LintFormat.TEXT;
  argv.forEach((arg, i) => {
    const value = arg.startsWith('--format=') ? arg.slice('--format='.length) : arg === '--format' ? argv[i + 1] : undefined;
    if (value === LintFormat.JSON || value === LintFormat.SARIF) format = value;
  });
  return format;
}
