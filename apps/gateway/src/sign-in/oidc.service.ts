import { ForbiddenException, Inject, Injectable, Logger, NotFoundException, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import * as oidc from 'openid-client';
import type { Employee } from '#generated/prisma';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { OrgDirectory } from '#libs/org';
import { Clock } from '#libs/time';
import { openOidcState, sealOidcState } from './oidc-state.js';
import { SessionsService } from './sessions.service.js';

/** The browser has this long between leaving for the provider and coming back. */
export const OIDC_STATE_TTL_SECONDS = 600;
export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';

/**
 * Company single sign-on: the OpenID Connect authorization code flow with PKCE (S256), state and
 * nonce, through openid-client. The provider's `email` claim (from the ID token, else userinfo)
 * names the employee; an address the directory does not know, or one the provider says is not
 * verified, opens nothing.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private discovered?: Promise<oidc.Configuration>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly directory: OrgDirectory,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
  ) {}

  get enabled(): boolean {
    return this.config.OIDC_ISSUER_URL !== undefined;
  }

  /** Where to send the browser, and the sealed state its cookie keeps meanwhile. */
  async start(): Promise<{ url: string; sealedState: string }> {
    const configuration = await this.configuration();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri(),
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const sealedState = sealOidcState(this.config.LINK_SECRET, { state, nonce, codeVerifier, expiresAt: this.clock.now().getTime() + OIDC_STATE_TTL_SECONDS * 1000 });
    return { url: url.href, sealedState };
  }

  /** Redeems the code (checking state, nonce and the PKCE verifier) and opens a session for the employee the email claim names. */
  async finish(callbackPathAndQuery: string, sealedState: string | undefined) {
    const configuration = await this.configuration();
    const saved = openOidcState(this.config.LINK_SECRET, sealedState, this.clock.now().getTime());
    if (!saved) throw new UnauthorizedException('The single sign-on attempt expired or did not start here; start again.');
    let email: unknown;
    let verified: unknown;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, new URL(callbackPathAndQuery, this.publicBase()), {
        pkceCodeVerifier: saved.codeVerifier,
        expectedState: saved.state,
        expectedNonce: saved.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      ({ email, email_verified: verified } = claims);
      if (typeof email !== 'string') ({ email, email_verified: verified } = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub));
    } catch (error) {
      this.logger.warn(`Single sign-on failed at the provider: ${(error as Error).message}`);
      throw new UnauthorizedException(`Single sign-on failed: ${(error as Error).message}`);
    }
    const employee = await this.employeeFor(email, verified);
    return { employee, session: await this.sessions.open(employee.id, 'oidc') };
  }

  private async employeeFor(email: unknown, verified: unknown): Promise<Employee> {
    if (typeof email !== 'string' || !email.includes('@')) throw new ForbiddenException('The identity provider gave no email address.');
    if (verified === false) throw new ForbiddenException('The identity provider has not verified this email address.');
    const employee = await this.directory.findByIdOrEmail(email);
    if (!employee) throw new ForbiddenException('This address is not an employee\u2019s of this organization.');
    return employee;
  }

  /** Discovered once; a failure is forgotten so the next sign-in tries again. */
  private configuration(): Promise<oidc.Configuration> {
    const issuer = this.config.OIDC_ISSUER_URL;
    if (!issuer) throw new NotFoundException('Single sign-on is not configured.');
    this.discovered ??= oidc
      .discovery(new URL(issuer), this.config.OIDC_CLIENT_ID!, this.config.OIDC_CLIENT_SECRET!, undefined, issuer.startsWith('http://') ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((error: Error) => {
        this.discovered = undefined;
        throw new ServiceUnavailableException(`The identity provider could not be reached: ${error.message}`);
      });
    return this.discovered;
  }

  private publicBase(): string {
    return this.config.PUBLIC_BASE_URL.replace(/\/$/, '');
  }

  private redirectUri(): string {
    return `${this.publicBase()}${OIDC_CALLBACK_PATH}`;
  }
}
