import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CalibrateAppraisal, PickPeers, SignOffAppraisal, SubmitManagerReview, SubmitSelfReview } from '#libs/contracts';
import { type Caller } from '#libs/rpc';
import { CorrelationId, CurrentCaller } from '../auth/caller.decorator.js';
import { ANY_EMPLOYEE, Roles } from '../auth/roles.decorator.js';
import { ApiAnswers } from '../http/api-answers.js';
import { ServiceClient } from '../http/service-client.js';
import { CalibrationDto, ManagerReviewDto, PickPeersDto, SelfReviewDto } from './appraisal-reviews.dto.js';

/**
 * The review steps. Roles are checked against the appraisal itself (the person, the manager of
 * record, a director above them, HR), so every employee role may call; the service answers 403.
 */
@ApiTags('appraisal')
@Controller('appraisals')
export class AppraisalReviewsController {
  constructor(private readonly service: ServiceClient) {}

  @Post(':id/self-review')
  @HttpCode(200)
  @Roles('The person\u2019s self review {comment}; moves the appraisal on to peer ratings. 403 for anyone else, 409 once given', ANY_EMPLOYEE)
  @ApiAnswers(200, 'AppraisalView', [400, 403, 404, 409, 503])
  self(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: SelfReviewDto, @CorrelationId() correlationId: string) {
    return this.service.call(SubmitSelfReview, caller, correlationId, { id, review: { comment: body.comment } });
  }

  @Post(':id/peers')
  @HttpCode(200)
  @Roles('The manager (or someone above the person) picks the peers {peers}; each gets an email with a single-use link to rate teamwork, anonymous to the person. 409 once picked', ANY_EMPLOYEE)
  @ApiAnswers(200, 'AppraisalView', [400, 403, 404, 409, 503])
  peers(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: PickPeersDto, @CorrelationId() correlationId: string) {
    return this.service.call(PickPeers, caller, correlationId, { id, pick: { peers: body.peers } });
  }

  @Post(':id/manager-review')
  @HttpCode(200)
  @Roles('The manager of record rates {rating 1-5, comment} after the self review; unanswered peer links close. 409 before the self review or once reviewed', ANY_EMPLOYEE)
  @ApiAnswers(200, 'AppraisalView', [400, 403, 404, 409, 503])
  manager(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: ManagerReviewDto, @CorrelationId() correlationId: string) {
    return this.service.call(SubmitManagerReview, caller, correlationId, { id, review: { rating: body.rating, comment: body.comment } });
  }

  @Post(':id/calibration')
  @HttpCode(200)
  @Roles('A director above the manager, HR or ADMIN sets the band {band, reason?}; a band other than the computed one needs a reason (400 without)', ANY_EMPLOYEE)
  @ApiAnswers(200, 'AppraisalView', [400, 403, 404, 409, 503])
  calibrate(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: CalibrationDto, @CorrelationId() correlationId: string) {
    return this.service.call(CalibrateAppraisal, caller, correlationId, { id, calibration: { band: body.band, ...(body.reason !== undefined ? { reason: body.reason } : {}) } });
  }

  @Post(':id/sign-off')
  @HttpCode(200)
  @Roles('Sign-off by a director above the manager, HR or ADMIN: KPIs frozen, the result emailed to the person, a weak KPI enrolls them in a course. 409 on a second sign-off', ANY_EMPLOYEE)
  @ApiAnswers(200, 'AppraisalView', [403, 404, 409, 503])
  signOff(@CurrentCaller() caller: Caller, @Param('id') id: string, @CorrelationId() correlationId: string) {
    return this.service.call(SignOffAppraisal, caller, correlationId, { id });
  }
}
