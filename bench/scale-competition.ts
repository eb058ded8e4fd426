// The market competition scan at scale, for `npm run bench:scale` (issue 13 item 8): contracts
// seeded across segments (region, product line, the customers' industry) with approvals,
// losses to competitors, director stages and tier drops, then the scan's four set-based
// statements and its rules, timed. The writes (a few alerts per flagged segment) are left out, as
// for the customer-risk scan's reads.
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { Tx } from '#libs/database';
import { DEFAULT_FOLLOW_UP_POLICY } from '../apps/customer-follow-up/src/policy/follow-up-policy.js';
import { competitionWindows, evaluateCompetition } from '../apps/customer-follow-up/src/risk/competition.rules.js';
import { CompetitionScanRepository } from '../apps/customer-follow-up/src/risk/competition-scan.repository.js';
import { BATCH } from './scale-seed.js';

const REGIONS = ['East', 'North', 'South', 'West', 'Central', 'Northeast', 'Southwest'];
const LINES = ['industrial', 'software', 'services', 'consumables', 'spares'];

/**
 * Contracts g in [0, count): customer g % customers, 120 days of history; 1 in 20 withdrawn (half
 * lost to one of 5 competitors, half on price), 12 in 20 approved, the rest pending; 1 in 5 with a
 * director stage; discounts rising with recency in one region so that rules flag. And `drops`
 * tier changes down in the audit trail over the same 120 days.
 */
export async function seedCompetition(client: pg.Client, count: number, customers: number, owners: number, drops: number, now: Date): Promise<void> {
  const at = now.toISOString();
  await client.query(
    `INSERT INTO "Competitor" (id, name, active, "createdAt", "updatedAt")
     SELECT md5('scale-competitor-' || i)::uuid, 'Competitor ' || i, true, now(), now() FROM generate_series(0, 4) i`,
  );
  for (let start = 0; start < count; start += BATCH) {
    const end = Math.min(count, start + BATCH) - 1;
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO "Contract" (id, "ownerId", "customerId", "customerName", title, amount, currency, "amountBase", "discountPct", "paymentTermDays",
                               "productLine", region, status, "policyVersion", "decidedAt", "lostReason", "lostCompetitorId", "createdAt", "updatedAt")
       SELECT md5('scale-contract-' || g)::uuid, md5('scale-owner-' || (g % $3::int))::uuid, md5('scale-customer-' || (g % $4::int))::uuid,
              'Customer ' || (g % $4::int), 'Contract ' || g, 50000, 'CNY', 50000,
              CASE WHEN g % 7 = 0 THEN 5 + (120 - g % 120) / 10.0 ELSE g % 15 END, 30,
              (ARRAY[${LINES.map((l) => `'${l}'`).join(', ')}])[1 + (g / 7) % ${LINES.length}], (ARRAY[${REGIONS.map((r) => `'${r}'`).join(', ')}])[1 + g % ${REGIONS.length}],
              (CASE WHEN g % 20 = 0 THEN 'WITHDRAWN' WHEN g % 20 <= 12 THEN 'APPROVED' ELSE 'PENDING_APPROVAL' END)::"ContractStatus", 1,
              CASE WHEN g % 20 <= 12 THEN $5::timestamp - (g % 120) * interval '1 day' + interval '1 day' END,
              CASE WHEN g % 20 = 0 THEN CASE WHEN g % 40 = 0 THEN 'competitor' ELSE 'price' END END,
              CASE WHEN g % 40 = 0 THEN md5('scale-competitor-' || (g / 40) % 5)::uuid END,
              $5::timestamp - (g % 120) * interval '1 day', $5::timestamp - (g % 120) * interval '1 day'
       FROM generate_series($1::int, $2::int) g`,
      [start, end, owners, customers, at],
    );
    await client.query(
      `INSERT INTO "ApprovalStage" (id, "contractId", round, position, name, mode, sla, status)
       SELECT md5('scale-stage-' || g)::uuid, md5('scale-contract-' || g)::uuid, 1, 2, 'director', 'all', 'PT8H', 'WAITING'
       FROM generate_series($1::int, $2::int) g WHERE g % 5 = 0`,
      [start, end],
    );
    await client.query('COMMIT');
  }
  await client.query(
    `INSERT INTO "AuditEntry" (id, "entityType", "entityId", action, before, after, at)
     SELECT gen_random_uuid(), 'customer', md5('scale-customer-' || (g * 37 % $2::int))::uuid, 'customer.contract-approved',
            jsonb_build_object('tier', CASE WHEN g % 2 = 0 THEN 'A' ELSE 'B' END), jsonb_build_object('tier', CASE WHEN g % 2 = 0 THEN 'B' ELSE 'C' END),
            $3::timestamp - (g % 120) * interval '1 day'
     FROM generate_series(0, $1::int - 1) g`,
    [drops, customers, at],
  );
  await client.query('ANALYZE "Contract", "ApprovalStage", "AuditEntry", "Competitor"');
}

export interface CompetitionScanFigures {
  seconds: number;
  perRuleMs: Record<'losses' | 'discounts' | 'directorShares' | 'tierDrops', number>;
  candidates: number;
  flagged: number;
}

/** The scan's reads (the four statements, one after the other so each is timed) and its rules. */
export async function measureCompetitionScan(db: Tx, now: Date): Promise<CompetitionScanFigures> {
  const repository = new CompetitionScanRepository();
  const policy = DEFAULT_FOLLOW_UP_POLICY.competition;
  const windows = competitionWindows(now, policy);
  const started = performance.now();
  const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const t = performance.now();
    const result = await work();
    return [result, performance.now() - t];
  };
  const [losses, lossesMs] = await timed(() => repository.competitorLosses(db, windows, policy));
  const [discounts, discountsMs] = await timed(() => repository.discountDrift(db, windows, policy));
  const [directorShares, sharesMs] = await timed(() => repository.directorShare(db, windows, policy));
  const [tierDrops, dropsMs] = await timed(() => repository.tierDrops(db, windows, policy));
  const competitorNames = await repository.competitorNames(db, [...new Set(losses.flatMap((l) => l.competitorIds))]);
  const flagged = evaluateCompetition({ losses, discounts, directorShares, tierDrops, competitorNames }, policy, windows);
  return {
    seconds: (performance.now() - started) / 1000,
    perRuleMs: { losses: lossesMs, discounts: discountsMs, directorShares: sharesMs, tierDrops: dropsMs },
    candidates: losses.length + discounts.length + directorShares.length + tierDrops.length,
    flagged: flagged.length,
  };
}
