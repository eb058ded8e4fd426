import { Module } from '@nestjs/common';
import { FailureLimiter } from './failure-limiter.js';
import { LinkGuesses } from './link-guesses.js';

/** The failure counts every gateway replica shares: bearer-token failures and email-link guesses. */
@Module({ providers: [FailureLimiter, LinkGuesses], exports: [FailureLimiter, LinkGuesses] })
export class AbuseModule {}
