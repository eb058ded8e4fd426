// Seeding for `npm run bench:scale`: multi-row INSERT ... SELECT generate_series, one statement per
// batch and table, straight into the bench's own database (pg-copy-streams is not installed; this
// is about as fast for generated rows). Ids derive from the row number (md5 -> uuid), so visits
// and timers name their customer without a join.
import type pg from 'pg';

export interface SeedShape {
  /** Customers g < owners have their visit due today: every owner gets a digest. */
  owners: number;
  /** Customers owners .. owners + due have a visit overdue by 4 days whose escalation timer is due now. */
  due: number;
  /** The business "now" the plans are laid around (the bench's frozen clock). */
  now: Date;
}

export const BATCH = 100_000;

const CREATED_DAYS_AGO = 400;

export async function seedOwners(client: pg.Client, shape: SeedShape): Promise<void> {
  await client.query(
    `INSERT INTO "Employee" (id, email, name, role, timezone, locale, calendar, "createdAt", "updatedAt")
     SELECT md5('scale-owner-' || i)::uuid, 'owner' || i || '@scale.bench', 'Owner ' || i, 'SALES_SPECIALIST',
            'Asia/Shanghai', CASE WHEN i % 2 = 0 THEN 'en' ELSE 'zh-CN' END, 'standard', now(), now()
     FROM generate_series(0, $1::int - 1) i`,
    [shape.owners],
  );
}

