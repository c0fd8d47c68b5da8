import { GoDuration } from '../../units';
import { describeValue, Issue, quote } from '../_issue';
import { fieldPath } from '../../_field-path';
import { isRecord } from '../../_json';
import { goAtoi, goParseFloat32 } from './_go-number';

/** What the admission checks say the webhook is: every message names it. */
export const WEBHOOK = 'the Chaos Mesh 2.8.2 admission webhook';

/** The integer percentage of modes `fixed-percent` and `random-max-percent` ((*PodSelector).Validate: (0, 100]). */
export const SELECTOR_PERCENT = { min: 1, max: 100 } as const;

/**
 * A Go duration field (`Duration` in the webhook: empty is allowed, anything else must pass
 * time.ParseDuration). Non-strings are left to the schema check.
 */
export function checkGoDuration(value: unknown, path: string, out: Issue[], what = 'duration'): void {
  if (typeof value !== 'string' || value === '') return;
  try {
    GoDuration.parse(value);
  } catch (err) {
    out.push({
      path,
      message: `${what} ${quote(value)} is refused by ${WEBHOOK} (Go time.ParseDuration): ${unitReason(err)}.`,
      fix: 'Write a Go duration: a number with a unit ns, us, ms, s, m or h, e.g. "30s", "3m", "1h30m".',
    });
  }
}

/**
 * (*PodSelector).Validate in common_webhook.go, for every kind with a pod or container selector
 * (and NetworkChaos `target`): mode `fixed` needs a positive integer `value`, and
 * `fixed-percent` / `random-max-percent` an integer in (0, 100]. `value` is a string in the CRD.
 */
export function checkPodSelector(spec: Record<string, unknown>, at: string, out: Issue[]): void {
  const mode = spec.mode;
  const valuePath = fieldPath(at, 'value');
  if (mode === 'fixed' || mode === 'fixed-percent' || mode === 'random-max-percent') {
    const raw = spec.value;
    const text = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : undefined;
    if (text === undefined) return; // a number here is a schema finding (value is a string)
    const n = goAtoi(text);
    if (n === undefined) {
      out.push({
        path: valuePath,
        message: `mode ${quote(mode)} needs an integer value, and ${text === '' ? 'value is missing' : `${quote(text)} is not one (Go strconv.Atoi)`}; ${WEBHOOK} refuses it.`,
        fix: mode === 'fixed' ? 'Set value to the number of pods, e.g. value: "1".' : 'Set value to a percentage from 1 to 100, e.g. value: "50".',
      });
    } else if (mode === 'fixed' && n <= 0n) {
      out.push({ path: valuePath, message: `mode "fixed" needs a value greater than 0, found ${quote(text)}; ${WEBHOOK} refuses it.`, fix: 'Set value to the number of pods to affect, at least "1".' });
    } else if (mode !== 'fixed' && (n < BigInt(SELECTOR_PERCENT.min) || n > BigInt(SELECTOR_PERCENT.max))) {
      out.push({ path: valuePath, message: `mode ${quote(mode)} needs a percentage in (0, 100], found ${quote(text)}; ${WEBHOOK} refuses it.`, fix: 'Set value to a percentage from 1 to 100.' });
    }
  }
}

/**
 * A `FloatStr` field (common_webhook.go (*FloatStr).Validate): the text must pass Go
 * `strconv.ParseFloat(s, 32)`, and so the empty string is refused. Fields whose tag carries a
 * default (`correlation`) are never empty here: applyAdmissionDefaults has set them to "0", as
 * the mutating webhook does. Absent fields and non-strings are the schema check's.
 */
export function checkFloatString(value: unknown, path: string, out: Issue[], what: string): void {
  if (typeof value !== 'string') return;
  const parsed = goParseFloat32(value);
  if (!parsed.ok) {
    out.push({
      path,
      message: value === '' ? `${what} is empty; ${WEBHOOK} refuses it (Go strconv.ParseFloat: ${parsed.reason}).` : `${what} ${quote(value)} is refused by ${WEBHOOK}: it is not a float (Go strconv.ParseFloat: ${parsed.reason}).`,
      fix: `Write ${what} as a decimal number in a string, e.g. "25" or "0.5" (no "%").`,
    });
  }
}

/**
 * The two checks most chaos specs share: `duration` carries `webhook:"Duration"` and the spec
 * embeds a PodSelector ((*PodSelector).Validate). Kinds without one of them call the other alone.
 */
export function checkCommonChaosSpec(spec: Record<string, unknown>, at: string, out: Issue[]): void {
  checkGoDuration(spec.duration, fieldPath(at, 'duration'), out);
  checkPodSelector(spec, at, out);
}

/** A field the webhook requires for an action, tested against nil only (Go pointer fields): absent or null is missing, "" and 0 are not. */
export function requireForAction(spec: Record<string, unknown>, field: string, at: string, out: Issue[], go: { readonly action: string; readonly reason: string; readonly fix: string }): void {
  const value = spec[field];
  if (value !== undefined && value !== null) return;
  out.push({
    path: fieldPath(at, field),
    message: `action ${quote(go.action)} needs ${field}; ${WEBHOOK} refuses it ("${go.reason}").`,
    fix: go.fix,
  });
}

/** A required embedded object that is missing or not an object. */
export function requireObject(value: unknown, path: string, what: string, out: Issue[], fix: string): value is Record<string, unknown> {
  if (isRecord(value)) return true;
  out.push({
    path,
    message: value === undefined || value === null ? `${what} is missing; ${WEBHOOK} refuses the object.` : `${what} must be an object, found ${describeValue(value)}.`,
    fix,
  });
  return false;
}

/**
 * The reason in a UnitError message: between its first ": " and ". Allowed:" (the finding's own
 * message names the field and the program, and its fix says what is allowed).
 */
export function unitReason(err: unknown): string {
  let message = err instanceof Error ? err.message : String(err);
  const allowed = message.indexOf('. Allowed:');
  if (allowed >= 0) message = message.slice(0, allowed);
  const colon = message.indexOf(': ');
  if (colon >= 0) message = message.slice(colon + 2);
  return message.endsWith('.') ? message.slice(0, -1) : message;
}

/**
 * Where a Default method writes. applyAdmissionDefaults runs the defaults twice at most: a probe
 * pass over the user's object that only notes whether anything would change (so the common case
 * costs no copy), then, if so, a pass that fills a copy.
 */
export interface DefaultWriter {
  set(holder: object, key: string | number, value: unknown): void;
}

/**
 * A field's `default:"..."` struct tag, as (*FloatStr).Default and (*Duration).Default apply it:
 * an empty string becomes the tag's value. Go fills absent fields too, but no check reads an
 * absent one (the schema allows it, the validators skip it), so the copy leaves them absent.
 */
export function defaultEmpty(w: DefaultWriter, holder: unknown, field: string, value: unknown): void {
  if (isRecord(holder) && holder[field] === '') w.set(holder, field, value);
}
