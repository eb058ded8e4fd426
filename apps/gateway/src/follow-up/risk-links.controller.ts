import { Body, Controller, Get, Headers, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { UseRiskLink, ViewRiskLink } from '#libs/contracts';
import { LinkPages } from '../abuse/link-pages.js';
import { ApiPageAnswers } from '../http/api-answers.js';
import { CorrelationId } from '../auth/caller.decorator.js';
import { Public } from '../auth/roles.decorator.js';
import { ServiceClient } from '../http/service-client.js';
import { riskLinkDonePage, riskLinkErrorPage, riskLinkLocale, riskLinkPage } from './risk-link-page.js';
import { RiskLinkSnoozeDto } from './risk-alerts.dto.js';

/** Single-use links of the manager's risk digest: GET shows the alert and the action; only POST acts. */
@ApiTags('email links')
@Controller('risk-links')
export class RiskLinksController {
  constructor(
    private readonly service: ServiceClient,
    private readonly pages: LinkPages,
  ) {}

  @Get(':token')
  @ApiPageAnswers(null, [404, 410, 503])
  @Public('The page behind a risk digest link: the alert and its action, acknowledge or snooze (changes nothing)')
  async view(@Param('token') token: string, @Headers('accept-language') language: string | undefined, @CorrelationId() correlationId: string, @Req() req: Request, @Res() res: Response) {
    await this.pages.show(req, res, () => this.service.call(ViewRiskLink, null, correlationId, { token }), (view) => riskLinkPage(view, riskLinkLocale(view.reader.locale)), (status, message) => riskLinkErrorPage(status, message, riskLinkLocale(language)));
  }

  @Post(':token')
  @ApiPageAnswers('RiskAlertView', [400, 403, 404, 409, 410, 503])
  @Public('Acknowledge or snooze (7 days unless `until` is given; `reason` optional) the alert of a risk digest link, as the manager it was sent to (JSON or form-encoded); a used or expired link answers 410')
  async use(
    @Param('token') token: string,
    @Body() body: RiskLinkSnoozeDto,
    @Headers('accept-language') language: string | undefined,
    @CorrelationId() correlationId: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const snooze = { ...(body.until ? { until: body.until } : {}), ...(body.reason ? { reason: body.reason } : {}) };
    const locale = riskLinkLocale(language);
    await this.pages.act(req, res, () => this.service.call(UseRiskLink, null, correlationId, { token, snooze }), (alert) => riskLinkDonePage(alert, locale), (status, message) => riskLinkErrorPage(status, message, locale));
  }
}
