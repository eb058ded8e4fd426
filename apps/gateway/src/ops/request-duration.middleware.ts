import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { httpRequestDuration } from '#libs/metrics';

/** The route template that answered (`/contracts/:id`), never the URL: no ids or tokens in labels. */
export function routeTemplate(request: Request): string {
  const route = (request.route as { path?: unknown } | undefined)?.path;
  return typeof route === 'string' ? `${request.baseUrl}${route}` : 'unmatched';
}

/** Times every HTTP request the gateway answers, refusals and 404s included. */
@Injectable()
export class RequestDurationMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const timed = httpRequestDuration.startTimer();
    response.once('finish', () => timed({ method: request.method, route: routeTemplate(request), status: String(response.statusCode) }));
    next();
  }
}
