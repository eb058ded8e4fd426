import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src/index.js';
import type { Tx } from '../../../../libs/database/src/index.js';
import { actionTokenFor, hashActionToken } from '../../../../libs/notifications/src/index.js';
import { GoneError, NotFoundError } from '../../../../libs/rpc/src/index.js';
import type { ActionToken } from '../../../../generated/prisma/client.js';

/** One link per (approver, step, round): single-use, expiring, stored only as a hash. */
@Injectable()
export class ActionTokens {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Returns the token row id; the email derives the link from it when rendered. */
  async issue(tx: Tx, stepId: string, employeeId: string, round: number, now: Date): Promise<string> {
    const existing = await tx.actionToken.findUnique({ where: { stepId_employeeId_round: { stepId, employeeId, round } } });
    if (existing) return existing.id;
    const id = randomUUID();
    await tx.actionToken.create({
      data: {
        id,
        stepId,
        employeeId,
        round,
        tokenHash: hashActionToken(actionTokenFor(this.config.JWT_SECRET, id)),
        expiresAt: new Date(now.getTime() + this.config.ACTION_LINK_TTL_HOURS * 3600_000),
      },
    });
    return id;
  }

  /** A usable token, or 404 (never issued) / 410 (used or expired). */
  async usable(tx: Tx, token: string, now: Date): Promise<ActionToken> {
    const row = await tx.actionToken.findUnique({ where: { tokenHash: hashActionToken(token) } });
    if (!row) throw new NotFoundError('This link is not valid.');
    if (row.usedAt) throw new GoneError('This link has already been used.');
    if (row.expiresAt.getTime() <= now.getTime()) throw new GoneError('This link has expired.');
    return row;
  }

  /** Marks it used; a concurrent use of the same link loses with 410. */
  async consume(tx: Tx, tokenId: string, now: Date): Promise<void> {
    const used = await tx.actionToken.updateMany({ where: { id: tokenId, usedAt: null }, data: { usedAt: now } });
    if (used.count === 0) throw new GoneError('This link has already been used.');
  }
}
