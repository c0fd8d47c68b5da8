#!/usr/bin/env node
/**
 * The `cdk8s-chaos-mesh` command. Sub-commands are loaded on demand so that `report`
 * does not pay for compiling the CRD schemas that `lint` needs.
 */
import { ownPackage } from './_package';

export interface CommandIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly isTTY: boolean;
}

const USAGE = `Usage: cdk8s-chaos-mesh <command> [options]

Commands:
  init [DIR] [--example NAME]
        Create a chaos repository in DIR (default: the current directory, which must be
        empty): package.json, cdk8s.yaml, main.ts, tsconfig.json, ci.sh. Never overwrites.
  lint [--format text|json|sarif] [--strict] [--values FILE]... PATH...
        Check Kubernetes/Chaos Mesh manifests the way the API server, the Chaos Mesh
        2.8.2 admission webhook and the safety rules (RULES.md) would.
        Exit 0: no errors; 1: errors found; 2: unusable input or arguments.
  report LOG... [--format md|json] [--svg FILE] [--phase NAME=LOG]...
        Turn availability-probe logs into availability and latency tables.
  abort EXPERIMENT [--namespace N] [--dry-run]
        Stop a running experiment now: pause its chaos, then delete its Workflow (kubectl).
        Exit 0: stopped; 1: nothing matched; 2: bad arguments or a failing kubectl.

Options:
  --help       Show this help (also: <command> --help)
  --version    Print the version
`;

/** Runs the command line and returns the process exit code. */
export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'init':
      return (await import('./init-command')).runInit(rest, io);
    case 'lint':
      return (await import('./lint-command')).runLint(rest, io);
    case 'report':
      return (await import('./report-command')).runReport(rest, io);
    case 'abort':
      return (await import('./abort-command')).runAbort(rest, io);
    case '--version':
    case '-v':
      io.stdout(`${packageVersion()}\n`);
      return 0;
    case '--help':
    case '-h':
    case 'help':
      io.stdout(USAGE);
      return 0;
    case undefined:
      // A script that forgot its command must not pass as a successful run.
      io.stderr(`cdk8s-chaos-mesh: no command given. Commands: init, lint, report, abort.\n\n${USAGE}`);
      return 2;
    default:
      io.stderr(`cdk8s-chaos-mesh: unknown command ${JSON.stringify(command)}. Commands: init, lint, report, abort.\n\n${USAGE}`);
      return 2;
  }
}

function packageVersion(): string {
  try {
    return ownPackage().version;
  } catch {
    return 'unknown';
  }
}

/**
 * The bin: real stdout/stderr, exit code through `process.exitCode`. A reader that stops early
 * (`lint dist | head -1`) closes stdout, and the next write fails with EPIPE: that is the
 * reader's choice, not an error, so the rest of the output is dropped and the exit code is
 * still the command's. No error on this path ever reaches the user as a stack trace.
 */
function runBin(): void {
  let stdoutOpen = true;
  let stderrOpen = true;
  let failure: number | undefined;
  const say = (text: string) => {
    if (!stderrOpen) return;
    try {
      process.stderr.write(text);
    } catch {
      stderrOpen = false;
    }
  };
  const internalError = (err: unknown) => {
    // A bug, not a user error: say so briefly and where to report, never a raw stack.
    const message = err instanceof Error ? err.message : String(err);
    say(`cdk8s-chaos-mesh: internal error: ${message.split('\n')[0]}\nPlease report this with the command you ran.\n`);
    process.exitCode = 2;
  };
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (!stdoutOpen) return;
    stdoutOpen = false;
    if (err.code === 'EPIPE') return;
    // Output lost for another reason (disk full, I/O error): the result is incomplete, so fail.
    say(`cdk8s-chaos-mesh: cannot write the output: ${err.code ?? err.message}\n`);
    failure = 2;
    process.exitCode = 2;
  });
  process.stderr.on('error', () => {
    stderrOpen = false;
  });
  process.on('uncaughtException', (err) => {
    internalError(err);
    process.exit(2);
  });
  main(process.argv.slice(2), {
    stdout: (text) => {
      if (stdoutOpen) process.stdout.write(text);
    },
    stderr: say,
    isTTY: Boolean(process.stdout.isTTY),
  }).then(
    (code) => { process.exitCode = failure ?? code; },
    internalError,
  );
}

if (require.main === module) runBin();
