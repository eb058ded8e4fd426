import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AnswerSurvey, ReadSatisfactionReport, ViewSurvey, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { SatisfactionReport } from './satisfaction-report.service.js';
import { SurveyAnswers } from './survey-answers.service.js';

/** The public survey page's requests (no caller: the single-use token is the authority), and the satisfaction report. */
@Controller()
export class SurveysHandlers {
  constructor(
    private readonly answers: SurveyAnswers,
    private readonly report: SatisfactionReport,
  ) {}

  @RpcHandler(ViewSurvey)
  view(@Payload() { body }: RpcRequestOf<typeof ViewSurvey>) {
    return this.answers.view(body.token);
  }

  @RpcHandler(AnswerSurvey)
  answer(@Payload() { correlationId, body }: RpcRequestOf<typeof AnswerSurvey>) {
    return this.answers.answer(body.token, body.answer, correlationId);
  }

  @RpcHandler(ReadSatisfactionReport)
  satisfaction(@Payload() { caller, body }: RpcRequestOf<typeof ReadSatisfactionReport>) {
    return this.report.read(caller, body);
  }
}
