/**
 * A width for SVG text that errs on the wide side. The renderer cannot measure text (the font
 * is the viewer's), so every character is counted at the widest advance its class has in the
 * common sans-serif fonts (Helvetica, Arial, Segoe UI, DejaVu Sans), in em: text measured here
 * fits wherever the picture is opened.
 */
const NARROW = /[il.,:;'|!\s·()[\]/]/;
const SLIM = /[fjrtI\-]/;
const WIDE = /[mwMW%@]/;
const CAPITAL = /[A-Z]/;

/** Width in px of `text` at `fontSize` px, never less than it renders in a sans-serif font. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (NARROW.test(ch)) em += 0.36;
    else if (SLIM.test(ch)) em += 0.45;
    else if (WIDE.test(ch)) em += 1.0;
    else if (CAPITAL.test(ch)) em += 0.78;
    else em += 0.66;
  }
  return em * fontSize * (bold ? 1.08 : 1);
}

/** `text` cut (with "…") to fit `width` px at `fontSize`; '' when not even one character and "…" fit. */
export function fitText(text: string, width: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= width) return text;
  const chars = [...text];
  for (let n = chars.length - 1; n > 0; n--) {
    const cut = `${chars.slice(0, n).join('').trimEnd()}…`;
    if (textWidth(cut, fontSize) <= width) return cut;
  }
  return '';
}
