import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AnswerPeerReview, CalibrateAppraisal, PickPeers, SignOffAppraisal, SubmitManagerReview, SubmitSelfReview, ViewPeerReview, type RpcRequestOf,
} from '#libs/contracts';
import { RpcHandler } from '#libs/rpc';
import { CyclesService } from '../cycles/cycles.service.js';
import { PeerLinksService } from './peer-links.service.js';
import { ReviewsService } from './reviews.service.js';

@Controller()
export class ReviewsHandlers {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly cycles: CyclesService,
    private readonly links: PeerLinksService,
  ) {}

  @RpcHandler(SubmitSelfReview)
  async self(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof SubmitSelfReview>) {
    await this.reviews.selfReview(caller, body.id, body.review, correlationId);
    return this.cycles.appraisal(caller, body.id);
  }

  @RpcHandler(PickPeers)
  async peers(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof PickPeers>) {
    await this.reviews.pickPeers(caller, body.id, body.pick, correlationId);
    return this.cycles.appraisal(caller, body.id);
  }

  @RpcHandler(SubmitManagerReview)
  async manager(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof SubmitManagerReview>) {
    await this.reviews.managerReview(caller, body.id, body.review, correlationId);
    return this.cycles.appraisal(caller, body.id);
  }

  @RpcHandler(CalibrateAppraisal)
  async calibrate(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof CalibrateAppraisal>) {
    await this.reviews.calibrate(caller, body.id, body.calibration, correlationId);
    return this.cycles.appraisal(caller, body.id);
  }

  @RpcHandler(SignOffAppraisal)
  async signOff(@Payload() { caller, correlationId, body }: RpcRequestOf<typeof SignOffAppraisal>) {
    await this.reviews.signOff(caller, body.id, correlationId);
    return this.cycles.appraisal(caller, body.id);
  }

  @RpcHandler(ViewPeerReview)
  view(@Payload() { body }: RpcRequestOf<typeof ViewPeerReview>) {
    return this.links.view(body.token);
  }

  @RpcHandler(AnswerPeerReview)
  answer(@Payload() { correlationId, body }: RpcRequestOf<typeof AnswerPeerReview>) {
    return this.links.answer(body.token, body.answer, correlationId);
  }
}
