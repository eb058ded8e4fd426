import { randomUUID } from 'node:crypto';
import { GoneException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Employee } from '#generated/prisma';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { Database, OutboxSignal } from '#libs/database';
import { EmailRecipients, hashSignInToken, NotificationRequester, signInTokenFor } from '#libs/notifications';
import { formatInstant } from '#libs/mail';
import { OrgDirectory } from '#libs/org';
import { Clock } from '#libs/time';
import { FailureLimiter } from '../abuse/failure-limiter.js';
import { SessionsService } from './sessions.service.js';
import { SignInLinksRepository } from './sign-in-links.repository.js';

/** A sign-in link works once, for this long. */
export const SIGN_IN_LINK_TTL_MS = 15 * 60 * 1000;

export interface SignInLinkView {
  email: string;
  name: string;
  locale: string;
  /** When the link stops working, in the employee's time zone: "2027-03-10 10:15 (Asia/Shanghai)". */
  expiresAt: string;
}

/**
 * Email sign-in: asking for a link answers the same whether or not the address is an employee's
 * (limited per address and per client); the link (single-use, 15 minutes) is emailed through the
 * send ledger; using it opens a session.
 */
@Injectable()
export class SignInLinksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: Database,
    private readonly signal: OutboxSignal,
    private readonly notifications: NotificationRequester,
    private readonly recipients: EmailRecipients,
    private readonly directory: OrgDirectory,
    private readonly limiter: FailureLimiter,
    private readonly sessions: SessionsService,
    private readonly repository: SignInLinksRepository,
    private readonly clock: Clock,
  ) {}

  /** 429 when the address or the client asked too often; otherwise an email to the employee, if there is one. */
  async request(email: string, client: string, correlationId: string): Promise<void> {
    const address = email.trim().toLowerCase();
    await this.limiter.refuseIfLimited('sign-in-client', client);
    await this.limiter.refuseIfLimited('sign-in-address', address);
    await this.limiter.recordFailure('sign-in-client', client);
    await this.limiter.recordFailure('sign-in-address', address);
    const employee = await this.directory.findByIdOrEmail(address);
    if (employee) await this.sendLink(employee, correlationId);
  }

  /** What the link page shows (GET changes nothing): 404 for a token never issued, 410 when used or expired. */
  async view(token: string): Promise<SignInLinkView> {
    const link = await this.repository.byTokenHash(this.database.db, hashSignInToken(token));
    if (!link) throw new NotFoundException('This sign-in link does not exist.');
    if (link.usedAt || link.expiresAt <= this.clock.now()) throw new GoneException('This sign-in link was used or has expired; ask for a new one.');
    return { email: link.email, name: link.name, locale: link.locale, expiresAt: formatInstant(link.expiresAt.toISOString(), link.timezone) };
  }

  /** Uses the link and opens a session in one transaction: the link works once, and only for the employee it was sent to. */
  async consume(token: string) {
    const tokenHash = hashSignInToken(token);
    const opened = await this.database.transaction(async (tx) => {
      const employeeId = await this.repository.consume(tx, tokenHash, this.clock.now());
      if (!employeeId) return undefined;
      return { employeeId, ...(await this.sessions.open(employeeId, 'email', tx)) };
    });
    if (!opened) {
      await this.view(token);
      throw new GoneException('This sign-in link was used or has expired; ask for a new one.');
    }
    const employee = await this.directory.findById(opened.employeeId);
    if (!employee) throw new GoneException('This sign-in link names nobody any more.');
    return { employee, session: opened };
  }

  private async sendLink(employee: Employee, correlationId: string): Promise<void> {
    const id = randomUUID();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_TTL_MS);
    await this.database.transaction(async (tx) => {
      await this.repository.insert(tx, { id, employeeId: employee.id, tokenHash: hashSignInToken(signInTokenFor(this.config.LINK_SECRET, id)), createdAt: now, expiresAt });
      const recipient = await this.recipients.of(tx, employee);
      await this.notifications.request(tx, {
        idempotencyKey: `sign-in-link:${id}`,
        recipient: recipient.address,
        kind: 'sign-in-link',
        data: { recipient: recipient.view, expiresAt: expiresAt.toISOString(), signInTokenId: id },
        correlationId,
      });
    });
    this.signal.notify();
  }
}
