import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { OrgDirectory } from '#libs/org';
import type { Caller } from '#libs/rpc';
import { FailureLimiter } from '../abuse/failure-limiter.js';
import { bearerSubject } from './bearer-claims.js';
import { ANY_EMPLOYEE, PUBLIC_KEY, ROLES_KEY } from './roles.decorator.js';

export type AuthedRequest = Request & { caller: Caller; id: string };

/** Bearer JWT (HS256): `sub` names the employee; roles come from the directory, never the token. */
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
    const roles = this.reflector.getAllAndOverride<string[] | typeof ANY_EMPLOYEE>(ROLES_KEY, targets);
    if (!roles) throw new ForbiddenException('This endpoint declares no roles.');
    if (roles !== ANY_EMPLOYEE && !roles.includes(employee.role)) {
      throw new ForbiddenException(`This needs one of the roles ${roles.join(', ')}; you are ${employee.role}.`);
    }
    return true;
  }

  /** The employee the bearer token names; 401 otherwise, and 429 once the client has failed too often. */
  async authenticate(request: Request) {
    const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
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
