import { Construct } from 'constructs';
import type { ChaosTarget } from '../target';
import type { HTTP_CHAOS_METHODS, HTTP_CHAOS_TARGETS } from '../lint/admission/http-chaos';
import { GoDuration } from '../units';
import { ChaosKind, Fault, podFault } from './_fault';
import { checkActionProps } from './_action-props';
import { fail } from './_validate';
import { ChaosExperiment, ChaosExperimentProps, chaosStep } from './base';
import { SelectorMode } from './selector-mode';

/**
 * What an HTTPChaos does to the matching HTTP messages (a proxy in the pod's network namespace).
 *
 * @see https://chaos-mesh.org/docs/simulate-http-chaos-on-kubernetes/
 */
export enum HttpChaosAction {
  /** Drop the connection instead of delivering the message. */
  ABORT = 'abort',
  /** Hold the message for `delay`. */
  DELAY = 'delay',
  /** Replace parts of the message (`replace`). */
  REPLACE = 'replace',
  /** Add to the message (`patch`). */
  PATCH = 'patch',
}

/**
 * Which messages are intercepted: requests to the target (`'Request'`), or its responses
 * (`'Response'`); the CRD enum of `target`.
 * @inline
 */
export type HttpChaosTarget = (typeof HTTP_CHAOS_TARGETS)[number];

/**
 * HTTP methods the 2.8.2 webhook accepts for a request rule (`'GET'`, `'POST'`, ...).
 * @inline
 */
export type HttpMethod = (typeof HTTP_CHAOS_METHODS)[number];

/** Props of {@link HttpChaosExperiment}. */
export interface HttpChaosExperimentProps extends ChaosExperimentProps {
  /** The pods whose HTTP traffic is intercepted; the selector comes from here. */
  readonly target: ChaosTarget;
  readonly action: HttpChaosAction;
  /** Requests to the target, or its responses (`target` of the CRD). */
  readonly httpTarget: HttpChaosTarget;
  /** The port the target serves HTTP on. */
  readonly port: number;
  /** Only messages of requests to this URI path (wildcards allowed). @default - every path */
  readonly path?: string;
  /** Only messages of requests with this method. @default - every method */
  readonly method?: HttpMethod;
  /** RESPONSE only: only responses with this status code. @default - every status code */
  readonly code?: number;
  /** Only messages of requests with these headers. @default - any headers */
  readonly requestHeaders?: Readonly<Record<string, string>>;
  /** RESPONSE only: only responses with these headers. @default - any headers */
  readonly responseHeaders?: Readonly<Record<string, string>>;
  /** DELAY only (required): how long each message is held. @default - none */
  readonly delay?: GoDuration;
  /** REPLACE only (required): what replaces the parts of the message. @default - none */
  readonly replace?: {
    /** The new body, as text (written base64-encoded, as the CRD's byte field). */
    readonly body?: string;
    /** RESPONSE only: the new status code. */
    readonly code?: number;
    readonly headers?: Readonly<Record<string, string>>;
    /** REQUEST only. */
    readonly method?: HttpMethod;
    /** REQUEST only: the new URI path. */
    readonly path?: string;
    /** REQUEST only: replaced query parameters. */
    readonly queries?: Readonly<Record<string, string>>;
  };
  /** PATCH only (required): what is added to the message. @default - none */
  readonly patch?: {
    /** A JSON merge patch (RFC 7396) applied to a JSON body. */
    readonly body?: unknown;
    /** Headers appended, as `[name, value]` pairs. */
    readonly headers?: ReadonlyArray<readonly [string, string]>;
    /** REQUEST only: query parameters appended, as `[name, value]` pairs. */
    readonly queries?: ReadonlyArray<readonly [string, string]>;
  };
  /**
   * TLS for an HTTPS target: the Secret (by name, never its content) holding the certificate
   * and key the proxy serves.
   *
   * @default - plain HTTP
   */
  readonly tls?: {
    readonly secretName: string;
    readonly secretNamespace: string;
    /** @default 'tls.crt' */
    readonly certName?: string;
    /** @default 'tls.key' */
    readonly keyName?: string;
    /** @default - no CA */
    readonly caName?: string;
  };
  /**
   * How many of the selected pods to hit.
   *
   * @default SelectorMode.ONE (the smallest blast radius)
   */
  readonly mode?: SelectorMode;
}

const ACTION_PROPS = {
  [HttpChaosAction.ABORT]: {},
  [HttpChaosAction.DELAY]: 'delay',
  [HttpChaosAction.REPLACE]: 'replace',
  [HttpChaosAction.PATCH]: 'patch',
};

/** Builds and validates the fault (shared with a GameDay step). (Internal to lib/experiments.) */
export function httpChaosFault(owner: string, props: HttpChaosExperimentProps): Fault {
  checkActionProps(owner, 'HTTPChaos', HttpChaosAction, ACTION_PROPS, props);
  const r = props.replace;
  const p = props.patch;
  if (r && Object.values(r).every((v) => v === undefined)) fail(owner, 'replace is empty: say what to replace (body, code, headers, method, path or queries).');
  if (p && Object.values(p).every((v) => v === undefined)) fail(owner, 'patch is empty: say what to add (body, headers or queries).');
  return podFault(owner, ChaosKind.HTTP_CHAOS, props, `HTTP ${props.action}`, {
    target: props.httpTarget,
    port: props.port,
    path: props.path,
    method: props.method,
    code: props.code,
    request_headers: props.requestHeaders && { ...props.requestHeaders },
    response_headers: props.responseHeaders && { ...props.responseHeaders },
    abort: props.action === HttpChaosAction.ABORT ? true : undefined,
    delay: props.delay?.text,
    replace: r && {
      ...r,
      body: r.body === undefined ? undefined : Buffer.from(r.body, 'utf8').toString('base64'),
      headers: r.headers && { ...r.headers },
      queries: r.queries && { ...r.queries },
    },
    patch: p && {
      body: p.body === undefined ? undefined : { type: 'JSON', value: JSON.stringify(p.body) },
      headers: p.headers?.map((h) => [...h]),
      queries: p.queries?.map((q) => [...q]),
    },
    tls: props.tls && { certName: 'tls.crt', keyName: 'tls.key', ...props.tls },
  }, { target: 'httpTarget', request_headers: 'requestHeaders', response_headers: 'responseHeaders' }, false);
}

/**
 * An HTTPChaos: abort, delay, replace or patch the target's HTTP requests or responses.
 *
 * @example
 * new HttpChaosExperiment(chart, 'slow-api', {
 *   target: podinfo, action: HttpChaosAction.DELAY, httpTarget: 'Request', port: 9898,
 *   path: '/api/*', delay: GoDuration.millis(500), duration: GoDuration.minutes(2),
 * });
 */
export class HttpChaosExperiment extends ChaosExperiment {
  /** The action performed. */
  public readonly action: HttpChaosAction;

  public constructor(scope: Construct, id: string, props: HttpChaosExperimentProps) {
    super(scope, id, props, chaosStep('HttpChaosExperiment', scope, id, props, httpChaosFault));
    this.action = props.action;
  }
}
