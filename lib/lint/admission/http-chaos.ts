import { GoDuration } from '../../units';
import { Issue, quote } from '../_issue';
import { fieldPath } from '../../_field-path';
import { checkCommonChaosSpec, unitReason, WEBHOOK } from './_common';

/** What an HTTPChaos injects into (the CRD enum of `target`). */
export const HTTP_CHAOS_TARGETS = ['Request', 'Response'] as const;

/** The request methods (*HTTPMethod).Validate accepts for target Request (Go net/http's method constants). */
export const HTTP_CHAOS_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT'] as const;

/**
 * What the 2.8.2 webhook refuses in an HTTPChaos spec (httpchaos_webhook.go validators on the
 * fields of httpchaos_types.go): a `port` that is not positive (absent counts as 0), a `method`
 * outside the HTTP methods when the target is Request, a `delay` (even an empty one) that is not
 * a Go duration, and the common duration and selector checks.
 */
export function httpChaosSpecIssues(spec: Record<string, unknown>, at: string): Issue[] {
  const out: Issue[] = [];
  // (*Port).Validate: the Go field is a plain int32, so an absent port is 0 and refused.
  const port = spec.port ?? 0;
  if (typeof port === 'number' && port <= 0) {
    out.push({
      path: fieldPath(at, 'port'),
      message: `${spec.port === undefined ? 'port is missing' : `port ${port} is not positive`}; ${WEBHOOK} refuses it ("port ${port} is not supported").`,
      fix: 'Set port to the container port the HTTP server listens on, e.g. port: 9898.',
    });
  }
  // (*HTTPMethod).Validate: checked only when the target is Request.
  const method = spec.method;
  if (spec.target === 'Request' && typeof method === 'string' && !(HTTP_CHAOS_METHODS as readonly string[]).includes(method)) {
    out.push({
      path: fieldPath(at, 'method'),
      message: `method ${quote(method)} is not an HTTP method; ${WEBHOOK} refuses it for target Request ("method ${method} is not supported"); allowed: ${HTTP_CHAOS_METHODS.join(', ')} (upper case).`,
      fix: 'Use an upper-case method such as GET or POST, or remove method to match every request.',
    });
  }
  // (*Delay).Validate: time.ParseDuration on any delay that is set, "" included.
  const delay = spec.delay;
  if (typeof delay === 'string') {
    try {
      GoDuration.parse(delay);
    } catch (err) {
      out.push({
        path: fieldPath(at, 'delay'),
        message: `delay ${quote(delay)} is refused by ${WEBHOOK} ("invalid duration"): ${unitReason(err)}.`,
        fix: 'Write a Go duration such as "100ms" or "2s", or remove delay.',
      });
    }
  }
  checkCommonChaosSpec(spec, at, out);
  return out;
}
