/** The pages opened by email links: the path segment after each is a bearer secret. */
export const LINK_PAGE_PREFIXES = ['actions', 'surveys', 'peer-reviews', 'risk-links'] as const;

const LINK_TOKEN = new RegExp(`^(/(?:${LINK_PAGE_PREFIXES.join('|')})/)[^/?#]+`);

export const REDACTED = '[redacted]';

/** A request URL fit for a log line: an email-link token becomes [redacted]. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(LINK_TOKEN, `$1${REDACTED}`);
}

/** Headers that carry credentials, wherever pino-http logs a request. */
export const SECRET_HEADER_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["proxy-authorization"]'];

/**
 * pino-http's request serializer, after its standard one: the URL without link tokens, and no
 * route params (Express fills `params.token` on the link pages).
 */
export function redactRequest<R extends { url?: string; params?: unknown }>(request: R): R {
  return { ...request, url: redactUrl(request.url), params: undefined };
}
