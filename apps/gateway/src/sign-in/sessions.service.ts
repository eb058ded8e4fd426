import { randomUUID } from 'node:crypto';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Employee } from '#generated/prisma';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { Database, type Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { Clock } from '#libs/time';
import { hashSessionSecret, newSessionSecret } from './session-token.js';
import { SessionsRepository, type SessionRow } from './sessions.repository.js';

export type SignInMethod = 'email' | 'oidc';

/** What a request authenticated by its session cookie carries: the session and its stored hash (the CSRF token's key). */
export interface SessionOfRequest {
  id: string;
  tokenHash: string;
  expiresAt: Date;
}

export interface SessionView {
  id: string;
  employeeId: string;
  method: SignInMethod;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  revokedAt: string | null;
  /** live, expired or revoked at the time of reading. */
  state: 'live' | 'expired' | 'revoked';
}

/** lastSeenAt is written at most this often per session, so reading pages is not a write each time. */
const TOUCH_EVERY_MS = 60_000;
const LIST_LIMIT = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Browser sessions: opened by a sign-in, expiring after SESSION_TTL, revocable by their holder (sign-out) and by ADMIN. */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: Database,
    private readonly repository: SessionsRepository,
    private readonly directory: OrgDirectory,
    private readonly clock: Clock,
  ) {}

  /** Opens a session (inside the sign-in's transaction when given); the secret goes to the cookie and nowhere else. */
  async open(employeeId: string, method: SignInMethod, tx: Tx = this.database.db): Promise<{ secret: string; expiresAt: Date; maxAgeSeconds: number }> {
    const secret = newSessionSecret();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.SESSION_TTL * 1000);
    await this.repository.insert(tx, { id: randomUUID(), tokenHash: hashSessionSecret(secret), employeeId, method, createdAt: now, expiresAt, lastSeenAt: now });
    return { secret, expiresAt, maxAgeSeconds: this.config.SESSION_TTL };
  }

  /** The employee a live session's secret names, or null (unknown, expired, revoked, or the employee is gone). */
  async authenticate(secret: string): Promise<{ employee: Employee; session: SessionOfRequest } | null> {
    const now = this.clock.now();
    const row = await this.repository.live(this.database.db, hashSessionSecret(secret), now);
    if (!row) return null;
    const employee = await this.directory.findById(row.employeeId);
    if (!employee) return null;
    if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await this.repository.touch(this.database.db, row.id, now);
    return { employee, session: { id: row.id, tokenHash: row.tokenHash, expiresAt: row.expiresAt } };
  }

  /** Sign-out: the session the cookie names ends now. */
  async signOut(secret: string): Promise<void> {
    await this.repository.revoke(this.database.db, { tokenHash: hashSessionSecret(secret) }, this.clock.now());
  }

  async list(employeeIdOrEmail: string): Promise<SessionView[]> {
    const employee = await this.directory.findByIdOrEmail(employeeIdOrEmail);
    if (!employee) throw new NotFoundException('No such employee.');
    const rows = await this.repository.ofEmployee(this.database.db, employee.id, LIST_LIMIT);
    const now = this.clock.now();
    return rows.map((row) => view(row, now));
  }

  /** ADMIN: one session ends now (404 when no session has that id; revoking twice is harmless). */
  async revoke(id: string): Promise<{ revoked: number }> {
    if (!UUID.test(id) || !(await this.repository.exists(this.database.db, id))) throw new NotFoundException('No such session.');
    return { revoked: (await this.repository.revoke(this.database.db, { id }, this.clock.now())).length };
  }

  /** ADMIN: every live session of an employee ends now. */
  async revokeAllOf(employeeIdOrEmail: string): Promise<{ revoked: number }> {
    const employee = await this.directory.findByIdOrEmail(employeeIdOrEmail);
    if (!employee) throw new NotFoundException('No such employee.');
    return { revoked: (await this.repository.revoke(this.database.db, { employeeId: employee.id }, this.clock.now())).length };
  }
}

function view(row: SessionRow, now: Date): SessionView {
  const state = row.revokedAt ? 'revoked' : row.expiresAt <= now ? 'expired' : 'live';
  return {
    id: row.id,
    employeeId: row.employeeId,
    method: row.method as SignInMethod,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    state,
  };
}
