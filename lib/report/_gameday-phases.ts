/**
 * The phase names of a GameDay run, written once for the probe that emits them and the report
 * that reads them: `baseline`, then `step-<N>-<name>` for every step in order, then `recovery`.
 */
export const BASELINE_PHASE = 'baseline';
export const RECOVERY_PHASE = 'recovery';
const STEP_PHASE = /^step-([1-9][0-9]*)-([a-z0-9]([-a-z0-9]*[a-z0-9])?)$/;

/** The phase name of step `index` (1-based) named `name`, e.g. `step-1-pod-kill`. */
export function stepPhaseName(index: number, name: string): string {
  const phase = `step-${index}-${name}`;
  if (!Number.isInteger(index) || index < 1 || !STEP_PHASE.test(phase)) {
    throw new RangeError(`stepPhaseName: step ${index} "${name}" gives no valid phase name (index from 1; name: lowercase letters, digits and "-")`);
  }
  return phase;
}

/** One phase of a GameDay, as the report labels it. */
export interface GameDayPhase {
  /** `baseline`, `step 1`, ..., `recovery`. */
  readonly label: string;
  /** What ran: the step's name (`pod-kill`), or the phase name for baseline and recovery. */
  readonly what: string;
}

/**
 * The GameDay reading of a run's phase names, or undefined when they are not one: `baseline`
 * first, `recovery` last, and between them steps numbered 1, 2, ... in order (at least one).
 */
export function gameDayPhases(names: readonly string[]): GameDayPhase[] | undefined {
  if (names.length < 3 || names[0] !== BASELINE_PHASE || names[names.length - 1] !== RECOVERY_PHASE) return undefined;
  const steps: GameDayPhase[] = [];
  for (const [i, name] of names.slice(1, -1).entries()) {
    const m = STEP_PHASE.exec(name);
    if (!m || Number(m[1]) !== i + 1) return undefined;
    steps.push({ label: `step ${i + 1}`, what: m[2] });
  }
  return [{ label: BASELINE_PHASE, what: BASELINE_PHASE }, ...steps, { label: RECOVERY_PHASE, what: RECOVERY_PHASE }];
}
