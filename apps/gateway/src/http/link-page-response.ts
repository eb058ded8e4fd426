import { HttpException } from '@nestjs/common';
import type { Response } from 'express';

/** Pages behind email links answer a browser form with HTML and an API client with JSON. */
export function wantsHtml(contentType: string | undefined, accept: string | undefined): boolean {
  return (contentType ?? '').includes('application/x-www-form-urlencoded') || ((accept ?? '').includes('text/html') && !(contentType ?? '').includes('json'));
}

/** Sends a service's HTTP error as a page (410 for a used link, ...) or as JSON. */
export function sendLinkError(res: Response, error: unknown, html: boolean, page: (status: number, message: string) => string): void {
  if (!(error instanceof HttpException)) throw error;
  const status = error.getStatus();
  const body = error.getResponse() as { message?: string };
  if (html) res.status(status).type('html').send(page(status, body.message ?? 'Error'));
  else res.status(status).json(body);
}
