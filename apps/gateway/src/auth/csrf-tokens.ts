import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { CSRF_FIELD, CSRF_HEADER, csrfHiddenInput, csrfTokenFor, csrfTokenMatches } from '#libs/platform';
import type { SessionOfRequest } from '../sign-in/sessions.service.js';

/** A request the guard authenticated by its session cookie carries the session. */
export type SessionRequest = Request & { signInSession?: SessionOfRequest };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection of cookie-authenticated requests: a state-changing request (anything but GET,
 * HEAD, OPTIONS) must carry its session's token in the `X-CSRF-Token` header or the `_csrf` form
 * field (libs/platform/src/csrf.ts). Bearer-authenticated calls carry no ambient credential and
 * need none. Pages get the token with `tokenOf(request)` or `hiddenInput(request)`.
 */
@Injectable()
export class CsrfTokens {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The token for the request's session; undefined when the request is not authenticated by a session. */
  tokenOf(request: SessionRequest): string | undefined {
    return request.signInSession ? csrfTokenFor(this.config.LINK_SECRET, request.signInSession.tokenHash) : undefined;
  }

  /** `<input type="hidden" name="_csrf" value="...">` for a form on a page, '' without a session. */
  hiddenInput(request: SessionRequest): string {
    const token = this.tokenOf(request);
    return token ? csrfHiddenInput(token) : '';
  }

  /**
   * 403 unless a cookie-authenticated state-changing request carries its token. The form field is
   * taken out of the body once checked, so DTO validation never sees it. `sameOriginFetch` also
   * accepts `Sec-Fetch-Site: same-origin` (set by the browser, never by a page), for third-party
   * pages such as Bull Board that cannot send our token.
   */
  check(request: SessionRequest, options: { sameOriginFetch?: boolean } = {}): void {
    if (!request.signInSession || SAFE_METHODS.has(request.method)) return;
    const body = request.body as Record<string, unknown> | undefined;
    const given = request.headers[CSRF_HEADER] ?? body?.[CSRF_FIELD];
    if (body && typeof body === 'object') delete body[CSRF_FIELD];
    if (csrfTokenMatches(this.config.LINK_SECRET, request.signInSession.tokenHash, given)) return;
    if (options.sameOriginFetch && request.headers['sec-fetch-site'] === 'same-origin') return;
    throw new ForbiddenException(`A request authenticated by the session cookie needs its CSRF token (the ${CSRF_HEADER} header or the ${CSRF_FIELD} form field).`);
  }
}
