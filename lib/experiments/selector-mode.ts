import { SELECTOR_PERCENT } from '../lint/admission/_common';

/**
 * How many of the selected pods an experiment hits (`spec.mode` of every Chaos Mesh chaos kind).
 *
 * @see https://chaos-mesh.org/docs/define-chaos-experiment-scope/
 */
export enum SelectorModeType {
  /** One random pod. */
  ONE = 'one',
  /** Every selected pod. */
  ALL = 'all',
  /** A fixed number of pods (`value` is the count). */
  FIXED = 'fixed',
  /** A fixed percentage of the pods (`value` is the percentage). */
  FIXED_PERCENT = 'fixed-percent',
  /** Up to a percentage of the pods, chosen at random (`value` is the maximum percentage). */
  RANDOM_MAX_PERCENT = 'random-max-percent',
}

/**
 * A selector mode together with its value, so a mode can never lose or misread its value:
 * `SelectorMode.ONE`, `SelectorMode.ALL`, `SelectorMode.fixed(1)`, `SelectorMode.fixedPercent(50)`,
 * `SelectorMode.randomMaxPercent(30)`. Values are checked as Chaos Mesh 2.8.2's webhook checks
 * them (integers; a count > 0; a percentage in (0, 100]).
 */
export class SelectorMode {
  /** One random pod of the selection. */
  public static readonly ONE = new SelectorMode(SelectorModeType.ONE);
  /** Every pod of the selection. */
  public static readonly ALL = new SelectorMode(SelectorModeType.ALL);

  /** Exactly `count` pods (an integer >= 1). */
  public static fixed(count: number): SelectorMode {
    if (!Number.isInteger(count) || count < 1) {
      throw new Error(`SelectorMode.fixed(${JSON.stringify(count)}): mode value must be an integer >= 1 (the number of pods).`);
    }
    return new SelectorMode(SelectorModeType.FIXED, count);
  }

  /** `percent` % of the pods (an integer in (0, 100]). */
  public static fixedPercent(percent: number): SelectorMode {
    return new SelectorMode(SelectorModeType.FIXED_PERCENT, SelectorMode.percent('fixedPercent', percent));
  }

  /** Up to `percent` % of the pods, chosen at random (an integer in (0, 100]). */
  public static randomMaxPercent(percent: number): SelectorMode {
    return new SelectorMode(SelectorModeType.RANDOM_MAX_PERCENT, SelectorMode.percent('randomMaxPercent', percent));
  }

  private static percent(factory: string, percent: number): number {
    if (!Number.isInteger(percent) || percent < SELECTOR_PERCENT.min || percent > SELECTOR_PERCENT.max) {
      throw new Error(`SelectorMode.${factory}(${JSON.stringify(percent)}): mode value must be an integer percentage `
        + `from ${SELECTOR_PERCENT.min} to ${SELECTOR_PERCENT.max} (Chaos Mesh rejects fractions, 0 and values above 100).`);
    }
    return percent;
  }

  private constructor(
    /** The mode as the CRD spells it. */
    public readonly type: SelectorModeType,
    /** The count or percentage for `fixed`, `fixed-percent` and `random-max-percent`. */
    public readonly value?: number,
  ) {}

  /** `spec.mode` and `spec.value` as written to a manifest. */
  public toSpec(): { mode: string; value?: string } {
    return this.value === undefined ? { mode: this.type } : { mode: this.type, value: String(this.value) };
  }

  /** `one`, `fixed: 1`, `fixed-percent: 50`. */
  public toString(): string {
    return this.value === undefined ? this.type : `${this.type}: ${this.value}`;
  }
}
