import { Body, Controller, Get, Headers, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DecideByAction, ViewAction } from '#libs/contracts';
import { ApiPageAnswers } from '../http/api-answers.js';
import { CorrelationId } from '../auth/caller.decorator.js';
import { Public } from '../auth/roles.decorator.js';
import { DecisionDto } from '../contracts/contract.dto.js';
import { sendLinkError, wantsHtml } from '../http/link-page-response.js';
import { ServiceClient } from '../http/service-client.js';
import { actionPage, errorPage, localeOf, resultPage, type ActionView } from './action-page.js';

/** Single-use email links: GET shows the contract and the choices; only POST decides. */
@ApiTags('email links')
@Controller('actions')
export class ActionsController {
  constructor(private readonly service: ServiceClient) {}

  @Get(':token')
  @Public('The page behind an approval email link (changes nothing)')
  @ApiPageAnswers(null, [404, 410, 503])
  async view(@Param('token') token: string, @Headers('accept-language') language: string | undefined, @CorrelationId() correlationId: string, @Res() res: Response) {
    try {
      const view = await this.service.call(ViewAction, null, correlationId, { token });
      res.status(200).type('html').send(actionPage(view, localeOf(view)));
    } catch (error) {
      this.sendError(res, error, localeOf(null, language), true);
    }
  }

  @Post(':token')
  @Public('Decide through an email link (JSON or form-encoded); a used or expired link answers 410')
  @ApiPageAnswers('ContractWithRoute', [400, 404, 409, 410, 503])
  async decide(
    @Param('token') token: string,
    @Body() body: DecisionDto,
    @Headers('content-type') contentType: string | undefined,
    @Headers('accept') accept: string | undefined,
    @Headers('accept-language') language: string | undefined,
    @CorrelationId() correlationId: string,
    @Res() res: Response,
  ) {
    const html = wantsHtml(contentType, accept);
    const decision = { decision: body.decision, ...(body.comment ? { comment: body.comment } : {}) };
    try {
      const contract = await this.service.call(
        DecideByAction, null, correlationId, { token, decision },
      );
      if (html) res.status(200).type('html').send(resultPage(contract, localeOf(null, language)));
      else res.status(200).json(contract);
    } catch (error) {
      this.sendError(res, error, localeOf(null, language), html);
    }
  }

  private sendError(res: Response, error: unknown, locale: 'zh-CN' | 'en', html: boolean): void {
    sendLinkError(res, error, html, (status, message) => errorPage(status, message, locale));
  }
}
