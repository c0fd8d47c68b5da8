import { quoteText, requireString } from './_quote';
import { UnitError } from './unit-error';

/** alecthomas/units MakeUnitMap(suffix, shortSuffix, scale): "k" is 1000 in metric maps only, "K" in both. */
function unitMap(suffix: string, short: string, scale: number): ReadonlyMap<string, number> {
  const map = new Map<string, number>([[short, 1]]);
  ['M', 'G', 'T', 'P', 'E'].forEach((prefix, i) => map.set(prefix + suffix, scale ** (i + 2)));
  map.set('K' + suffix, scale);
  if (scale !== 1024) map.set('k' + suffix, scale);
  return map;
}

/** The three maps Chaos Mesh's ParseUnit tries in order: "K"/"M"... (1024), "KiB"... (1024), "KB"/"kB"... (1000); "c" is one byte in each. */
const MAPS = [unitMap('', 'c', 1024), unitMap('iB', 'c', 1024), unitMap('B', 'c', 1000)];

const ALLOWED = 'a number with a unit K, M, G, T, P, E (1024-based), KiB, MiB, GiB, ... or KB, kB, MB, GB, ... (1000-based), or "c" (bytes), e.g. "256MB" or "1G"';

/**
 * A PhysicalMachineChaos size (`stress-mem.size`, `disk-fill.size`, `disk-*-payload.size`) as the
 * Chaos Mesh 2.8.2 webhook reads it: ParseUnit in api/v1alpha1/physical_machine_chaos_webhook.go,
 * which tries alecthomas/units ParseUnit with three unit maps. The grammar is Go-duration-like:
 * an optional sign, then one or more "number unit" pairs ("1G512M"), each number digits with an
 * optional fraction. A bare integer gets "B" appended first, and "B" is in none of the maps, so
 * "100" is refused (the webhook's own comment promises MB; the code does not deliver it); "0" alone is 0.
 *
 * Returns the byte count Go computes (float64 sum truncated), for callers that compare sizes.
 * @throws UnitError naming the text when the webhook refuses it
 */
export function parsePhysicalMachineSize(text: string): number {
  const raw = requireString(text, 'Size', ALLOWED);
  const s = /^[+-]?[0-9]+$/.test(raw) ? `${raw}B` : raw; // strconv.Atoi succeeded: append "B"
  let lastError = '';
  for (const map of MAPS) {
    const parsed = parseUnit(s, map);
    if (typeof parsed === 'number') return parsed;
    lastError = parsed;
  }
  throw new UnitError(`Size ${quoteText(raw)} is refused (${lastError}). Allowed: ${ALLOWED}.`, raw);
}

/** alecthomas/units ParseUnit: the value, or Go's error text. */
function parseUnit(orig: string, units: ReadonlyMap<string, number>): number | string {
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return `units: invalid ${orig}`;
  let total = 0;
  while (s !== '') {
    if (!/^[0-9.]/.test(s)) return `units: invalid ${orig}`;
    const whole = /^[0-9]*/.exec(s)![0];
    s = s.slice(whole.length);
    let value = whole === '' ? 0 : Number(whole);
    if (leadingIntOverflows(whole)) return `units: invalid ${orig}`;
    let fraction = '';
    if (s.startsWith('.')) {
      fraction = /^[0-9]*/.exec(s.slice(1))![0];
      s = s.slice(1 + fraction.length);
      if (leadingIntOverflows(fraction)) return `units: invalid ${orig}`;
      if (fraction !== '') value += Number(fraction) / 10 ** fraction.length;
    }
    if (whole === '' && fraction === '') return `units: invalid ${orig}`;
    const unit = /^[^0-9.]*/.exec(s)![0];
    s = s.slice(unit.length);
    const scale = units.get(unit);
    if (scale === undefined) return `units: unknown unit ${unit} in ${orig}`;
    total += value * scale;
  }
  if (neg) total = -total;
  if (total < -(2 ** 63) || total > 2 ** 63 - 1) return 'units: overflow parsing unit';
  return Math.trunc(total);
}

/** leadingInt refuses a digit run once the value read so far reaches (2^63-10)/10 and another digit follows. */
function leadingIntOverflows(digits: string): boolean {
  return digits.length > 18 && BigInt(digits.slice(0, -1)) >= (2n ** 63n - 10n) / 10n;
}
