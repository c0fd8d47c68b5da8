import { requestUriError } from '../../lib/units';

describe('requestUriError (Go net/url.ParseRequestURI)', () => {
  test.each([
    'http://podinfo.podinfo.svc:9898/healthz', 'https://example.com', '/healthz', 'http://[::1]:8080/', '*',
    // scheme:opaque: Go reads "podinfo" as the scheme and accepts the rest unparsed
    'podinfo:9898/healthz', 'localhost:8080', 'mailto:ops@example.com',
    // an empty host, an empty port, userinfo, a query Go keeps raw, a fragment Go keeps in the path
    'http://', 'http://host:/', 'http://user:pa%20ss@host/', 'http://host/?q=a b&%zz', 'http://host/#frag',
    // bytes outside ASCII are allowed in a host; a space in the path is allowed
    'http://bücher.example/', 'http://host/a b', 'http://[fe80::1%25en0]:80/', '//host/path',
  ])('%j is accepted', (url) => {
    expect(requestUriError(url)).toBeUndefined();
  });

  test.each([
    ['', /empty url/], ['podinfo.svc/healthz', /invalid URI for request/], [':8080/x', /missing protocol scheme/],
    ['http://host:port/', /invalid port ":port" after host/], ['http://bad host/', /invalid character " " in host name/],
    ['http://host/%zz', /invalid URL escape "%zz"/], ['http://host/#%', /invalid URL escape "%"/], ['http://ho%41st/', /invalid URL escape "%41"/],
    ['http://[::1/', /missing '\]' in host/], ['http://us{er@host/', /invalid userinfo/], ['http://host\n/', /control character/],
    ['http://a|b/', /invalid character "\|"/],
  ])('%j is refused', (url, reason) => {
    expect(requestUriError(url)).toMatch(reason);
  });
});
