/** Thrown for a malformed list of status codes; the message quotes the text. */
export class StatusCodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatusCodeError';
  }
}

const ITEM = /^([1-5]\d\d)(?:-([1-5]\d\d))?$/;

/**
 * The HTTP status codes that count as "the service answered": `200-399` or `200,204,300-308`.
 *
 * One grammar for both ends of the measurement (the probe script's `PROBE_ACCEPT` and
 * `report --accept`), so a log is judged by the same rule in the cluster and on a laptop.
 * Codes are 100-599; a range is inclusive.
 */
export class StatusCodeSet {
  /** The default: any 2xx or 3xx answer (curl does not follow redirects, so a 301 is an answer). */
  public static readonly DEFAULT_TEXT = '200-399';

  /** Parses `200-399`, `200,204,300-308`; throws a `StatusCodeError` quoting the text. */
  public static parse(text: string, what = 'accepted status codes'): StatusCodeSet {
    const ranges: Array<readonly [number, number]> = [];
    const items = text.split(',');
    for (const item of items) {
      const m = ITEM.exec(item);
      if (!m) {
        throw new StatusCodeError(`${what} "${text}" is not a list of codes or ranges: "${item}" is not a code (100-599) `
          + 'or a range such as 200-399. Example: 200-399 or 200,204,300-308');
      }
      const lo = Number(m[1]);
      const hi = m[2] === undefined ? lo : Number(m[2]);
      if (lo > hi) {
        throw new StatusCodeError(`${what} "${text}": the range "${item}" ends before it starts; write it as ${hi}-${lo}`);
      }
      ranges.push([lo, hi]);
    }
    return new StatusCodeSet(text, ranges);
  }

  /** `200-399`. */
  public static readonly DEFAULT = StatusCodeSet.parse(StatusCodeSet.DEFAULT_TEXT);

  private constructor(
    /** The text it was parsed from (what the probe script receives). */
    public readonly text: string,
    /** Inclusive ranges. */
    public readonly ranges: ReadonlyArray<readonly [number, number]>,
  ) {}

  /** Whether `code` is accepted. */
  public has(code: number): boolean {
    return this.ranges.some(([lo, hi]) => code >= lo && code <= hi);
  }
}
