import { readFileSync } from 'fs';
import * as path from 'path';

/**
 * Exit codes of probe.sh, as the Job's pod reports them (`kubectl get pod -o
 * jsonpath='{.status.containerStatuses[0].state.terminated.exitCode}'`).
 */
export enum ProbeExitCode {
  /** Every threshold held. */
  OK = 0,
  /** A threshold was missed: the steady state broke (the `# threshold missed:` lines say which). */
  THRESHOLD_MISSED = 1,
  /** Unusable configuration (bad environment variable) or a missing tool in the image. */
  CONFIGURATION = 2,
  /** SIGTERM/SIGINT before the run time ended (e.g. activeDeadlineSeconds); the summary covers the probes so far. */
  INTERRUPTED = 3,
}

/** The environment variables probe.sh reads (see the header of probe.sh). */
export enum ProbeEnv {
  URL = 'PROBE_URL',
  METHOD = 'PROBE_METHOD',
  CA_FILE = 'PROBE_CA_FILE',
  ACCEPT = 'PROBE_ACCEPT',
  INTERVAL = 'PROBE_INTERVAL',
  TIMEOUT = 'PROBE_TIMEOUT',
  RUN_TIME = 'PROBE_RUN_TIME',
  PHASES = 'PROBE_PHASES',
  MIN_AVAILABILITY = 'PROBE_MIN_AVAILABILITY',
  MAX_P99_MS = 'PROBE_MAX_P99_MS',
  MAX_UNREACHABLE_MS = 'PROBE_MAX_UNREACHABLE_MS',
  LOG_FILE = 'PROBE_LOG_FILE',
  CLOCK = 'PROBE_CLOCK',
}

/** Where probe.sh lives: next to this module, in lib/ and in the built package alike (the build copies lib/**\/*.sh). */
export const PROBE_SCRIPT_PATH = path.join(__dirname, 'probe.sh');

let probeScriptText: string | undefined;

/**
 * The probe script's text, byte for byte as lib/probe/probe.sh: the ConfigMap mounts exactly
 * the file that the tests run with a real sh, curl and awk.
 */
export function probeScript(): string {
  // read once per process, not once per probe: the package's files do not change while it runs
  probeScriptText ??= readFileSync(PROBE_SCRIPT_PATH, 'utf8');
  return probeScriptText;
}
