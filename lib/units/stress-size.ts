import { exactIntegerProduct } from './_decimal';
import { goAtoi } from './_go-strconv';
import { parseAdmissionSize } from './admission-size';
import { parseMemStressBytes } from './mem-stress-bytes';
import { quoteText, requireString } from './_quote';
import { UnitError } from './unit-error';

const ALLOWED =
  'a byte size Chaos Mesh 2.8.2 admits (e.g. "512MB", "1GB", "268435456B"; units are powers of 1000 there, ' +
  '"Mi"/"Gi" are refused) or an integer percentage 0-100 followed by "%"';

/**
 * The `size` of a StressChaos memory stressor, as Chaos Mesh 2.8.2 reads it twice:
 *
 * 1. Admission (the StressChaos webhook) checks the text: a size ending in "%" must be an
 *    integer 0-100 (strconv.Atoi), anything else must pass docker/go-units `FromHumanSize`,
 *    which reads every unit as a power of 1000 ("512MiB" = 512×10^6).
 * 2. The chaos-daemon passes the text unchanged to memStress (`memStress --size <size>
 *    --workers <n>`). memStress reads it with go-humanize `ParseBytes` ("512MiB" = 512×2^20).
 *
 * What memStress allocates, from chaos-mesh/memStress main.go: the parent process keeps
 * `workers` client processes running, and each client maps and touches `size / workers` bytes
 * (`run(length/uint64(workers), ...)`). The size is therefore the TOTAL over all workers, not a
 * per-worker amount (the CRD's "per vm worker" description predates memStress), and
 * `allocatedBytes(workers)` is `floor(size / workers) × workers`. A percentage is taken of the
 * memory memStress itself sees (the host's total in older memStress sources; the newest source
 * reads the cgroup limit visible to memStress first — which release the 2.8.2 image bundles is
 * not pinned in the sources read) — never the target container's limit, so no byte count can be
 * known here. When memStress cannot read a size that
 * admission let through ("1e3", "1_000"), it prints the error and maps 0 bytes.
 *
 * Factories produce text both readers agree on: "512MB" for whole decimal amounts, the plain
 * byte count ("268435456B") for binary units and fractions, since "256MiB" would mean
 * 256×10^6 bytes to admission and 256×2^20 to memStress.
 */
export class StressSize {
  /** Parses a size the way Chaos Mesh 2.8.2 admission accepts it, keeping the text. */
  public static parse(text: string): StressSize {
    const size = requireString(text, 'Memory stressor size', ALLOWED);
    if (size === '') {
      throw new UnitError(
        `Memory stressor size "" is empty: Chaos Mesh would pass no size to memStress, which then maps nothing. Allowed: ${ALLOWED}.`,
        size,
      );
    }
    if (size.endsWith('%')) {
      const percent = goAtoi(size.slice(0, -1));
      if (percent === undefined || percent < 0n || percent > 100n) {
        throw new UnitError(
          `Memory stressor size ${quoteText(size)} is refused by Chaos Mesh 2.8.2 admission: a percentage must be ` +
            `an integer from 0 to 100 followed by "%" (e.g. "50%"). Allowed: ${ALLOWED}.`,
          size,
        );
      }
      return new StressSize(size, Number(percent), undefined);
    }
    return new StressSize(size, undefined, parseAdmissionSize(size));
  }

  /** `amount` bytes (a whole number). */
  public static bytes(amount: number | bigint): StressSize {
    const bytes = typeof amount === 'bigint' ? amount : exactIntegerProduct(amount, 1n);
    return StressSize.fromBytes(amount, bytes, 'bytes');
  }

  /** `amount` × 10^6 bytes, printed as "<amount>MB" when `amount` is whole. */
  public static megabytes(amount: number): StressSize {
    return StressSize.decimal(amount, 10n ** 6n, 'MB', 'megabytes');
  }

  /** `amount` × 10^9 bytes, printed as "<amount>GB" when `amount` is whole. */
  public static gigabytes(amount: number): StressSize {
    return StressSize.decimal(amount, 10n ** 9n, 'GB', 'gigabytes');
  }

