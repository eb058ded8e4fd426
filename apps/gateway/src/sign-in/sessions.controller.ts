import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../auth/auth.guard.js';
import { CsrfTokens } from '../auth/csrf-tokens.js';
import { ANY_EMPLOYEE, Roles } from '../auth/roles.decorator.js';
import { ApiAnswers } from '../http/api-answers.js';
import { SessionCookies } from './session-cookies.js';
import { RevokeSessionsDto, SessionsQuery } from './sessions.dto.js';
import { SessionsService } from './sessions.service.js';

/** The caller's own session (who am I, the CSRF token, sign-out) and ADMIN's view of everyone's. */
@ApiTags('sign-in')
@Controller('auth')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly csrf: CsrfTokens,
    private readonly cookies: SessionCookies,
  ) {}

  @Get('session')
  @Roles('Who is signed in, the session, and its CSRF token for state-changing requests', ANY_EMPLOYEE)
  @ApiAnswers(200, 'CurrentSession')
  current(@Req() req: AuthedRequest) {
    const { id, email, name, role } = req.caller;
    const session = req.signInSession ? { id: req.signInSession.id, expiresAt: req.signInSession.expiresAt.toISOString() } : null;
    return { employee: { id, email, name, role }, session, csrfToken: this.csrf.tokenOf(req) ?? null };
  }

  @Post('sign-out')
  @HttpCode(200)
  @Roles('Sign out: the session the cookie names ends now and the cookie is cleared (with a bearer token: nothing to end)', ANY_EMPLOYEE)
  @ApiAnswers(200, 'Ok')
  async signOut(@Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response) {
    // With a bearer token there is no session to end (a cookie sent beside it was not what authenticated the call).
    if (req.signInSession) await this.cookies.end(req, res);
    return { ok: true };
  }

  @Get('sessions')
  @Roles('An employee\u2019s sessions, newest first (?employee=id or email)', ['ADMIN'])
  @ApiAnswers(200, 'SessionList', [400, 404])
  async list(@Query() query: SessionsQuery) {
    return { items: await this.sessions.list(query.employee) };
  }

  @Delete('sessions/:id')
  @Roles('End one session now', ['ADMIN'])
  @ApiAnswers(200, 'SessionsRevoked', [404])
  revoke(@Param('id') id: string) {
    return this.sessions.revoke(id);
  }

  @Post('sessions/revoke')
  @HttpCode(200)
  @Roles('End every live session of an employee now {employee: id or email}', ['ADMIN'])
  @ApiAnswers(200, 'SessionsRevoked', [400, 404])
  revokeAll(@Body() body: RevokeSessionsDto) {
    return this.sessions.revokeAllOf(body.employee);
  }
}
