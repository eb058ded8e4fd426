import { redactRequest, redactUrl } from './log-redaction.js';

describe('redactUrl: email-link tokens never reach a log line', () => {
  it.each([
    ['/actions/abcDEF_123-x', '/actions/[redacted]'],
    ['/surveys/abcDEF_123-x?lang=en', '/surveys/[redacted]?lang=en'],
    ['/peer-reviews/abcDEF_123-x', '/peer-reviews/[redacted]'],
    ['/risk-links/abcDEF_123-x', '/risk-links/[redacted]'],
    ['/actions/abc/def', '/actions/[redacted]/def'],
    ['/auth/link/abcDEF_123-x', '/auth/link/[redacted]'],
    ['/auth/oidc/callback?code=abc&state=def', '/auth/oidc/callback?[redacted]'],
  ])('%s -> %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });

  it('leaves other URLs alone', () => {
    expect(redactUrl('/contracts/123/actions')).toBe('/contracts/123/actions');
    expect(redactUrl('/org/employees?cursor=abc')).toBe('/org/employees?cursor=abc');
  });

  it('drops the route params, where Express keeps the token too', () => {
    expect(redactRequest({ url: '/actions/secret-token', params: { token: 'secret-token' }, method: 'GET' })).toEqual({ url: '/actions/[redacted]', params: undefined, method: 'GET' });
  });
});
