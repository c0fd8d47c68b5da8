import { parseBandwidthRate } from '../units';

/**
 * A bandwidth limit as Chaos Mesh 2.8.2 reads `bandwidth.rate`: an unsigned integer and one of
 * the units `bps`, `kbps`, `mbps`, `gbps`, `tbps` (bytes per second, steps of 1024) or tc's
 * `bit`, `kbit`, `mbit`, `gbit`, `tbit` (bits per second, steps of 1000), as the `Rate` webhook
 * validator accepts them (the same parser lint uses).
 *
 * @see https://chaos-mesh.org/docs/simulate-network-chaos-on-kubernetes/
 */
export class BandwidthRate {
  /** `n` bytes per second. */
  public static bps(n: number): BandwidthRate {
    return BandwidthRate.of(n, 'bps');
  }

  /** `n` × 1024 bytes per second. */
  public static kbps(n: number): BandwidthRate {
    return BandwidthRate.of(n, 'kbps');
  }

  /** `n` × 1024² bytes per second. */
  public static mbps(n: number): BandwidthRate {
    return BandwidthRate.of(n, 'mbps');
  }

  /** `n` × 1024³ bytes per second. */
  public static gbps(n: number): BandwidthRate {
    return BandwidthRate.of(n, 'gbps');
  }

  /**
   * Parses `1mbps`, `100 kbps`, `2GBPS`, `10mbit` (the text is kept as written).
   * @throws UnitError naming the text and the allowed units when the webhook refuses it
   */
  public static parse(text: string): BandwidthRate {
    parseBandwidthRate(text);
    return new BandwidthRate(text);
  }

  private static of(n: number, unit: string): BandwidthRate {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new Error(`BandwidthRate.${unit}(${JSON.stringify(n)}): the rate must be a non-negative integer.`);
    }
    return new BandwidthRate(`${n}${unit}`);
  }

  private constructor(
    /** The rate as written to the manifest. */
    public readonly text: string,
  ) {}
}
