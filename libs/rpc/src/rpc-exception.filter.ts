import { ArgumentsHost, Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import { DomainError, type RpcErrorBody } from './domain-errors.js';
import { isUnavailable, UNAVAILABLE } from './unavailable.js';

/** Service side: domain errors travel as {status, code, message, errors}; an outage is a 503; anything else is a 500. */
@Catch()
export class DomainRpcExceptionFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger(DomainRpcExceptionFilter.name);

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    if (exception instanceof DomainError) {
      const body: RpcErrorBody = { status: exception.status, code: exception.code, message: exception.message, errors: exception.errors };
      return throwError(() => body);
    }
    if ((exception as { code?: unknown })?.code === 'P2028') {
      // No database connection freed up in time: the request wrote nothing and may be retried.
      this.logger.warn(`Database busy: ${(exception as Error).message}`);
      return throwError(() => ({ status: 503, code: 'service_busy', message: 'The service is busy; nothing was changed. Retry shortly.' }) satisfies RpcErrorBody);
    }
    if (isUnavailable(exception)) {
      this.logger.warn(`A dependency is unavailable: ${(exception as Error).message}`);
      return throwError(() => UNAVAILABLE);
    }
    this.logger.error({ err: exception, msg: `Unhandled error in a message handler: ${(exception as Error)?.message}` });
    return throwError(() => ({ status: 500, code: 'internal', message: 'Internal error' }) satisfies RpcErrorBody);
  }
}
