import { Injectable, SetMetadata } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import type { NextFunction, Response } from 'express';
import { AuthGuard, type AuthedRequest } from '../../auth/auth.guard.js';
import { CSRF_BY_FETCH_METADATA, Roles } from '../../auth/roles.decorator.js';

/** The operators' pages, described as an endpoint so the API's guard can judge them. */
class OperatorPages {
  @Roles('Operators\u2019 pages (Bull Board)', ['ADMIN'])
  @SetMetadata(CSRF_BY_FETCH_METADATA, true)
  open(): void {}
}

/**
 * Who may open the operators' pages (Bull Board): ADMIN, authenticated exactly as the API
 * authenticates (a bearer token or an ADMIN's sign-in session: 401 without one, 403 for other
 * roles). These pages are plain Express routes that Nest's guards never see, so this asks the
 * API's own guard. The board's own scripts cannot send our CSRF token: for them the browser's
 * `Sec-Fetch-Site: same-origin` stands in for it.
 */
@Injectable()
export class OperatorAccess {
  constructor(private readonly moduleRef: ModuleRef) {}

  async authorize(request: AuthedRequest, response: Response): Promise<void> {
    // The gateway registers the guard as an app-wide provider; it lives outside this module.
    const guard = this.moduleRef.get(AuthGuard, { strict: false });
    const context = new ExecutionContextHost([request, response], OperatorPages, OperatorPages.prototype.open);
    context.setType('http');
    await guard.canActivate(context);
  }

  /** Express middleware in front of the pages; a refusal reaches the app's exception filter. */
  middleware() {
    return async (request: AuthedRequest, response: Response, next: NextFunction): Promise<void> => {
      await this.authorize(request, response);
      next();
    };
  }
}
