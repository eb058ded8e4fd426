import { Inject, Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { sql, type Selectable } from 'kysely';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { Database, type Tx } from '#libs/database';
import type { DB } from '#generated/kysely';
import { Clock } from '#libs/time';

/** A ledger row as Kysely reads it (`data` is the parsed jsonb). */
export type Notification = Selectable<DB['Notification']>;

const NOTIFICATION = ['id', 'idempotencyKey', 'recipientId', 'recipientEmail', 'kind', 'locale', 'data', 'status', 'attempts', 'lastError',
  'messageId', 'sentAt', 'leaseUntil', 'resentAfterInterrupt', 'failingSince', 'correlationId', 'createdAt', 'updatedAt'] as const;

/**
 * A claim of one row: its number (the row's `attempts` after the claim) fences the holder. A later
 * claim, after the lease ran out, has a higher number, so only the newest holder may change the row.
 */
export interface Claim {
  id: string;
  attempt: number;
}

/** A send that reached the SMTP server, to be recorded `sent` under the claim it held. */
export interface SentEmail extends Claim {
  /** The outbox job the send ran for: recorded done in the same statement. */
  outboxId?: string;
}

/** Sends that start (or end) in the same turn of the event loop share one statement. */
function coalesced<K, V>(batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
  return new DataLoader(batch, { cache: false, maxBatchSize: 200, batchScheduleFn: (dispatch) => setImmediate(dispatch) });
}

/**
 * The guarded state changes of the send ledger. Columns are listed, not `*`: the statements are
 * prepared per connection, and a prepared `*` breaks when a migration adds a column.
 *
 * Claims and sent-marks of concurrent sends are coalesced into one statement each (DataLoader,
 * batched per event-loop turn): at hundreds of emails a second the per-statement cost of the
 * driver, not Postgres, is what limits the notifier.
 */
@Injectable()
export class SendingRepository {
  private readonly claims = coalesced<string, Notification | null>((ids) => this.claimAll(ids));
  private readonly sentMarks = coalesced<SentEmail, boolean>((sends) => this.markAllSent(sends));

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * queued/retrying -> sending under a fresh lease (the row's leaseUntil); an expired lease means
   * an earlier send was interrupted, so it is re-claimed and flagged as a resend. So is an
   * `unknown` row once its resend delay (also kept in leaseUntil) is over. Null when the row is not
   * claimable (sent, dead, leased by another worker, or unknown and not due yet).
   */
  claim(id: string): Promise<Notification | null> {
    return this.claims.load(id);
  }

  /**
   * Only the holder of the claim may mark the row sent (even if its lease ran out, as long as nobody claimed it since). Given the job's outbox row, it is recorded
   * done in the same statement, whoever holds the lease (the job is over either way).
   */
  markSent(sent: SentEmail): Promise<boolean> {
    return this.sentMarks.load(sent);
  }

  async find(id: string): Promise<Notification | null> {
    return (await this.database.db.selectFrom('Notification').select(NOTIFICATION).where('id', '=', id).executeTakeFirst()) ?? null;
  }

  private async claimAll(ids: readonly string[]): Promise<(Notification | null)[]> {
    const now = this.clock.now();
    const lease = new Date(now.getTime() + this.config.SEND_LEASE);
    const { rows } = await sql<Notification>`
      UPDATE "Notification"
      SET status = 'sending', "leaseUntil" = ${lease}, attempts = attempts + 1,
          "resentAfterInterrupt" = "resentAfterInterrupt" OR status IN ('sending', 'unknown'), "updatedAt" = ${now}
      WHERE id = ANY(${[...new Set(ids)]}::uuid[])
        AND (status IN ('queued', 'retrying') OR (status IN ('sending', 'unknown') AND "leaseUntil" < ${now}))
      RETURNING id, "idempotencyKey", "recipientId", "recipientEmail", kind, locale, data, status::text AS status, attempts, "lastError",
                "messageId", "sentAt", "leaseUntil", "resentAfterInterrupt", "failingSince", "correlationId", "createdAt", "updatedAt"`.execute(this.database.db);
    const claimed = new Map(rows.map((row) => [row.id, row]));
    // The same id twice in one batch (a job and its retry racing): only the first one sends.
    return ids.map((id) => {
      const row = claimed.get(id) ?? null;
      claimed.delete(id);
      return row;
    });
  }

  private async markAllSent(sends: readonly SentEmail[]): Promise<boolean[]> {
    const now = this.clock.now();
    const input = JSON.stringify(sends.map((send) => ({ id: send.id, attempt: send.attempt, outboxId: send.outboxId ?? null })));
    const { rows } = await sql<{ id: string; attempt: number }>`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${input}::jsonb) AS i(id uuid, attempt int, "outboxId" uuid)
      ), sent AS (
        UPDATE "Notification" n
        SET status = 'sent', "sentAt" = ${now}, "leaseUntil" = NULL, "lastError" = NULL, "failingSince" = NULL, "updatedAt" = ${new Date()}
        FROM input i
        WHERE n.id = i.id AND n.status = 'sending' AND n.attempts = i.attempt
        RETURNING n.id, i.attempt
      ), done AS (
        UPDATE "Outbox" o SET "doneAt" = ${now}, outcome = 'done'
        FROM input i WHERE o.id = i."outboxId" AND o."doneAt" IS NULL
      )
      SELECT id::text, attempt FROM sent`.execute(this.database.db);
    const recorded = new Set(rows.map((row) => `${row.id}|${row.attempt}`));
    return sends.map((send) => recorded.has(`${send.id}|${send.attempt}`));
  }

  /**
   * The heartbeat of sends in flight: each claim still held gets a fresh lease, in one statement.
   * Returns the claims it did not renew: `takenOver` when another worker claimed the email since
   * (more attempts than this claim's), `ended` when the claim's own send was recorded while the
   * heartbeat ran (sent, retrying, failed: the sender releases it an instant later).
   */
  async renewLeases(claims: readonly Claim[]): Promise<{ takenOver: Claim[]; ended: Claim[] }> {
    if (claims.length === 0) return { takenOver: [], ended: [] };
    const until = new Date(this.clock.now().getTime() + this.config.SEND_LEASE);
    const input = JSON.stringify(claims);
    const { rows } = await sql<{ id: string; takenOver: boolean }>`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${input}::jsonb) AS i(id uuid, attempt int)
      ), renewed AS (
        UPDATE "Notification" n SET "leaseUntil" = ${until}
        FROM input i
        WHERE n.id = i.id AND n.status = 'sending' AND n.attempts = i.attempt
        RETURNING n.id
      )
      SELECT i.id::text, coalesce(n.attempts > i.attempt, false) AS "takenOver"
      FROM input i LEFT JOIN "Notification" n ON n.id = i.id
      WHERE i.id NOT IN (SELECT id FROM renewed)`.execute(this.database.db);
    const takenOver = new Set(rows.filter((row) => row.takenOver).map((row) => row.id));
    const notRenewed = new Set(rows.map((row) => row.id));
    return {
      takenOver: claims.filter((claim) => takenOver.has(claim.id)),
      ended: claims.filter((claim) => notRenewed.has(claim.id) && !takenOver.has(claim.id)),
    };
  }

  /** A failed attempt worth retrying; the retry budget runs from the first one (failingSince). */
  markRetrying(claim: Claim, error: string): Promise<void> {
    return this.markFailedAttempt(claim, error, 'retrying', null);
  }

  /** The relay went silent after the message: nobody sends it again before `resendAfter`. */
  markUnknown(claim: Claim, error: string, resendAfter: Date): Promise<void> {
    return this.markFailedAttempt(claim, error, 'unknown', resendAfter);
  }

  private async markFailedAttempt({ id, attempt }: Claim, error: string, status: 'retrying' | 'unknown', leaseUntil: Date | null): Promise<void> {
    await this.database.db
      .updateTable('Notification')
      .set((eb) => ({ status, leaseUntil, lastError: error.slice(0, 2000), failingSince: eb.fn.coalesce('failingSince', eb.val(this.clock.now())), updatedAt: new Date() }))
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .where('attempts', '=', attempt)
      .execute();
  }

  /** Marks the row dead and records what else belongs with it (a dead letter), in one transaction. */
  async markDeadWith(id: string, error: string, also: (tx: Tx) => Promise<void>): Promise<void> {
    await this.database.transaction(async (tx) => {
      await this.markDead(id, error, tx);
      await also(tx);
    });
  }

  /** A batch job that ran out of retries: every email of it not sent yet is dead. */
  async markUnsentDead(ids: string[], error: string, tx: Tx): Promise<void> {
    if (ids.length === 0) return;
    await tx
      .updateTable('Notification')
      .set({ status: 'dead', leaseUntil: null, lastError: error.slice(0, 2000), updatedAt: new Date() })
      .where('id', 'in', ids)
      .where('status', 'not in', ['sent', 'dead'])
      .execute();
  }

  async markDead(id: string, error: string, tx: Tx = this.database.db): Promise<void> {
    // Prisma's updateMany set @updatedAt itself; here it is explicit.
    await tx
      .updateTable('Notification')
      .set({ status: 'dead', leaseUntil: null, lastError: error.slice(0, 2000), updatedAt: new Date() })
      .where('id', '=', id)
      .where('status', '<>', 'sent')
      .execute();
  }
}