  /** `amount` × 2^20 bytes, printed as the byte count (admission has no binary units). */
  public static mebibytes(amount: number): StressSize {
    return StressSize.fromBytes(amount, exactIntegerProduct(amount, 1n << 20n), 'mebibytes');
  }

  /** `amount` × 2^30 bytes, printed as the byte count (admission has no binary units). */
  public static gibibytes(amount: number): StressSize {
    return StressSize.fromBytes(amount, exactIntegerProduct(amount, 1n << 30n), 'gibibytes');
  }

  /**
   * `amount` percent of the memory memStress sees on the node (an integer 0-100). The safety
   * rules refuse percentages, since the byte count cannot be bounded by the target's limit.
   */
  public static percent(amount: number): StressSize {
    if (!Number.isInteger(amount) || amount < 0 || amount > 100) {
      throw new UnitError(
        `StressSize.percent(${String(amount)}) is out of range; allowed: an integer from 0 to 100.`,
        amount,
      );
    }
    return new StressSize(`${amount}%`, amount, undefined);
  }

  private static decimal(amount: number, unit: bigint, suffix: string, factory: string): StressSize {
    const bytes = exactIntegerProduct(amount, unit);
    if (bytes !== undefined && bytes >= 0n && Number.isInteger(amount)) {
      return StressSize.parse(`${BigInt(amount)}${suffix}`);
    }
    return StressSize.fromBytes(amount, bytes, factory);
  }

  private static fromBytes(amount: number | bigint, bytes: bigint | undefined, factory: string): StressSize {
    if (bytes === undefined || bytes < 0n || bytes >= 1n << 63n) {
      throw new UnitError(
        `StressSize.${factory}(${String(amount)}) is not a whole number of bytes from 0 to 2^63-1; ` +
          'allowed: a finite, non-negative amount that is a whole number of bytes.',
        typeof amount === 'bigint' ? amount.toString() : amount,
      );
    }
    return StressSize.parse(`${bytes}B`);
  }

  /** The manifest text: what the author wrote, or the factory's form. */
  public readonly text: string;
  /** True for "N%" sizes. */
  public readonly isPercent: boolean;
  /** N for "N%" sizes. */
  public readonly percentValue?: number;
  /** The bytes Chaos Mesh 2.8.2 admission reads (docker/go-units, decimal units); undefined for percentages. */
  public readonly admissionBytes: bigint | undefined;
  /** The total memStress reads (go-humanize); 0 when it cannot read the text; undefined for percentages. */
  public readonly memStressBytes: bigint | undefined;
  /** Why memStress cannot read this text (it then maps nothing); undefined when it can. */
  public readonly memStressError: string | undefined;

  private constructor(text: string, percent: number | undefined, admissionBytes: bigint | undefined) {
    this.text = text;
    this.isPercent = percent !== undefined;
    if (percent !== undefined) this.percentValue = percent;
    this.admissionBytes = admissionBytes;
    if (percent !== undefined) {
      this.memStressBytes = undefined;
      this.memStressError = undefined;
    } else {
      let bytes = 0n;
      let error: string | undefined;
      try {
        bytes = parseMemStressBytes(text);
      } catch (e) {
        error = (e as Error).message;
      }
      this.memStressBytes = bytes;
      this.memStressError = error;
    }
  }

  /**
   * The total memStress maps and touches with `workers` workers: floor(size / workers) × workers.
   * Undefined for percentages (the base is the node's memory). 0 for `workers` = 0, which Chaos
   * Mesh 2.8.2 admits and then drops the stressor for.
   */
  public allocatedBytes(workers: number = 1): bigint | undefined {
    if (!Number.isInteger(workers) || workers < 0) {
      throw new UnitError(
        `Stressor workers ${String(workers)} is not valid; allowed: a whole number of workers (0 or more).`,
        workers,
      );
    }
    if (this.memStressBytes === undefined) return undefined;
    if (workers === 0) return 0n;
    const w = BigInt(workers);
    return (this.memStressBytes / w) * w;
  }

  public toString(): string {
    return this.text;
  }

  /** Serialises as the manifest text. */
  public toJSON(): string {
    return this.text;
  }
}
