import { Body, Controller, Get, Headers, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AnswerSurvey, ViewSurvey } from '#libs/contracts';
import { LinkPages } from '../abuse/link-pages.js';
import { ApiPageAnswers } from '../http/api-answers.js';
import { CorrelationId } from '../auth/caller.decorator.js';
import { Public } from '../auth/roles.decorator.js';
import { ServiceClient } from '../http/service-client.js';
import { surveyErrorPage, surveyLocale, surveyPage, surveyThanksPage } from './survey-page.js';
import { SurveyAnswerDto } from './surveys.dto.js';

/** Single-use survey links sent to customer contacts: GET shows the form; only POST answers. */
@ApiTags('email links')
@Controller('surveys')
export class SurveysController {
  constructor(
    private readonly service: ServiceClient,
    private readonly pages: LinkPages,
  ) {}

  @Get(':token')
  @ApiPageAnswers(null, [404, 410, 503])
  @Public('The satisfaction survey behind a survey email link (changes nothing)')
  async view(@Param('token') token: string, @Headers('accept-language') language: string | undefined, @CorrelationId() correlationId: string, @Req() req: Request, @Res() res: Response) {
    await this.pages.show(req, res, () => this.service.call(ViewSurvey, null, correlationId, { token }), (view) => surveyPage(view, surveyLocale(view.locale)), (status, message) => surveyErrorPage(status, message, surveyLocale(language)));
  }

  @Post(':token')
  @ApiPageAnswers('SurveyAnswer', [400, 404, 410, 503])
  @Public('Answer a satisfaction survey {score: 1-5, comment?} (JSON or form-encoded); a used or expired link answers 410')
  async answer(
    @Param('token') token: string,
    @Body() body: SurveyAnswerDto,
    @Headers('accept-language') language: string | undefined,
    @CorrelationId() correlationId: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const answer = { score: body.score, ...(body.comment ? { comment: body.comment } : {}) };
    const locale = surveyLocale(language);
    await this.pages.act(req, res, () => this.service.call(AnswerSurvey, null, correlationId, { token, answer }), (answered) => surveyThanksPage(answered.score, locale), (status, message) => surveyErrorPage(status, message, locale));
  }
}
