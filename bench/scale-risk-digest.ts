// The managers' risk digest at scale (issue 13 item 8), for `npm run bench:scale`: managers above
// the bench's owners, open customer-demand alerts in every line, and each manager's 08:00 digest
// timer armed due at once; measured with runDigest like the morning digest.
import type pg from 'pg';
import type { DigestKind } from './scale-digest.js';
import { armDigestTimers } from './scale-seed.js';

export const RISK_DIGEST: DigestKind = { job: 'risk.digest', kind: 'risk-digest', recipients: 'manager%@scale.bench' };

/** `managers` managers; owner i reports to manager i % managers. */
export async function seedManagers(client: pg.Client, managers: number): Promise<void> {
  await client.query(
    `INSERT INTO "Employee" (id, email, name, role, timezone, locale, calendar, "createdAt", "updatedAt")
     SELECT md5('scale-manager-' || i)::uuid, 'manager' || i || '@scale.bench', 'Manager ' || i, 'SALES_MANAGER',
            'Asia/Shanghai', CASE WHEN i % 2 = 0 THEN 'en' ELSE 'zh-CN' END, 'standard', now(), now()
     FROM generate_series(0, $1::int - 1) i`,
    [managers],
  );
  await client.query(
    `UPDATE "Employee" SET "managerId" = md5('scale-manager-' || (substring(email from 'owner([0-9]+)@')::int % $1::int))::uuid
     WHERE email LIKE 'owner%@scale.bench'`,
    [managers],
  );
}

/**
 * One open customer-demand alert for each of the first `count` customers (customer g belongs to
 * owner g % owners, so every owner, and so every manager, gets count / owners of them), severities
 * 1-2 (below critical: digest only) and ages spread over 30 days. Returns the number inserted.
 */
export async function seedOpenAlerts(client: pg.Client, count: number, now: Date): Promise<number> {
  const result = await client.query(
    `INSERT INTO "RiskAlert" (id, type, "subjectId", rule, severity, evidence, status, "createdAt", "updatedAt", "customerOwnerId")
     SELECT gen_random_uuid(), 'customer_demand', c.id, 'no_recent_contract', 1 + g % 2,
            '{"facts": null, "delivery": {"sends": 0, "lastSentSeverity": null, "clearedAt": null}}'::jsonb, 'open',
            $2::timestamp - (g % 30) * interval '1 day', $2::timestamp, c."ownerId"
     FROM generate_series(0, $1::int - 1) g JOIN "Customer" c ON c.id = md5('scale-customer-' || g)::uuid`,
    [count, now.toISOString()],
  );
  return result.rowCount ?? 0;
}

/** Each manager's digest timer for `localDate`, due at `due`. */
export function armRiskDigestTimers(client: pg.Client, due: Date, localDate: string): Promise<number> {
  return armDigestTimers(client, due, localDate, { job: RISK_DIGEST.job, key: 'risk-digest', recipients: RISK_DIGEST.recipients });
}
