import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Database } from '#libs/database';
import { Clock } from '#libs/time';

const DAY_MS = 24 * 3600_000;
/** How often each gateway replica deletes what has run out (harmless when replicas overlap). */
const EVERY_MS = 6 * 3600_000;
/** A spent or expired link is useless a day later (kept that long to answer 410, not 404). */
export const SIGN_IN_LINK_RETENTION_MS = DAY_MS;
/** Ended sessions (expired or revoked) stay in an employee's session history this long. */
export const SIGN_IN_SESSION_RETENTION_MS = 30 * DAY_MS;

/**
 * Deletes sign-in links and sessions that ended long enough ago: without it every sign-in leaves
 * two rows behind for good. Links go a day after they expire; sessions 30 days after they ended,
 * so an ADMIN still sees last month's sign-ins (GET /auth/sessions).
 */
@Injectable()
export class SignInHousekeeping implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SignInHousekeeping.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.purge().catch((error: Error) => this.logger.warn(`Deleting ended sign-in links and sessions failed, next try in 6 h: ${error.message}`));
    }, EVERY_MS).unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async purge(): Promise<{ links: number; sessions: number }> {
    const now = this.clock.now().getTime();
    const linksBefore = new Date(now - SIGN_IN_LINK_RETENTION_MS);
    const sessionsBefore = new Date(now - SIGN_IN_SESSION_RETENTION_MS);
    const links = await this.database.db.deleteFrom('SignInLink').where('expiresAt', '<', linksBefore).executeTakeFirst();
    const sessions = await this.database.db
      .deleteFrom('SignInSession')
      .where((eb) => eb.or([eb('expiresAt', '<', sessionsBefore), eb('revokedAt', '<', sessionsBefore)]))
      .executeTakeFirst();
    const deleted = { links: Number(links.numDeletedRows), sessions: Number(sessions.numDeletedRows) };
    if (deleted.links + deleted.sessions > 0) this.logger.log(`Deleted ${deleted.links} ended sign-in links and ${deleted.sessions} sessions.`);
    return deleted;
  }
}
