/**
 * A bandwidth limit as Chaos Mesh 2.8.2 reads `bandwidth.rate`: an unsigned integer and one of
 * the units `bps`, `kbps`, `mbps`, `gbps`, `tbps` (bytes per second, steps of 1024). The CRD
 * description also names `bit`, `kbit`, ... but the webhook rejects them, so they are refused here.
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

  /** Parses `1mbps`, `100 kbps`, `2GBPS` (the text is kept as written). */
  public static parse(text: string): BandwidthRate {
    const m = /^\s*(\d+)\s*(tbps|gbps|mbps|kbps|bps)\s*$/i.exec(text ?? '');
    if (!m || !Number.isSafeInteger(Number(m[1]))) {
      throw new Error(`bandwidth rate "${text}" is not valid: use an integer and one of bps, kbps, mbps, gbps, `
        + 'tbps (bytes per second), e.g. "1mbps".');
    }
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
