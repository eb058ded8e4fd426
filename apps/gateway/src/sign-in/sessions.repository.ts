import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';

export interface SessionRow {
  id: string;
  tokenHash: string;
  employeeId: string;
  method: string;
  createdAt: Date;
  expiresAt: Date;
  lastSeenAt: Date;
  revokedAt: Date | null;
}

/** Browser sessions: only the SHA-256 of the cookie's secret is stored. */
@Injectable()
export class SessionsRepository {
  async insert(db: Tx, row: Omit<SessionRow, 'revokedAt'>): Promise<void> {
    await db.insertInto('SignInSession').values(row).execute();
  }

  /** The session the hash names while it is neither revoked nor expired at `now`. */
  live(db: Tx, tokenHash: string, now: Date): Promise<SessionRow | undefined> {
    return db.selectFrom('SignInSession').selectAll().where('tokenHash', '=', tokenHash).where('revokedAt', 'is', null).where('expiresAt', '>', now).executeTakeFirst();
  }

  async touch(db: Tx, id: string, now: Date): Promise<void> {
    await db.updateTable('SignInSession').set({ lastSeenAt: now }).where('id', '=', id).execute();
  }

  /** Revokes one session (by id) or the one a cookie names (by hash); the ids of those it revoked. */
  async revoke(db: Tx, where: { id: string } | { tokenHash: string } | { employeeId: string }, now: Date): Promise<string[]> {
    let query = db.updateTable('SignInSession').set({ revokedAt: now }).where('revokedAt', 'is', null);
    if ('id' in where) query = query.where('id', '=', where.id);
    else if ('tokenHash' in where) query = query.where('tokenHash', '=', where.tokenHash);
    else query = query.where('employeeId', '=', where.employeeId).where('expiresAt', '>', now);
    const rows = await query.returning('id').execute();
    return rows.map((row) => row.id);
  }

  exists(db: Tx, id: string): Promise<{ id: string } | undefined> {
    return db.selectFrom('SignInSession').select('id').where('id', '=', id).executeTakeFirst();
  }

  /** An employee's sessions, newest first (revoked and expired ones too, so an ADMIN sees the history). */
  ofEmployee(db: Tx, employeeId: string, limit: number): Promise<SessionRow[]> {
    return db.selectFrom('SignInSession').selectAll().where('employeeId', '=', employeeId).orderBy('createdAt', 'desc').limit(limit).execute();
  }
}
