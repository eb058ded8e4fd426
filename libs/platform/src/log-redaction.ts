/** The pages opened by email links: the path segment after each is a bearer secret. */
export const LINK_PAGE_PREFIXES = ['actions', 'surveys', 'peer-reviews', 'auth/link', 'risk-links'] as const;

const LINK_TOKEN = new RegExp(`^(/(?:${LINK_PAGE_PREFIXES.join('|')})/)[^/?#]+`);

export const REDACTED = '[redacted]';

/** The single sign-on callback's query carries the authorization code and state. */
const OIDC_CALLBACK_QUERY = /^(\/auth\/oidc\/callback)\?.*$/;

/** A request URL fit for a log line: an email-link token, or the sign-on callback's code, becomes [redacted]. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(LINK_TOKEN, `$1${REDACTED}`).replace(OIDC_CALLBACK_QUERY, `$1?${REDACTED}`);
}

/** Headers that carry credentials, wherever pino-http logs a request. */
export const SECRET_HEADER_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["proxy-authorization"]', 'res.headers["set-cookie"]'];

/**
 * pino-http's request serializer, after its standard one: the URL without link tokens, and no
 * route params (Express fills `params.token` on the link pages).
 */
export function redactRequest<R extends { url?: string; params?: unknown }>(request: R): R {
  return { ...request, url: redactUrl(request.url), params: undefined };
}
