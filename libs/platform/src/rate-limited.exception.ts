import { HttpException, HttpStatus } from '@nestjs/common';

/** 429 whose answer carries `Retry-After` (seconds), set by HttpErrorFilter and the link pages. */
export class RateLimitedException extends HttpException {
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super({ statusCode: HttpStatus.TOO_MANY_REQUESTS, code: 'too_many_requests', message }, HttpStatus.TOO_MANY_REQUESTS);
  }
}
