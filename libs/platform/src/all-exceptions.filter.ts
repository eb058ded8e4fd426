import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { DomainRpcExceptionFilter } from '#libs/rpc';
import { HttpErrorFilter } from './http-error.filter.js';

/**
 * One global filter for both edges of a process: NATS handlers answer {status, message, errors},
 * HTTP answers the same shape with that status. (A hybrid app applies global filters to both.)
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly rpc = new DomainRpcExceptionFilter();
  private readonly http = new HttpErrorFilter();

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType() === 'rpc') return this.rpc.catch(exception, host);
    return this.http.catch(exception, host);
  }
}
