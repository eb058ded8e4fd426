import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actOnLink, showLinkPage, wantsHtml, type ErrorPage } from '../http/link-page.js';
import { LinkGuesses } from './link-guesses.js';

/**
 * What every single-use email-link page does around its own service call: count a guessed token
 * (LinkGuesses), then answer GET with the page and POST with a result page (a browser form) or
 * JSON (an API client), refusals likewise (http/link-page.ts).
 */
@Injectable()
export class LinkPages {
  constructor(private readonly guesses: LinkGuesses) {}

  show<V>(req: Request, res: Response, load: () => Promise<V>, page: (view: V) => string, errorPage: ErrorPage): Promise<void> {
    return showLinkPage(res, async () => page(await this.guesses.lookUp(req, load)), errorPage);
  }

  act<R>(req: Request, res: Response, work: () => Promise<R>, resultPage: (result: R) => string, errorPage: ErrorPage): Promise<void> {
    return actOnLink(res, wantsHtml(req.headers['content-type'], req.headers.accept), () => this.guesses.lookUp(req, work), resultPage, errorPage);
  }
}
