import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, errorCodeForStatus, isUnavailable, RETRY_AFTER_SECONDS, UNAVAILABLE } from '#libs/rpc';

/**
 * One error shape for every HTTP answer: {statusCode, code, message, errors?} (ErrorBody in
 * #libs/contracts). An outage met here (the auth guard reading the directory, say) is a 503, and
 * every 503, wherever it was decided, carries Retry-After.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const status = statusOf(exception);
    if (status === 503) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    if (exception instanceof DomainError) {
      response.status(exception.status).json({ statusCode: exception.status, code: exception.code, message: exception.message, ...(exception.errors ? { errors: exception.errors } : {}) });
      return;
    }
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      // Nest hands body-parser's JSON SyntaxError over as a BadRequestException with it as the cause.
      const code = (exception.cause as { type?: string } | undefined)?.type === 'entity.parse.failed' ? 'malformed_json' : errorCodeForStatus(status);
      response.status(status).json(typeof body === 'string' ? { statusCode: status, code, message: body } : { statusCode: status, code, ...body });
      return;
    }
    const parseError = exception as { type?: string; status?: number; message?: string };
    if (parseError.type === 'entity.parse.failed') {
      response.status(400).json({ statusCode: 400, code: 'malformed_json', message: 'The body is not valid JSON.', errors: [{ field: '(body)', message: parseError.message }] });
      return;
    }
    if (status === 503) {
      this.logger.warn(`A dependency is unavailable: ${(exception as Error)?.message}`);
      response.status(503).json({ statusCode: 503, code: UNAVAILABLE.code, message: UNAVAILABLE.message });
      return;
    }
    this.logger.error({ err: exception, msg: `Unhandled error: ${(exception as Error)?.message}` });
    response.status(500).json({ statusCode: 500, code: 'internal', message: 'Internal error' });
  }
}

function statusOf(exception: unknown): number {
  if (exception instanceof DomainError) return exception.status;
  if (exception instanceof HttpException) return exception.getStatus();
  return isUnavailable(exception) ? 503 : 500;
}
