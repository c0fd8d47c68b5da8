/** Quoting helpers shared by the unit parsers' error messages. */
import { UnitError } from './unit-error';

/** Quotes text for an error message the way JSON does, so blanks and control characters show. */
export function quoteText(text: unknown): string {
  if (typeof text !== 'string') {
    return `${String(text)} (a ${text === null ? 'null' : typeof text}, not a string)`;
  }
  const quoted = JSON.stringify(text);
  return quoted.length > 120 ? `${quoted.slice(0, 117)}…"` : quoted;
}

/** Throws a UnitError unless `text` is a string: YAML can hand us numbers where a unit string belongs. */
export function requireString(text: unknown, what: string, allowed: string): string {
  if (typeof text !== 'string') {
    throw new UnitError(`${what} ${quoteText(text)} must be a string; allowed: ${allowed}.`, text);
  }
  return text;
}
