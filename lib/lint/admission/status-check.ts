import { Issue, quote } from '../_issue';
import { fieldPath } from '../../_field-path';
import { isRecord } from '../../_json';
import { requestUriError } from '../../units';
import { checkGoDuration, defaultEmpty, DefaultWriter, WEBHOOK } from './_common';

/** StatusCheck modes (the CRD enum; the mutating webhook makes an empty mode Synchronous). */
export const STATUS_CHECK_MODES = ['Synchronous', 'Continuous'] as const;

/** (*StatusCheckSpec).Default: an empty mode becomes Synchronous (before the CRD enum is checked). */
export function defaultStatusCheckSpec(spec: Record<string, unknown>, w: DefaultWriter): void {
  defaultEmpty(w, spec, 'mode', 'Synchronous');
}

/** Bounds of the StatusCheck integer fields (CRD minimum/maximum). */
const RANGES: Record<string, readonly [number, number | undefined]> = {
  timeoutSeconds: [1, undefined],
  intervalSeconds: [1, undefined],
  failureThreshold: [1, undefined],
  successThreshold: [1, undefined],
  recordsHistoryLimit: [1, 1000],
};

/**
 * What 2.8.2 refuses in a StatusCheck spec (api/v1alpha1/statuscheck_webhook.go and the CRD
 * bounds): a type other than HTTP, an HTTP check without `http`, a missing or unparsable `url`
 * (Go url.ParseRequestURI), a `criteria.statusCode` that is neither a code nor a range "200-299"
 * of codes 1-999, method other than GET/POST, mode other than Synchronous/Continuous, the
 * integer fields below 1 (`recordsHistoryLimit` also above 1000), and an invalid duration.
 */
export function statusCheckSpecIssues(spec: Record<string, unknown>, at: string): Issue[] {
  const out: Issue[] = [];
  const type = spec.type ?? 'HTTP';
  if (type !== 'HTTP') {
    out.push({ path: fieldPath(at, 'type'), message: `type ${quote(type)} is not a StatusCheck type; the only type in 2.8.2 is "HTTP".`, fix: 'Use type: HTTP with an http block.' });
  } else if (!isRecord(spec.http)) {
    out.push({ path: fieldPath(at, 'http'), message: `an HTTP status check needs the http block; ${WEBHOOK} refuses it ("the detail of http status check is required").`, fix: 'Add http: {url, criteria: {statusCode: "200"}}.' });
  }
  if (isRecord(spec.http)) checkHttp(spec.http, fieldPath(at, 'http'), out);
  if (spec.mode !== undefined && !(STATUS_CHECK_MODES as readonly unknown[]).includes(spec.mode)) {
    out.push({ path: fieldPath(at, 'mode'), message: `mode ${quote(spec.mode)} is not allowed; allowed: "Synchronous", "Continuous".`, fix: 'Use Synchronous (stop after the first verdict) or Continuous (check until the duration ends).' });
  }
  for (const [field, [min, max]] of Object.entries(RANGES)) {
    const v = spec[field];
    if (typeof v !== 'number') continue;
    if (v < min || (max !== undefined && v > max)) {
      out.push({
        path: fieldPath(at, field),
        message: `${field} ${v} is out of range: it must be at least ${min}${max !== undefined ? ` and at most ${max}` : ''}.`,
        fix: `Use a ${field} from ${min}${max !== undefined ? ` to ${max}` : ' up'}.`,
      });
    }
  }
  checkGoDuration(spec.duration, fieldPath(at, 'duration'), out);
  return out;
}

function checkHttp(http: Record<string, unknown>, at: string, out: Issue[]): void {
  const url = http.url;
  if (url === undefined || url === null || url === '') {
    out.push({ path: fieldPath(at, 'url'), message: `the request url is required; ${WEBHOOK} refuses an HTTP check without one.`, fix: 'Set url to the endpoint to probe, e.g. "http://podinfo.podinfo.svc:9898/healthz".' });
  } else if (typeof url === 'string') {
    // (*HTTPStatusCheck).Validate: url.ParseRequestURI must accept it ("invalid http request url").
    const problem = requestUriError(url);
    if (problem) out.push({ path: fieldPath(at, 'url'), message: `url ${quote(url)} is refused by ${WEBHOOK} ("invalid http request url"; Go url.ParseRequestURI: ${problem}).`, fix: 'Write an absolute URL with a scheme and host, e.g. "http://service.namespace.svc:8080/healthz".' });
  }
  if (http.method !== undefined && http.method !== 'GET' && http.method !== 'POST') {
    out.push({ path: fieldPath(at, 'method'), message: `method ${quote(http.method)} is not allowed; allowed: "GET", "POST".`, fix: 'Use GET or POST.' });
  }
  const criteria = http.criteria;
  if (!isRecord(criteria)) {
    out.push({ path: fieldPath(at, 'criteria'), message: 'criteria is required (which status codes count as healthy).', fix: 'Add criteria: {statusCode: "200"}.' });
    return;
  }
  const code = criteria.statusCode;
  if (code === undefined || code === null || code === '') {
    out.push({ path: fieldPath(at, 'criteria', 'statusCode'), message: `criteria.statusCode is required; ${WEBHOOK} refuses an empty one.`, fix: 'Set statusCode to a code ("200") or a range ("200-399").' });
  } else if (typeof code === 'string') {
    const problem = statusCodeProblem(code);
    if (problem) out.push({ path: fieldPath(at, 'criteria', 'statusCode'), message: `statusCode ${quote(code)} is refused by ${WEBHOOK}: ${problem}.`, fix: 'Use a code from 1 to 999 ("200") or a range of two codes ("200-399").' });
  }
}

/** The webhook's StatusCode check: a code 1-999, or "a-b" with both ends codes 1-999. */
export function statusCodeProblem(text: string): string | undefined {
  const single = goInt(text);
  if (single !== undefined) return single > 0 && single < 1000 ? undefined : `${single} is not a status code (1-999)`;
  const dash = text.indexOf('-');
  if (dash < 0) return 'it is neither a single number nor a range "a-b"';
  for (const part of [text.slice(0, dash), text.slice(dash + 1)]) {
    const n = goInt(part);
    if (n === undefined) return `${quote(part)} in the range is not a number`;
    if (n <= 0 || n >= 1000) return `${n} in the range is not a status code (1-999)`;
  }
  return undefined;
}

function goInt(text: string): number | undefined {
  return /^[+-]?[0-9]+$/.test(text) ? Number(text) : undefined;
}
