import { Body, Controller, Get, Headers, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AnswerSurvey, ViewSurvey } from '#libs/contracts';
import { ApiPageAnswers } from '../http/api-answers.js';
import { CorrelationId } from '../auth/caller.decorator.js';
import { Public } from '../auth/roles.decorator.js';
import { sendLinkError, wantsHtml } from '../http/link-page-response.js';
import { ServiceClient } from '../http/service-client.js';
import { surveyErrorPage, surveyLocale, surveyPage, surveyThanksPage, type SurveyLocale, type SurveyPageView } from './survey-page.js';
import { SurveyAnswerDto } from './surveys.dto.js';

/** Single-use survey links sent to customer contacts: GET shows the form; only POST answers. */
@ApiTags('email links')
@Controller('surveys')
export class SurveysController {
  constructor(private readonly service: ServiceClient) {}

  @Get(':token')
  @Public('The satisfaction survey behind a survey email link (changes nothing)')
  @ApiPageAnswers(null, [404, 410, 503])
  async view(@Param('token') token: string, @Headers('accept-language') language: string | undefined, @CorrelationId() correlationId: string, @Res() res: Response) {
    try {
      const view = await this.service.call(ViewSurvey, null, correlationId, { token });
      res.status(200).type('html').send(surveyPage(view, surveyLocale(view.locale)));
    } catch (error) {
      this.sendError(res, error, surveyLocale(language), true);
    }
  }

  @Post(':token')
  @Public('Answer a satisfaction survey {score: 1-5, comment?} (JSON or form-encoded); a used or expired link answers 410')
  @ApiPageAnswers('SurveyAnswer', [400, 404, 410, 503])
  async answer(
    @Param('token') token: string,
    @Body() body: SurveyAnswerDto,
    @Headers('content-type') contentType: string | undefined,
    @Headers('accept') accept: string | undefined,
    @Headers('accept-language') language: string | undefined,
    @CorrelationId() correlationId: string,
    @Res() res: Response,
  ) {
    const html = wantsHtml(contentType, accept);
    const answer = { score: body.score, ...(body.comment ? { comment: body.comment } : {}) };
    try {
      const answered = await this.service.call(AnswerSurvey, null, correlationId, { token, answer });
      if (html) res.status(200).type('html').send(surveyThanksPage(answered.score, surveyLocale(language)));
      else res.status(200).json(answered);
    } catch (error) {
      this.sendError(res, error, surveyLocale(language), html);
    }
  }

  private sendError(res: Response, error: unknown, locale: SurveyLocale, html: boolean): void {
    sendLinkError(res, error, html, (status, message) => surveyErrorPage(status, message, locale));
  }
}
