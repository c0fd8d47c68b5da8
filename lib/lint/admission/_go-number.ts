/**
 * The two Go number parsers the Chaos Mesh 2.8.2 webhook applies to strings: `strconv.Atoi`
 * (selector values, percentages) and `strconv.ParseFloat(s, 32)` (the `FloatStr` fields:
 * correlations, loss, duplicate, corrupt, reorder). Both are lib/units' ports; lint only needs
 * whether Go accepts the text, the value for range checks, and Go's reason when it refuses.
 */
import { GO_NUM_ERROR_TEXT, goAtoi, goParseFloat32 as parseFloat32 } from '../../units/_go-strconv';

export { goAtoi };

export type GoFloatCheck = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: string };

/** `strconv.ParseFloat(text, 32)`, with Go's error text (`invalid syntax`, `value out of range`). */
export function goParseFloat32(text: string): GoFloatCheck {
  const parsed = parseFloat32(text);
  return parsed.ok ? parsed : { ok: false, reason: GO_NUM_ERROR_TEXT[parsed.error] };
}
