import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { OrgDirectory } from '#libs/org';
import type { Caller } from '#libs/rpc';
import { FailureLimiter } from '../abuse/failure-limiter.js';
import { sessionCookieOf } from '../sign-in/session-cookie.js';
import { SessionsService } from '../sign-in/sessions.service.js';
import { bearerSubject } from './bearer-claims.js';
import { CsrfTokens, type SessionRequest } from './csrf-tokens.js';
import { ANY_EMPLOYEE, CSRF_BY_FETCH_METADATA, PUBLIC_KEY, ROLES_KEY } from './roles.decorator.js';

export type AuthedRequest = SessionRequest & { caller: Caller; id: string };

/**
 * Who is calling: a bearer JWT (HS256, API clients: `sub` names the employee) or, without an
 * Authorization header, the browser session cookie (sign-in), whose state-changing requests must
 * also carry the session's CSRF token. Roles come from the directory, never the credential.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /**
   * Made once: given the secret as a string, jsonwebtoken first tries it as a PEM public key on
   * every request (createPublicKey throws, then createSecretKey), ~0.9 ms of CPU per request.
   */
  private readonly key: KeyObject;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reflector: Reflector,
    private readonly directory: OrgDirectory,
    private readonly limiter: FailureLimiter,
    private readonly sessions: SessionsService,
    private readonly csrf: CsrfTokens,
  ) {
    this.key = createSecretKey(Buffer.from(config.JWT_SECRET));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // NATS requests come from the gateway, which authenticated the caller already.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const employee = await this.authenticate(request);
    request.caller = { id: employee.id, email: employee.email, name: employee.name, role: employee.role };
    this.csrf.check(request, { sameOriginFetch: this.reflector.getAllAndOverride<boolean>(CSRF_BY_FETCH_METADATA, targets) ?? false });
    const roles = this.reflector.getAllAndOverride<string[] | typeof ANY_EMPLOYEE>(ROLES_KEY, targets);
    if (!roles) throw new ForbiddenException('This endpoint declares no roles.');
    if (roles !== ANY_EMPLOYEE && !roles.includes(employee.role)) {
      throw new ForbiddenException(`This needs one of the roles ${roles.join(', ')}; you are ${employee.role}.`);
    }
    return true;
  }

  /**
   * The employee the bearer token, or else the session cookie, names; 401 otherwise, and 429 once
   * the client has failed too often with bearer tokens. A session found is put on the request.
   */
  async authenticate(request: SessionRequest) {
    if (request.headers.authorization === undefined) {
      const secret = sessionCookieOf(request);
      if (secret === undefined) throw new UnauthorizedException('A bearer token (Authorization: Bearer <JWT>) or a sign-in session is required.');
      const found = await this.sessions.authenticate(secret);
      if (!found) throw new UnauthorizedException('The session has expired or was ended; sign in again.');
      request.signInSession = found.session;
      return found.employee;
    }
    const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization);
    if (!match) throw new UnauthorizedException('A bearer token is required (Authorization: Bearer <JWT>).');
    const client = clientAddress(request);
    await this.limiter.refuseIfLimited('token', client);
    return this.employeeOf(match[1]).catch(async (error: unknown) => {
      if (error instanceof UnauthorizedException) await this.limiter.recordFailure('token', client);
      throw error;
    });
  }

  private async employeeOf(token: string) {
    let subject: string;
    try {
      const claims = jwt.verify(token, this.key, { algorithms: ['HS256'] });
      subject = bearerSubject(claims, this.config.JWT_MAX_LIFETIME, Math.floor(Date.now() / 1000));
    } catch (error) {
      throw new UnauthorizedException(`The bearer token is invalid: ${(error as Error).message}.`);
    }
    const employee = await this.directory.findByIdOrEmail(subject);
    if (!employee) throw new UnauthorizedException('The token names no employee of this organization.');
    return employee;
  }
}

/** The address failures are counted under (the socket's peer; behind a proxy, configure Express's trust proxy). */
export function clientAddress(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}
