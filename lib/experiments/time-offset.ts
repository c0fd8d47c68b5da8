import { GoDuration } from '../units';

/**
 * How far a TimeChaos moves the clocks: ahead (into the future) or behind (into the past), as
 * Chaos Mesh reads `timeOffset` (a signed Go duration such as `-1.5h`).
 *
 * @see https://chaos-mesh.org/docs/simulate-time-chaos-on-kubernetes/
 */
export class TimeOffset {
  /** Clocks read `by` later than the real time. */
  public static ahead(by: GoDuration): TimeOffset {
    return new TimeOffset(TimeOffset.checked('ahead', by).text);
  }

  /** Clocks read `by` earlier than the real time. */
  public static behind(by: GoDuration): TimeOffset {
    return new TimeOffset(`-${TimeOffset.checked('behind', by).text}`);
  }

  /** Parses a signed Go duration (`"-10m"`, `"+1h"`, `"2h45m"`); the text is kept as written. */
  public static parse(text: string): TimeOffset {
    const d = GoDuration.parse(text);
    if (d.nanoseconds === 0n) throw new Error(`time offset "${text}" is zero: the clocks would not move.`);
    return new TimeOffset(text);
  }

  private static checked(factory: string, by: GoDuration): GoDuration {
    if (!(by instanceof GoDuration) || !by.isPositive()) {
      throw new Error(`TimeOffset.${factory}(${String(by)}): the offset must be a positive GoDuration `
        + '(say ahead or behind with the factory, e.g. TimeOffset.behind(GoDuration.minutes(10))).');
    }
    return by;
  }

  private constructor(
    /** The offset as written to `timeOffset`. */
    public readonly text: string,
  ) {}
}
