import { HttpException } from '@nestjs/common';
import type { Response } from 'express';
import { RETRY_AFTER_SECONDS } from '#libs/rpc';
import { RateLimitedException } from '#libs/platform';
import { escapeHtml, htmlPage, type PageLocale } from './page-layout.js';

/**
 * The skeleton of every page opened by a single-use email link: GET shows the page and changes
 * nothing; POST acts and answers a browser form with a page and an API client with JSON; a used
 * or expired link answers 410 (as a page or as JSON, the same way).
 */
/** The page for a refusal: 410 says the link can no longer be used, anything else that it could not be processed. */
export function linkErrorPage(locale: PageLocale, text: { gone: string; error: string }, status: number, message: string): string {
  return htmlPage(locale, status === 410 ? text.gone : text.error, `<p>${escapeHtml(message)}</p>`, { narrow: true });
}

/** A browser form wants a page back; an API client (JSON) wants JSON. */
export function wantsHtml(contentType: string | undefined, accept: string | undefined): boolean {
  return (contentType ?? '').includes('application/x-www-form-urlencoded') || ((accept ?? '').includes('text/html') && !(contentType ?? '').includes('json'));
}

export type ErrorPage = (status: number, message: string) => string;

/** GET: the page, or the refusal as a page. */
export async function showLinkPage(res: Response, render: () => Promise<string>, errorPage: ErrorPage): Promise<void> {
  try {
    const html = await render();
    res.status(200).type('html').send(html);
  } catch (error) {
    sendLinkError(res, error, true, errorPage);
  }
}

/** POST: acts, then answers with the result page or the result as JSON; a refusal likewise. */
export async function actOnLink<R>(res: Response, html: boolean, act: () => Promise<R>, resultPage: (result: R) => string, errorPage: ErrorPage): Promise<void> {
  try {
    const result = await act();
    if (html) res.status(200).type('html').send(resultPage(result));
    else res.status(200).json(result);
  } catch (error) {
    sendLinkError(res, error, html, errorPage);
  }
}

/** A refusal as a page (a browser) or as JSON (an API client), with Retry-After where it applies. */
export function sendLinkError(res: Response, error: unknown, html: boolean, errorPage: ErrorPage): void {
  if (!(error instanceof HttpException)) throw error;
  const status = error.getStatus();
  const body = error.getResponse() as { message?: string };
  if (status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  if (error instanceof RateLimitedException) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  if (html) res.status(status).type('html').send(errorPage(status, body.message ?? 'Error'));
  else res.status(status).json(body);
}
