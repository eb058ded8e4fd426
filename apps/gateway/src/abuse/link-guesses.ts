import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { clientAddress } from '../auth/auth.guard.js';
import { FailureLimiter } from './failure-limiter.js';

/**
 * Email-link tokens are bearer secrets in a URL: a client that keeps naming tokens that were
 * never issued (404) is guessing, and is refused with 429 once it reaches LINK_GUESS_LIMIT.
 * A used or expired link (410) is a real link and does not count.
 */
@Injectable()
export class LinkGuesses {
  constructor(private readonly limiter: FailureLimiter) {}

  async lookUp<R>(request: Request, work: () => Promise<R>): Promise<R> {
    const client = clientAddress(request);
    await this.limiter.refuseIfLimited('link', client);
    try {
      return await work();
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() === HttpStatus.NOT_FOUND) await this.limiter.recordFailure('link', client);
      throw error;
    }
  }
}
