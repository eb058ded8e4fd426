import { Body, Controller, Get, HttpException, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DecideContract } from '#libs/contracts';
import { type Caller } from '#libs/rpc';
import { ApiErrors } from '../http/api-answers.js';
import { CorrelationId, CurrentCaller } from '../auth/caller.decorator.js';
import { CsrfTokens } from '../auth/csrf-tokens.js';
import { ANY_EMPLOYEE, Roles } from '../auth/roles.decorator.js';
import { DecisionDto } from '../contracts/contract.dto.js';
import { escapeHtml, htmlPage } from '../http/page-layout.js';
import { ServiceClient } from '../http/service-client.js';
import { analysisPage } from './analysis-page.js';
import { DeskReader } from './desk-reader.js';
import { deskNav, deskPage } from './desk-page.js';
import { DeskQuery, ReportWindowQuery } from './desk.dto.js';
import { REPORT_ROLES, REPORT_SOURCES } from './report-sources.js';
import { SignInRedirect } from './sign-in-redirect.filter.js';

const HTML = { status: 200, description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } };
const BACK = { 'zh-CN': { title: '无法处理', back: '返回工作台' }, en: { title: 'Could not be processed', back: 'Back to the desk' } } as const;

/**
 * The web desk (server-rendered HTML). Authenticated like the API (the guard and @CurrentCaller):
 * a browser's session cookie or a bearer token. Its forms carry the session's CSRF token, which the
 * guard checks on the POST (docs/sign-in.md).
 */
@ApiTags('desk')
@Controller('desk')
@UseFilters(SignInRedirect)
export class DeskController {
  constructor(
    private readonly reader: DeskReader,
    private readonly service: ServiceClient,
    private readonly csrf: CsrfTokens,
  ) {}

  @Get()
  @Roles('The desk: approvals waiting for the caller (decide in place), the reporting line\u2019s contracts in approval, overdue revisits, open complaints and risk alerts, training completion and target attainment (HTML, the caller\u2019s locale)', ANY_EMPLOYEE)
  @ApiResponse(HTML)
  async desk(@CurrentCaller() caller: Caller, @Query() query: DeskQuery, @CorrelationId() correlationId: string, @Req() req: Request, @Res() res: Response) {
    const data = await this.reader.read(caller, correlationId);
    res.status(200).type('html').send(deskPage(data, this.csrf.hiddenInput(req), query.decided));
  }

  @Post('approvals/:id/decision')
  @Roles('Decide a contract waiting for the caller from the desk (a form: decision, comment); 303 back to the desk, or a page saying why not (400, 403, 404, 409)', ANY_EMPLOYEE)
  @ApiResponse({ status: 303, description: 'Decided: back to the desk (post/redirect/get, so reloading does not post again).', headers: { Location: { description: '/desk?decided=<id>', schema: { type: 'string' } } } })
  @ApiErrors(400, 404, 409, 503)
  async decide(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: DecisionDto, @CorrelationId() correlationId: string, @Res() res: Response) {
    const decision = { decision: body.decision, ...(body.comment ? { comment: body.comment } : {}) };
    try {
      await this.service.call(DecideContract, caller, correlationId, { id, decision });
      res.redirect(303, `/desk?decided=${encodeURIComponent(id)}`);
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      const { locale } = await this.reader.me(caller);
      const message = (error.getResponse() as { message?: string }).message ?? error.message;
      const body = `<p>${escapeHtml(message)}</p><p><a href="/desk">${escapeHtml(BACK[locale].back)}</a></p>`;
      res.status(error.getStatus()).type('html').send(htmlPage(locale, BACK[locale].title, body, { nav: deskNav(locale, 'desk') }));
    }
  }

  @Get('analysis')
  @Roles('The sales analysis as charts (SVG rendered on the server from Vega-Lite specifications), the caller\u2019s reporting line (ADMIN: everyone), with links to the same figures as CSV and JSON (HTML)', [...REPORT_ROLES])
  @ApiResponse(HTML)
  @ApiErrors(400, 503)
  async analysis(@CurrentCaller() caller: Caller, @Query() query: ReportWindowQuery, @CorrelationId() correlationId: string, @Res() res: Response) {
    const window = { from: query.from, to: query.to };
    const read = (source: (typeof REPORT_SOURCES)[keyof typeof REPORT_SOURCES]) => this.service.call(source, caller, correlationId, window);
    const [sales, discounts, cycle, satisfaction] = await Promise.all([read(REPORT_SOURCES.sales), read(REPORT_SOURCES.discounts), read(REPORT_SOURCES['approval-cycle']), read(REPORT_SOURCES.satisfaction)]);
    const { locale } = await this.reader.me(caller);
    res.status(200).type('html').send(await analysisPage({ sales, discounts, cycle, satisfaction }, locale));
  }
}
