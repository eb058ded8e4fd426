import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { clearCookie, SESSION_COOKIE, sessionCookieOf, setCookie } from './session-cookie.js';
import { SessionsService } from './sessions.service.js';

/** Handing a browser its session cookie, and taking it back. */
@Injectable()
export class SessionCookies {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionsService,
  ) {}

  /** A sign-in replaces the session the browser held before (it ends), so a browser holds one live session. */
  async begin(req: Request, res: Response, opened: { secret: string; maxAgeSeconds: number }): Promise<void> {
    const previous = sessionCookieOf(req);
    if (previous && previous !== opened.secret) await this.sessions.signOut(previous);
    setCookie(res, this.config, req, SESSION_COOKIE, opened.secret, opened.maxAgeSeconds);
  }

  /** Sign-out: the session ends and the cookie is cleared. */
  async end(req: Request, res: Response): Promise<void> {
    const secret = sessionCookieOf(req);
    if (secret) await this.sessions.signOut(secret);
    clearCookie(res, this.config, req, SESSION_COOKIE);
  }
}
