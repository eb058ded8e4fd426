import { Module } from '@nestjs/common';
import { FailureLimiter } from './failure-limiter.js';
import { LinkGuesses } from './link-guesses.js';
import { LinkPages } from './link-pages.js';

/** The failure counts every gateway replica shares (bearer-token failures, email-link guesses), and the link pages that count them. */
@Module({ providers: [FailureLimiter, LinkGuesses, LinkPages], exports: [FailureLimiter, LinkGuesses, LinkPages] })
export class AbuseModule {}
