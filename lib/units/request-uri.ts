/**
 * Go `net/url.ParseRequestURI`, as the Chaos Mesh 2.8.2 StatusCheck webhook calls it on
 * `http.url` ((*HTTPStatusCheck).Validate in api/v1alpha1/statuscheck_webhook.go). Only the
 * verdict matters there, so this returns Go's error text, or undefined when Go accepts the URL.
 *
 * What Go accepts is wider than "an absolute http URL": "*", an absolute path ("/healthz"), and
 * any "scheme:opaque" text ("localhost:8080/healthz" reads as scheme "localhost"). What it
 * refuses: control characters, the empty string, a text without scheme that does not start with
 * "/", a leading ":", a host with characters a host cannot hold or a bad %-escape, a port that is
 * not all digits, bad userinfo, and a path (which, for a request URI, includes any "#fragment")
 * with a bad %-escape. Modelled on the Go 1.23/1.24 library (the 2.8 release line): the stricter
 * host-colon rule of Go 1.25 (refusing "http://host:80:80/") is not applied.
 */
export function requestUriError(rawUrl: string): string | undefined {
  if (/[\u0000-\u001f\u007f]/.test(rawUrl)) return 'net/url: invalid control character in URL';
  if (rawUrl === '') return 'empty url';
  if (rawUrl === '*') return undefined;
  const scheme = splitScheme(rawUrl);
  if (typeof scheme === 'string') return scheme;
  let rest = scheme.rest;
  const q = rest.indexOf('?');
  if (q >= 0) rest = rest.slice(0, q); // the query is kept raw, never checked
  if (!rest.startsWith('/')) return scheme.scheme !== '' ? undefined : 'invalid URI for request';
  if (scheme.scheme !== '' && rest.startsWith('//')) {
    const authority = rest.slice(2);
    const slash = authority.indexOf('/');
    const problem = authorityError(slash >= 0 ? authority.slice(0, slash) : authority);
    if (problem) return problem;
    rest = slash >= 0 ? authority.slice(slash) : '';
  }
  return unescapeError(rest, 'path');
}

/** getScheme: letters, then letters/digits/"+-."; a leading ":" is an error; no ":" means no scheme. */
function splitScheme(raw: string): { scheme: string; rest: string } | string {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (c === ':') return i === 0 ? 'missing protocol scheme' : { scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

/** parseAuthority: optional userinfo before the last "@", then the host. */
function authorityError(authority: string): string | undefined {
  const at = authority.lastIndexOf('@');
  const hostProblem = hostError(at < 0 ? authority : authority.slice(at + 1));
  if (hostProblem || at < 0) return hostProblem;
  const userinfo = authority.slice(0, at);
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) return 'net/url: invalid userinfo';
  return unescapeError(userinfo, 'userinfo');
}

/** parseHost: an IP literal in brackets (optionally with a %25 zone), or a name with an optional numeric port. */
function hostError(host: string): string | undefined {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) return "missing ']' in host";
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) return `invalid port ${JSON.stringify(colonPort)} after host`;
    const zone = host.slice(0, close).indexOf('%25');
    if (zone >= 0) return unescapeError(host.slice(0, zone), 'host') ?? unescapeError(host.slice(zone, close), 'zone') ?? unescapeError(host.slice(close), 'host');
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0 && !validOptionalPort(host.slice(colon))) return `invalid port ${JSON.stringify(host.slice(colon))} after host`;
  }
  return unescapeError(host, 'host');
}

function validOptionalPort(port: string): boolean {
  return port === '' || /^:[0-9]*$/.test(port);
}

type Mode = 'path' | 'host' | 'zone' | 'userinfo';

/** Characters a host may hold unescaped (shouldEscape in host mode returns false for them). */
const HOST_CHARS = /[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"]/;

/** unescape: every "%" needs two hex digits; hosts and zones also refuse characters that would need escaping. */
function unescapeError(s: string, mode: Mode): string | undefined {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '%') {
      const hex = s.slice(i, i + 3);
      if (!/^%[0-9A-Fa-f]{2}$/.test(hex)) return `invalid URL escape ${JSON.stringify(hex)}`;
      const value = parseInt(hex.slice(1), 16);
      if (mode === 'host' && value < 0x80 && hex !== '%25') return `invalid URL escape ${JSON.stringify(hex)}`;
      if (mode === 'zone' && hex !== '%25' && value !== 0x20 && !(value < 0x80 && HOST_CHARS.test(String.fromCharCode(value)))) {
        return `invalid URL escape ${JSON.stringify(hex)}`;
      }
      i += 2;
    } else if ((mode === 'host' || mode === 'zone') && c.charCodeAt(0) < 0x80 && !HOST_CHARS.test(c)) {
      return `invalid character ${JSON.stringify(c)} in host name`;
    }
  }
  return undefined;
}
