import { Controller, Get, Headers, Inject, Req, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { Public } from '../auth/roles.decorator.js';
import { ApiErrors } from '../http/api-answers.js';
import { sendLinkError } from '../http/link-page.js';
import { OIDC_STATE_TTL_SECONDS, OidcService } from './oidc.service.js';
import { clearCookie, cookieOf, setCookie } from './session-cookie.js';
import { SessionCookies } from './session-cookies.js';
import { AFTER_SIGN_IN } from './sign-in.controller.js';
import { signInErrorPage, signInPageLocale } from './sign-in-page.js';

/** Single sign-on's short-lived cookie: the state, nonce and PKCE verifier of one attempt. */
export const OIDC_STATE_COOKIE = 'salesflow_oidc';

/** Company single sign-on (OIDC_ISSUER_URL): leave for the provider, come back with a code, get the session cookie. */
@ApiTags('sign-in')
@Controller('auth/oidc')
export class OidcController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly oidc: OidcService,
    private readonly cookies: SessionCookies,
  ) {}

  @Get('login')
  @ApiResponse({ status: 302, description: 'To the identity provider (authorization code flow with PKCE); the attempt\u2019s state is kept in a cookie for 10 minutes.' })
  @ApiErrors(404, 503)
  @Public('Single sign-on: redirects to the company identity provider (404 when OIDC_ISSUER_URL is not set)')
  async login(@Headers('accept-language') language: string | undefined, @Req() req: Request, @Res() res: Response) {
    try {
      const { url, sealedState } = await this.oidc.start();
      setCookie(res, this.config, req, OIDC_STATE_COOKIE, sealedState, OIDC_STATE_TTL_SECONDS);
      res.redirect(302, url);
    } catch (error) {
      sendLinkError(res, error, true, (status, message) => signInErrorPage(status, message, signInPageLocale(language)));
    }
  }

  @Get('callback')
  @ApiResponse({ status: 303, description: 'Signed in (Set-Cookie): on to the desk.' })
  @ApiErrors(401, 403, 404, 503)
  @Public('Single sign-on callback: redeems the code with its PKCE verifier and opens a session for the employee the email claim names (403 for an address no employee has)')
  async callback(@Headers('accept-language') language: string | undefined, @Req() req: Request, @Res() res: Response) {
    const sealedState = cookieOf(req, OIDC_STATE_COOKIE);
    clearCookie(res, this.config, req, OIDC_STATE_COOKIE);
    try {
      const { session } = await this.oidc.finish(req.originalUrl, sealedState);
      await this.cookies.begin(req, res, session);
      res.redirect(303, AFTER_SIGN_IN);
    } catch (error) {
      sendLinkError(res, error, true, (status, message) => signInErrorPage(status, message, signInPageLocale(language)));
    }
  }
}
