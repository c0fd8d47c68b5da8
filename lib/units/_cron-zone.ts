/**
 * Time zones for `TZ=`/`CRON_TZ=` schedules. robfig/cron resolves the name with Go's
 * time.LoadLocation on the Chaos Mesh controller; here the IANA database that ships with Node's
 * ICU stands in for it. Names are case-sensitive as on Linux ("Asia/Tokyo", not "asia/tokyo").
 */

/** Zone names Go treats as UTC, or as the controller's local zone (which we take to be UTC). */
const UTC_NAMES = new Set(['', 'UTC', 'Local']);

const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when Go's time.LoadLocation would (as far as ICU can tell) resolve `name`. */
export function isKnownZone(name: string): boolean {
  if (UTC_NAMES.has(name)) return true;
  if (name.includes('..') || name.startsWith('/') || name.startsWith('\\')) return false;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    // ICU matches names case-insensitively; the zoneinfo files Go reads do not.
    return resolved === name || resolved.toLowerCase() !== name.toLowerCase();
  } catch {
    return false;
  }
}

/** True for zones whose wall clock is UTC. */
export function isUtcZone(name: string | undefined): boolean {
  return name === undefined || UTC_NAMES.has(name) || name === 'Etc/UTC' || name === 'GMT' || name === 'Etc/GMT';
}

/** The zone's offset from UTC at `instantMs`, in milliseconds. */
function offsetMs(zone: string, instantMs: number): number {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
    });
    formatters.set(zone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(new Date(instantMs))) parts[part.type] = part.value;
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
  const wall = Date.UTC(year, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const whole = instantMs - (((instantMs % 1000) + 1000) % 1000);
  return wall - whole;
}

/** The wall-clock time in `zone` at an instant, as UTC milliseconds. */
export function toWallClock(instantMs: number, zone: string | undefined): number {
  return isUtcZone(zone) ? instantMs : instantMs + offsetMs(zone!, instantMs);
}

/**
 * The instant at which `zone`'s wall clock shows `wallMs`. Around a DST change this picks one
 * reasonable instant; Go's time.Date may pick differently inside the skipped or repeated hour.
 */
export function fromWallClock(wallMs: number, zone: string | undefined): number {
  if (isUtcZone(zone)) return wallMs;
  const first = wallMs - offsetMs(zone!, wallMs);
  const second = wallMs - offsetMs(zone!, first);
  return second;
}
