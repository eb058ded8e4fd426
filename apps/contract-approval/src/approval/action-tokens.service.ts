import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { sql } from 'kysely';
import type { Tx } from '#libs/database';
import { actionTokenFor, hashActionToken } from '#libs/notifications';
import { GoneError, NotFoundError } from '#libs/rpc';
import type { ActionToken } from '#generated/prisma';

/** One link per (approver, step, round): single-use, expiring, stored only as a hash. */
@Injectable()
export class ActionTokens {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Returns the token row id; the email derives the link from it when rendered. */
  async issue(tx: Tx, stepId: string, employeeId: string, round: number, now: Date): Promise<string> {
    const [id] = await this.issueAll(tx, [{ stepId, employeeId }], round, now);
    return id;
  }

  /**
   * One statement for a stage's links: new ones are inserted, existing ones kept. Returns the
   * token ids in the order asked.
   */
  async issueAll(tx: Tx, links: { stepId: string; employeeId: string }[], round: number, now: Date): Promise<string[]> {
    if (links.length === 0) return [];
    const expiresAt = new Date(now.getTime() + this.config.ACTION_LINK_TTL_HOURS * 3600_000);
    const createdAt = new Date();
    const rows = links.map(({ stepId, employeeId }) => {
      const id = randomUUID();
      return sql`(${id}::uuid, ${hashActionToken(actionTokenFor(this.config.LINK_SECRET, id))}, ${stepId}::uuid, ${employeeId}::uuid, ${round}::int, ${expiresAt}::timestamp, ${createdAt}::timestamp)`;
    });
    const { rows: issued } = await sql<{ id: string; stepId: string; employeeId: string }>`
      WITH wanted (id, "tokenHash", "stepId", "employeeId", round, "expiresAt", "createdAt") AS (VALUES ${sql.join(rows)}),
      inserted AS (
        INSERT INTO "ActionToken" (id, "tokenHash", "stepId", "employeeId", round, "expiresAt", "createdAt")
        SELECT * FROM wanted
        ON CONFLICT ("stepId", "employeeId", round) DO NOTHING
        RETURNING id, "stepId", "employeeId"
      )
      SELECT id, "stepId", "employeeId" FROM inserted
      UNION ALL
      SELECT t.id, t."stepId", t."employeeId" FROM "ActionToken" t JOIN wanted w USING ("stepId", "employeeId", round)`.execute(tx);
    const byLink = new Map(issued.map((row) => [`${row.stepId}:${row.employeeId}`, row.id]));
    return links.map(({ stepId, employeeId }) => {
      const id = byLink.get(`${stepId}:${employeeId}`);
      if (!id) throw new Error(`No action token for step ${stepId} and employee ${employeeId}: issued concurrently outside the contract lock?`);
      return id;
    });
  }

  /** A usable token, or 404 (never issued) / 410 (used or expired). */
  async usable(tx: Tx, token: string, now: Date): Promise<ActionToken> {
    const row = await tx
      .selectFrom('ActionToken')
      .select(['id', 'tokenHash', 'stepId', 'employeeId', 'round', 'expiresAt', 'usedAt', 'createdAt'])
      .where('tokenHash', '=', hashActionToken(token))
      .executeTakeFirst();
    if (!row) throw new NotFoundError('This link is not valid.');
    if (row.usedAt) throw new GoneError('This link has already been used.');
    if (row.expiresAt.getTime() <= now.getTime()) throw new GoneError('This link has expired.');
    return row;
  }

  /** Marks it used; a concurrent use of the same link loses with 410. */
  async consume(tx: Tx, tokenId: string, now: Date): Promise<void> {
    const used = await tx.updateTable('ActionToken').set({ usedAt: now }).where('id', '=', tokenId).where('usedAt', 'is', null).executeTakeFirst();
    if (used.numUpdatedRows === 0n) throw new GoneError('This link has already been used.');
  }
}
