import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AnswerSurvey, ViewSurvey, type RpcRequestOf } from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { SurveyAnswers } from './survey-answers.service.js';

/** The public survey page's requests (no caller: the single-use token is the authority). */
@Controller()
export class SurveysHandlers {
  constructor(private readonly answers: SurveyAnswers) {}

  @RpcHandler(ViewSurvey)
  view(@Payload() { body }: RpcRequestOf<typeof ViewSurvey>) {
    return this.answers.view(body.token);
  }

  @RpcHandler(AnswerSurvey)
  answer(@Payload() { correlationId, body }: RpcRequestOf<typeof AnswerSurvey>) {
    return this.answers.answer(body.token, body.answer, correlationId);
  }
}
