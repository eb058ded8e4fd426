// The cost of finding what is due, for `npm run bench:scale`: one TimerSweeper.sweep (the same
// class every replica runs each second) and the digest's due-visit query, timed against the bench
// database with the same number due whatever the number of plans.
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { Tx } from '#libs/database';
import type { TimerSweeper } from '#libs/workflow';
import { localDayBounds } from '../apps/customer-follow-up/src/revisits/local-days.js';
import type { RevisitsRepository } from '../apps/customer-follow-up/src/revisits/revisits.repository.js';
import { median, percentile } from './stats.js';

export interface SweepFigures {
  /** Median of the runs: one sweep claiming every due timer (batches of 500) and writing their outbox rows. */
  dueSweepMs: number;
  fired: number;
  /** A sweep with nothing due: what every replica pays every second. */
  idleSweepMs: number;
  /** The digest's due-visit query (RevisitsRepository.dueForOwners) for one batch of owners. */
  dueQueryMedianMs: number;
  dueQueryP95Ms: number;
  dueVisitsPerOwner: number;
}

const RUNS = 3;

/** Puts the fired timers back and removes the outbox rows the sweep wrote, so the next run finds the same ones due. */
async function undoSweep(client: pg.Client, now: Date): Promise<void> {
  await client.query(`DELETE FROM "Outbox" WHERE "jobName" = 'visit.escalate-overdue' AND "createdAt" = $1::timestamp`, [now.toISOString()]);
  await client.query(`UPDATE "Timer" SET "firedAt" = NULL WHERE "firedAt" = $1::timestamp AND kind = 'visit.escalate-overdue'`, [now.toISOString()]);
}

/** After the last measurement: the due escalations count as handled, so the running system does not work on them during the digest. */
export async function retireDueTimers(client: pg.Client, now: Date): Promise<void> {
  await client.query(`UPDATE "Timer" SET "firedAt" = $1::timestamp WHERE kind = 'visit.escalate-overdue' AND "firedAt" IS NULL AND "dueAt" <= $1::timestamp`, [now.toISOString()]);
}

export async function measureSweep(sweeper: TimerSweeper, client: pg.Client, now: Date): Promise<Pick<SweepFigures, 'dueSweepMs' | 'fired' | 'idleSweepMs'>> {
  const times: number[] = [];
  const idle: number[] = [];
  let fired = 0;
  // One warm-up run (plans, connections), then the measured ones.
  for (let run = 0; run <= RUNS; run++) {
    const started = performance.now();
    fired = await sweeper.sweep();
    const ms = performance.now() - started;
    const idleStarted = performance.now();
    const nothing = await sweeper.sweep();
    const idleMs = performance.now() - idleStarted;
    if (nothing !== 0) throw new Error(`An idle sweep fired ${nothing} timers`);
    if (run > 0) {
      times.push(ms);
      idle.push(idleMs);
    }
    await undoSweep(client, now);
  }
  return { dueSweepMs: median(times), fired, idleSweepMs: median(idle) };
}

/** Every owner's due visits, batch by batch as the digest jobs read them. */
export async function measureDueQuery(visits: RevisitsRepository, db: Tx, ownerBatches: string[][], now: Date, zone: string) {
  const { end } = localDayBounds(now, zone);
  const times: number[] = [];
  let found = 0;
  let owners = 0;
  for (const [i, batch] of ownerBatches.entries()) {
    const started = performance.now();
    const due = await visits.dueForOwners(db, batch, end);
    const ms = performance.now() - started;
    if (i >= 2) times.push(ms); // the first ones warm the plan cache and the pool
    found += due.length;
    owners += batch.length;
  }
  return { dueQueryMedianMs: median(times), dueQueryP95Ms: percentile(times, 95), dueVisitsPerOwner: found / owners };
}

/** The plan Postgres picks for the due-visit query's core, and how many rows it touched. */
export async function explainDueQuery(client: pg.Client, ownerIds: string[], now: Date, zone: string): Promise<string> {
  const { end } = localDayBounds(now, zone);
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF)
     SELECT v.id, v."ownerId", v.kind, v."dueAt", c.id AS "customerId", c.code, c.name, c.tier::text AS tier
     FROM "Visit" v JOIN "Customer" c ON c.id = v."customerId"
     WHERE v."ownerId" = ANY($1::uuid[]) AND v.status = 'planned' AND v."dueAt" < $2::timestamp
     ORDER BY v."dueAt", v.id`,
    [ownerIds, end.toISOString()],
  );
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}
