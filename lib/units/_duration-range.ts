/** The int64 nanosecond range every Go time.Duration lives in. */
import { INT64_MAX, INT64_MIN } from './_go-strconv';
import { UnitError } from './unit-error';

/** Throws unless ns fits Go's time.Duration (int64 nanoseconds). */
export function checkRange(nanoseconds: bigint): void {
  if (nanoseconds < INT64_MIN || nanoseconds > INT64_MAX) {
    throw new UnitError(
      `Duration of ${nanoseconds} ns is outside Go's time.Duration range (int64 nanoseconds, about ±292 years).`,
      String(nanoseconds),
    );
  }
}
