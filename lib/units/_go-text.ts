/**
 * Go's notion of spaces, digits and lower case, so ports of Go parsers split and compare text
 * exactly as the Go originals do. JavaScript's own `trim`, `\s` and `toLowerCase` differ at the
 * edges (U+FEFF, U+0085, U+0130 'İ'), and at the edges is where a size or schedule slips through.
 */

/** unicode.IsSpace: Latin-1 spaces plus the White_Space property above Latin-1. */
export function goIsSpace(cp: number): boolean {
  switch (cp) {
    case 0x09: case 0x0a: case 0x0b: case 0x0c: case 0x0d: case 0x20: case 0x85: case 0xa0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202f: case 0x205f: case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200a;
  }
}

/** unicode.IsDigit: ASCII digits in Latin-1, any decimal digit (Nd) beyond it. */
export function goIsDigit(cp: number): boolean {
  if (cp <= 0xff) return cp >= 0x30 && cp <= 0x39;
  return /\p{Nd}/u.test(String.fromCodePoint(cp));
}

/** strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  const cps = Array.from(s);
  let start = 0;
  let end = cps.length;
  while (start < end && goIsSpace(cps[start].codePointAt(0)!)) start++;
  while (end > start && goIsSpace(cps[end - 1].codePointAt(0)!)) end--;
  return cps.slice(start, end).join('');
}

/** strings.Fields: split around runs of unicode.IsSpace, dropping empty fields. */
export function goFields(s: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (const ch of s) {
    if (goIsSpace(ch.codePointAt(0)!)) {
      if (current !== '') fields.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (current !== '') fields.push(current);
  return fields;
}

/**
 * strings.ToLower: Go maps each rune by the simple case mapping. JavaScript uses the full
 * mapping, which differs for one character only: U+0130 becomes "i\u0307" in JS but "i" in Go.
 */
export function goToLower(s: string): string {
  let out = '';
  for (const ch of s) {
    out += ch === '\u0130' ? 'i' : ch.toLowerCase();
  }
  return out;
}

/** The UTF-8 bytes of a string: Go indexes and measures strings in bytes, not UTF-16 units. */
export function utf8Bytes(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}
