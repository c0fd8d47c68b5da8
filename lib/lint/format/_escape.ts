/**
 * Characters a terminal acts on instead of printing (C0 and C1 controls, DEL: `ESC [ 2 J` clears
 * the screen) or that reorder or hide the text around them (bidirectional controls, line
 * separators). Object names, paths and messages quote the manifests, which are untrusted input.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The same set minus C0 controls, which JSON.stringify already writes as escapes. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Text for one line of a terminal report: unsafe characters become visible escapes (`\x1b`, `\u202e`). */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
  });
}

/**
 * JSON text with the unsafe characters JSON.stringify leaves raw written as `\uXXXX` escapes.
 * Outside strings JSON text is ASCII, so every match is inside a string and the parsed value
 * is unchanged.
 */
export function escapeJsonText(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (c) => `\\u${hex(c.charCodeAt(0), 4)}`);
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}
