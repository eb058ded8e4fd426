import { Body, Controller, Get, Headers, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AnswerPeerReview, ViewPeerReview } from '#libs/contracts';
import { LinkPages } from '../abuse/link-pages.js';
import { CorrelationId } from '../auth/caller.decorator.js';
import { Public } from '../auth/roles.decorator.js';
import { ApiPageAnswers } from '../http/api-answers.js';
import { ServiceClient } from '../http/service-client.js';
import { PeerRatingDto } from './appraisal-reviews.dto.js';
import { peerPageLocale, peerReviewErrorPage, peerReviewPage, peerReviewThanksPage } from './peer-review-page.js';

/** Single-use links sent to the peers a manager picked: GET shows the form; only POST rates. */
@ApiTags('email links')
@Controller('peer-reviews')
export class PeerReviewsController {
  constructor(
    private readonly service: ServiceClient,
    private readonly pages: LinkPages,
  ) {}

  @Get(':token')
  @ApiPageAnswers(null, [404, 410, 503])
  @Public('The teamwork rating form behind a peer review email link (changes nothing)')
  async view(@Param('token') token: string, @Headers('accept-language') language: string | undefined, @CorrelationId() correlationId: string, @Req() req: Request, @Res() res: Response) {
    await this.pages.show(req, res, () => this.service.call(ViewPeerReview, null, correlationId, { token }), (view) => peerReviewPage(view, peerPageLocale(view.locale)), (status, message) => peerReviewErrorPage(status, message, peerPageLocale(language)));
  }

  @Post(':token')
  @ApiPageAnswers('PeerRating', [400, 404, 410, 503])
  @Public('Rate a colleague\u2019s teamwork {rating: 1-5, comment?} (JSON or form-encoded); a used link, or one whose appraisal moved on, answers 410')
  async answer(
    @Param('token') token: string,
    @Body() body: PeerRatingDto,
    @Headers('accept-language') language: string | undefined,
    @CorrelationId() correlationId: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const answer = { rating: body.rating, ...(body.comment ? { comment: body.comment } : {}) };
    const locale = peerPageLocale(language);
    await this.pages.act(req, res, () => this.service.call(AnswerPeerReview, null, correlationId, { token, answer }), (answered) => peerReviewThanksPage(answered.rating, locale), (status, message) => peerReviewErrorPage(status, message, locale));
  }
}
