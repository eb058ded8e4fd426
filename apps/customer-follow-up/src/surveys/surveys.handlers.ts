import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PATTERNS, type RpcRequest } from '#libs/rpc';
import { SurveyAnswers, type SurveyAnswerInput } from './survey-answers.service.js';

/** The public survey page's requests (no caller: the single-use token is the authority). */
@Controller()
export class SurveysHandlers {
  constructor(private readonly answers: SurveyAnswers) {}

  @MessagePattern(PATTERNS.followUp.surveyView)
  view(@Payload() { body }: RpcRequest<{ token: string }>) {
    return this.answers.view(body.token);
  }

  @MessagePattern(PATTERNS.followUp.surveyAnswer)
  answer(@Payload() { correlationId, body }: RpcRequest<{ token: string; answer: SurveyAnswerInput }>) {
    return this.answers.answer(body.token, body.answer, correlationId);
  }
}
