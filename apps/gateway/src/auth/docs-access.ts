import { HttpException, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, RELAXED_ENVIRONMENTS, type AppConfig } from '#libs/config';
import type { DocsGate } from '#libs/platform';
import { AuthGuard } from './auth.guard.js';

/**
 * The API description maps every endpoint: open in development and tests, otherwise only to an
 * ADMIN's bearer token (anyone else gets 404, as if it were not there).
 */
@Injectable()
export class DocsAccess implements DocsGate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthGuard,
  ) {}

  async allows(request: Request): Promise<boolean> {
    if (RELAXED_ENVIRONMENTS.includes(this.config.NODE_ENV)) return true;
    try {
      return (await this.auth.authenticate(request)).role === 'ADMIN';
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() < 500) return false;
      throw error;
    }
  }
}
