/**
 * A growable list of doubles in one typed array: 8 bytes per value (an array of numbers or of
 * objects costs several times that), growing by half when full so a long log does not double
 * its memory at the last probe.
 */
export class Float64Series {
  private data = new Float64Array(64);
  private size = 0;

  public get length(): number {
    return this.size;
  }

  public push(value: number): void {
    if (this.size === this.data.length) {
      const next = new Float64Array(Math.ceil(this.data.length * 1.5));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.size++] = value;
  }

  /** The values as a view (not a copy): sorting it sorts the series. */
  public values(): Float64Array {
    return this.data.subarray(0, this.size);
  }
}
