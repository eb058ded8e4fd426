import { Module } from '@nestjs/common';
import { CyclesModule } from '../cycles/cycles.module.js';
import { TemplatesModule } from '../templates/templates.module.js';
import { PeerLinksService } from './peer-links.service.js';
import { ReviewDeadlinesJobs } from './review-deadlines.jobs.js';
import { ReviewsMailer } from './reviews.mailer.js';
import { ReviewsHandlers } from './reviews.rpc.js';
import { ReviewsService } from './reviews.service.js';
import { SignOff } from './sign-off.service.js';

/** The review steps of an appraisal, the peers' link page, and each step's reminder and escalation. */
@Module({
  imports: [CyclesModule, TemplatesModule],
  controllers: [ReviewsHandlers],
  providers: [ReviewsMailer, ReviewsService, PeerLinksService, SignOff, ReviewDeadlinesJobs],
})
export class ReviewsModule {}
