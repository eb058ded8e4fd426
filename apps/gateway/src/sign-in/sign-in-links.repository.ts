import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';

export interface SignInLinkState {
  employeeId: string;
  email: string;
  name: string;
  locale: string;
  timezone: string;
  expiresAt: Date;
  usedAt: Date | null;
}

/** Single-use sign-in links: only the SHA-256 of the token is stored. */
@Injectable()
export class SignInLinksRepository {
  async insert(tx: Tx, row: { id: string; employeeId: string; tokenHash: string; createdAt: Date; expiresAt: Date }): Promise<void> {
    await tx.insertInto('SignInLink').values(row).execute();
  }

  /** The link (whatever its state) and whom it signs in; undefined for a token never issued. */
  byTokenHash(db: Tx, tokenHash: string): Promise<SignInLinkState | undefined> {
    return db
      .selectFrom('SignInLink as l')
      .innerJoin('Employee as e', 'e.id', 'l.employeeId')
      .select(['l.employeeId', 'e.email', 'e.name', 'e.locale', 'e.timezone', 'l.expiresAt', 'l.usedAt'])
      .where('l.tokenHash', '=', tokenHash)
      .executeTakeFirst();
  }

  /** Marks the link used if it is unused and unexpired at `now`, in one statement (two clicks: one wins). */
  async consume(tx: Tx, tokenHash: string, now: Date): Promise<string | undefined> {
    const row = await tx
      .updateTable('SignInLink')
      .set({ usedAt: now })
      .where('tokenHash', '=', tokenHash)
      .where('usedAt', 'is', null)
      .where('expiresAt', '>', now)
      .returning('employeeId')
      .executeTakeFirst();
    return row?.employeeId;
  }
}
