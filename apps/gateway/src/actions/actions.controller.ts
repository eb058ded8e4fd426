import { Body, Controller, Get, Headers, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DecideByAction, ViewAction } from '#libs/contracts';
import { LinkPages } from '../abuse/link-pages.js';
import { ApiPageAnswers } from '../http/api-answers.js';
import { CorrelationId } from '../auth/caller.decorator.js';
import { Public } from '../auth/roles.decorator.js';
import { DecisionDto } from '../contracts/contract.dto.js';
import { ServiceClient } from '../http/service-client.js';
import { actionPage, errorPage, localeOf, resultPage } from './action-page.js';

/** Single-use email links: GET shows the contract and the choices; only POST decides. */
@ApiTags('email links')
@Controller('actions')
export class ActionsController {
  constructor(
    private readonly service: ServiceClient,
    private readonly pages: LinkPages,
  ) {}

  @Get(':token')
  @ApiPageAnswers(null, [404, 410, 503])
  @Public('The page behind an approval email link (changes nothing)')
  async view(@Param('token') token: string, @Headers('accept-language') language: string | undefined, @CorrelationId() correlationId: string, @Req() req: Request, @Res() res: Response) {
    await this.pages.show(req, res, () => this.service.call(ViewAction, null, correlationId, { token }), (view) => actionPage(view, localeOf(view)), (status, message) => errorPage(status, message, localeOf(null, language)));
  }

  @Post(':token')
  @ApiPageAnswers('ContractWithRoute', [400, 404, 409, 410, 503])
  @Public('Decide through an email link (JSON or form-encoded); a used or expired link answers 410')
  async decide(
    @Param('token') token: string,
    @Body() body: DecisionDto,
    @Headers('accept-language') language: string | undefined,
    @CorrelationId() correlationId: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const decision = { decision: body.decision, ...(body.comment ? { comment: body.comment } : {}) };
    const locale = localeOf(null, language);
    await this.pages.act(req, res, () => this.service.call(DecideByAction, null, correlationId, { token, decision }), (contract) => resultPage(contract, locale), (status, message) => errorPage(status, message, locale));
  }
}
