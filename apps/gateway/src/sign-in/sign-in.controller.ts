import { Body, Controller, ForbiddenException, Get, Headers, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { schemaRef } from '#libs/contracts';
import { LinkGuesses } from '../abuse/link-guesses.js';
import { LinkPages } from '../abuse/link-pages.js';
import { clientAddress } from '../auth/auth.guard.js';
import { CorrelationId } from '../auth/caller.decorator.js';
import { Public } from '../auth/roles.decorator.js';
import { ApiErrors, ApiPageAnswers } from '../http/api-answers.js';
import { sendLinkError, wantsHtml } from '../http/link-page.js';
import { SessionCookies } from './session-cookies.js';
import { SignInDto } from './sign-in.dto.js';
import { SignInLinksService } from './sign-in-links.service.js';
import { signInErrorPage, signInFormPage, signInLinkPage, signInPageLocale, signInSentPage } from './sign-in-page.js';

/** Where a browser lands once signed in. */
export const AFTER_SIGN_IN = '/desk';

/** Email sign-in: ask for a link (always 202), open the link's page, POST it to get the session cookie. */
@ApiTags('sign-in')
@Controller('auth')
export class SignInController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly links: SignInLinksService,
    private readonly pages: LinkPages,
    private readonly guesses: LinkGuesses,
    private readonly cookies: SessionCookies,
  ) {}

  @Get('sign-in')
  @ApiPageAnswers(null, [])
  @Public('The sign-in page: a form asking for a sign-in link by email (and single sign-on when configured)')
  form(@Headers('accept-language') language: string | undefined, @Res() res: Response) {
    res.status(200).type('html').send(signInFormPage(signInPageLocale(language), this.config.OIDC_ISSUER_URL !== undefined));
  }

  @Post('sign-in')
  @ApiResponse({ status: 202, description: 'Accepted, whether or not the address is an employee\u2019s (a page for a browser form).', content: { 'application/json': { schema: schemaRef('SignInAccepted') }, 'text/html': { schema: { type: 'string' } } } })
  @ApiErrors(400, 429)
  @Public('Ask for a sign-in link {email}: always 202, never saying whether the address exists; an employee gets a single-use link valid 15 minutes; limited per address and per client (429)')
  async request(@Body() body: SignInDto, @CorrelationId() correlationId: string, @Headers('accept-language') language: string | undefined, @Req() req: Request, @Res() res: Response) {
    await this.links.request(body.email, clientAddress(req), correlationId);
    if (wantsHtml(req.headers['content-type'], req.headers.accept)) res.status(202).type('html').send(signInSentPage(signInPageLocale(language)));
    else res.status(202).json({ message: 'If the address belongs to an employee, a sign-in link is on its way.' });
  }

  @Get('link/:token')
  @ApiPageAnswers(null, [404, 410, 429])
  @Public('The page behind a sign-in email link: one button that signs in (changes nothing)')
  async view(@Param('token') token: string, @Headers('accept-language') language: string | undefined, @Req() req: Request, @Res() res: Response) {
    await this.pages.show(req, res, () => this.links.view(token), (view) => signInLinkPage(view, signInPageLocale(view.locale)), (status, message) => signInErrorPage(status, message, signInPageLocale(language)));
  }

  @Post('link/:token')
  @ApiResponse({ status: 200, description: 'Signed in (Set-Cookie); a browser form is redirected (303) to the desk instead.', content: { 'application/json': { schema: schemaRef('SignedIn') } } })
  @ApiResponse({ status: 303, description: 'Signed in (Set-Cookie): a browser form goes on to the desk.' })
  @ApiErrors(403, 404, 410, 429)
  @Public('Use a sign-in link: once, within 15 minutes, it opens a session (HttpOnly cookie); a used or expired link answers 410')
  async consume(@Param('token') token: string, @Headers('accept-language') language: string | undefined, @Req() req: Request, @Res() res: Response) {
    const html = wantsHtml(req.headers['content-type'], req.headers.accept);
    const errorPage = (status: number, message: string) => signInErrorPage(status, message, signInPageLocale(language));
    try {
      // Login CSRF: another site must not sign a visitor in as someone else (the browser says where a request comes from).
      if (req.headers['sec-fetch-site'] === 'cross-site') throw new ForbiddenException('A sign-in link is used from its own page.');
      const { employee, session } = await this.guesses.lookUp(req, () => this.links.consume(token));
      await this.cookies.begin(req, res, session);
      if (html) res.redirect(303, AFTER_SIGN_IN);
      else res.status(200).json({ employee: { id: employee.id, email: employee.email, name: employee.name, role: employee.role, locale: employee.locale }, expiresAt: session.expiresAt.toISOString() });
    } catch (error) {
      sendLinkError(res, error, html, errorPage);
    }
  }
}
