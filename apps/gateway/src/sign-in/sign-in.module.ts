import { Module } from '@nestjs/common';
import { AbuseModule } from '../abuse/abuse.module.js';
import { CsrfTokens } from '../auth/csrf-tokens.js';
import { OidcController } from './oidc.controller.js';
import { OidcService } from './oidc.service.js';
import { SessionCookies } from './session-cookies.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';
import { SignInController } from './sign-in.controller.js';
import { SignInHousekeeping } from './sign-in-housekeeping.js';
import { SignInLinksRepository } from './sign-in-links.repository.js';
import { SignInLinksService } from './sign-in-links.service.js';

/** Sign-in (email links, single sign-on) and the browser sessions the guard accepts beside bearer tokens. */
@Module({
  imports: [AbuseModule],
  controllers: [SignInController, SessionsController, OidcController],
  providers: [SessionsRepository, SessionsService, SessionCookies, SignInLinksRepository, SignInLinksService, SignInHousekeeping, OidcService, CsrfTokens],
  exports: [SessionsService, CsrfTokens],
})
export class SignInModule {}
