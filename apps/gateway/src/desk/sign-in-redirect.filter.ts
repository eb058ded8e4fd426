import { ArgumentsHost, Catch, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { HttpErrorFilter } from '#libs/platform';

/**
 * A browser that opens a desk page without a session is sent to the sign-in page (303) instead of
 * reading a 401 body; API clients (no text/html in Accept) get the usual 401 ErrorBody.
 */
@Catch(UnauthorizedException)
export class SignInRedirect extends HttpErrorFilter {
  override catch(exception: UnauthorizedException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    if (http.getRequest<Request>().method === 'GET' && (http.getRequest<Request>().headers.accept ?? '').includes('text/html')) {
      http.getResponse<Response>().redirect(303, '/auth/sign-in');
      return;
    }
    super.catch(exception, host);
  }
}