/** Customers g in [from, to), each with one planned regular visit and its overdue-escalation timer, in batches. */
export async function seedCustomers(client: pg.Client, from: number, to: number, shape: SeedShape, progress?: (done: number) => void): Promise<void> {
  const now = shape.now.toISOString();
  for (let start = from; start < to; start += BATCH) {
    const end = Math.min(to, start + BATCH);
    const range = [start, end - 1];
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO "Customer" (id, code, name, "ownerId", tier, status, region, contacts, version, "createdAt", "updatedAt")
       SELECT md5('scale-customer-' || g)::uuid, 'S-' || g, 'Customer ' || g, md5('scale-owner-' || (g % $3::int))::uuid,
              (CASE WHEN g % 10 = 0 THEN 'A' WHEN g % 10 < 4 THEN 'B' ELSE 'C' END)::"CustomerTier", 'active', 'Shanghai', '[]', 1,
              $4::timestamp - interval '${CREATED_DAYS_AGO} days', $4::timestamp - interval '${CREATED_DAYS_AGO} days'
       FROM generate_series($1::int, $2::int) g`,
      [...range, shape.owners, now],
    );
    await client.query(
      `INSERT INTO "Visit" (id, "customerId", "ownerId", kind, "dueAt", status, "createdAt")
       SELECT md5('scale-visit-' || g)::uuid, md5('scale-customer-' || g)::uuid, md5('scale-owner-' || (g % $3::int))::uuid, 'regular',
              CASE WHEN g < $3::int THEN $4::timestamp - interval '1 hour'
                   WHEN g < $3::int + $5::int THEN $4::timestamp - interval '4 days'
                   ELSE $4::timestamp + (1 + g % 90) * interval '1 day' END,
              'planned', $4::timestamp - interval '${CREATED_DAYS_AGO} days'
       FROM generate_series($1::int, $2::int) g`,
      [...range, shape.owners, now, shape.due],
    );
    await client.query(
      `INSERT INTO "Timer" (id, kind, "subjectId", "dueAt", "uniqueKey", queue, "createdAt")
       SELECT md5('scale-timer-' || g)::uuid, 'visit.escalate-overdue', md5('scale-visit-' || g)::uuid,
              CASE WHEN g < $3::int THEN $4::timestamp + interval '3 days'
                   WHEN g < $3::int + $5::int THEN $4::timestamp - interval '1 day'
                   ELSE $4::timestamp + (4 + g % 90) * interval '1 day' END,
              'visit-overdue:' || md5('scale-visit-' || g)::uuid, 'followup-urgent', $4::timestamp - interval '${CREATED_DAYS_AGO} days'
       FROM generate_series($1::int, $2::int) g`,
      [...range, shape.owners, now, shape.due],
    );
    await client.query('COMMIT');
    progress?.(end);
  }
}

export async function analyze(client: pg.Client): Promise<void> {
  await client.query('ANALYZE "Employee", "Customer", "Visit", "Timer"');
}

/**
 * Marks the day's schedule check done, as it would be at 08:30 (it runs at 00:00 UTC): started
 * now, it would re-arm every owner's digest chain while the digest is being measured.
 */
export async function markScheduleCheckDone(client: pg.Client, now: Date): Promise<void> {
  const utcDate = now.toISOString().slice(0, 10);
  await client.query(
    `INSERT INTO "Timer" (id, kind, "subjectId", "dueAt", "uniqueKey", queue, "firedAt", "createdAt")
     VALUES (gen_random_uuid(), 'revisit.check-schedules', '00000000-0000-0000-0000-000000000000', $1::timestamp, $2, 'followup-bulk', $1::timestamp, $1::timestamp)
     ON CONFLICT ("uniqueKey") DO NOTHING`,
    [now.toISOString(), `followup-schedule-check:${utcDate}`],
  );
}

/** One digest timer per recipient (default: every owner's morning digest), due now, keyed as the digest chain keys them (<key>:<recipient>:<local date>). */
export async function armDigestTimers(client: pg.Client, now: Date, localDate: string, digest: { job: string; key: string; recipients: string } = { job: 'revisit.digest', key: 'revisit-digest', recipients: 'owner%@scale.bench' }): Promise<number> {
  const result = await client.query(
    `INSERT INTO "Timer" (id, kind, "subjectId", "dueAt", "uniqueKey", queue, "createdAt")
     SELECT gen_random_uuid(), $3, e.id, $1::timestamp, $4 || ':' || e.id || ':' || $2, 'followup-bulk', $1::timestamp
     FROM "Employee" e WHERE e.email LIKE $5
     ON CONFLICT ("uniqueKey") DO NOTHING`,
    [now.toISOString(), localDate, digest.job, digest.key, digest.recipients],
  );
  return result.rowCount ?? 0;
}

export const TRACE_OWNER_EMAIL = 'trace@scale.bench';

/**
 * One more owner, outside the measured run, shaped like the others (customers per owner, one
 * visit due today), whose digest is composed alone with its SQL timed.
 */
export async function seedTraceOwner(client: pg.Client, shape: SeedShape, customersPerOwner: number): Promise<string> {
  const now = shape.now.toISOString();
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO "Employee" (id, email, name, role, timezone, locale, calendar, "createdAt", "updatedAt")
     VALUES (md5('scale-trace-owner')::uuid, $1, 'Trace Owner', 'SALES_SPECIALIST', 'Asia/Shanghai', 'en', 'standard', now(), now()) RETURNING id`,
    [TRACE_OWNER_EMAIL],
  );
  await client.query(
    `WITH c AS (
       INSERT INTO "Customer" (id, code, name, "ownerId", tier, status, region, contacts, version, "createdAt", "updatedAt")
       SELECT md5('scale-trace-customer-' || g)::uuid, 'T-' || g, 'Trace customer ' || g, $1::uuid, 'B', 'active', 'Shanghai', '[]', 1, $2::timestamp, $2::timestamp
       FROM generate_series(0, $3::int - 1) g RETURNING id, code
     )
     INSERT INTO "Visit" (id, "customerId", "ownerId", kind, "dueAt", status, "createdAt")
     SELECT gen_random_uuid(), c.id, $1::uuid, 'regular',
            CASE WHEN c.code = 'T-0' THEN $2::timestamp - interval '1 hour' ELSE $2::timestamp + interval '30 days' END, 'planned', $2::timestamp
     FROM c`,
    [rows[0].id, now, customersPerOwner],
  );
  return rows[0].id;
}
