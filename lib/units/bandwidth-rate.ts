import { goToLower, goTrimSpace } from './_go-text';
import { quoteText, requireString } from './_quote';
import { UnitError } from './unit-error';

const UINT64_MAX = (1n << 64n) - 1n;

/** Byte-rate units (bps means bytes per second), binary multiples, as the `Rate` webhook reads them. */
const BYTE_UNITS: readonly (readonly [string, bigint])[] = [['tbps', 1024n ** 4n], ['gbps', 1024n ** 3n], ['mbps', 1024n ** 2n], ['kbps', 1024n], ['bps', 1n]];
/** tc's bit-rate units, decimal multiples of bits. */
const BIT_UNITS: readonly (readonly [string, bigint])[] = [['tbit', 1000n ** 4n], ['gbit', 1000n ** 3n], ['mbit', 1000n ** 2n], ['kbit', 1000n], ['bit', 1n]];

const ALLOWED = 'a whole number with a unit bit, kbit, mbit, gbit, tbit (bits per second) or bps, kbps, mbps, gbps, tbps (bytes per second), e.g. "1mbps" or "10mbit"';

/**
 * A NetworkChaos bandwidth `rate` (`bandwidth.rate`, `rate.rate`) as the Chaos Mesh 2.8.2 `Rate`
 * webhook validator reads it (api/v1alpha1/networkchaos_webhook.go, ConvertUnitToBytes): the
 * text is trimmed (Go strings.TrimSpace) and lower-cased, the first unit it ends with is cut off
 * (byte units bps/kbps/mbps/gbps/tbps first, then tc's bit units bit/kbit/mbit/gbit/tbit), and
 * what is left, trimmed again, must be a Go strconv.ParseUint(s, 10, 64) number: ASCII digits
 * only, no sign, no underscore, at most 2^64-1. Unit case and blanks are free: " 10 MBit " passes.
 *
 * Returns the rate in bits per second (exact, BigInt); the webhook itself only asks whether the
 * text parses, so the value is for callers that compare rates.
 * @throws UnitError naming the text when the webhook refuses it
 */
export function parseBandwidthRate(text: string): bigint {
  const raw = requireString(text, 'Bandwidth rate', ALLOWED);
  const s = goToLower(goTrimSpace(raw));
  for (const [units, bitsPerUnit] of [[BYTE_UNITS, 8n], [BIT_UNITS, 1n]] as const) {
    const unit = units.find(([suffix]) => s.endsWith(suffix));
    if (!unit) continue;
    const number = goTrimSpace(s.slice(0, s.length - unit[0].length));
    if (!/^[0-9]+$/.test(number)) {
      throw new UnitError(`Bandwidth rate ${quoteText(raw)}: ${number === '' ? 'the number is missing' : `${quoteText(number)} is not a whole number`} (Go strconv.ParseUint). Allowed: ${ALLOWED}.`, raw);
    }
    const n = BigInt(number);
    if (n > UINT64_MAX) throw new UnitError(`Bandwidth rate ${quoteText(raw)}: ${number} is out of the uint64 range. Allowed: ${ALLOWED}.`, raw);
    return n * unit[1] * bitsPerUnit;
  }
  throw new UnitError(`Bandwidth rate ${quoteText(raw)}: it has no unit ("invalid unit"). Allowed: ${ALLOWED}.`, raw);
}
