// The appraisal part of `npm run demo`: the previous quarter closed (targets, approved contracts,
// commission statements, two of its months approved by FINANCE) and a review cycle for it open
// with every specialist's self-review waiting. Through the HTTP API wherever there is an
// endpoint; the past quarter's contracts, surveys and visits are rows (no endpoint backdates an
// approval), with fixed ids so a second run adds nothing.
import { DateTime } from 'luxon';
import pg from 'pg';
import { DEMO_PEOPLE } from './demo-organization.js';

type Call = (method: string, path: string, as: string, body?: unknown, headers?: Record<string, string>) => Promise<Record<string, unknown>>;

const ZONE = 'Asia/Shanghai';
const USD_RATE = 7.1;
const REPS = [DEMO_PEOPLE.rep, DEMO_PEOPLE.repEn];

export const DEMO_TEMPLATE = {
  kpis: [
    { kind: 'salesAttainment', weight: 40, scoring: { kind: 'linear', floor: 50, target: 100, cap: 120 }, threshold: 60, courseCategory: 'sales_skills' },
    { kind: 'customerSatisfaction', weight: 20, scoring: { kind: 'linear', floor: 3, target: 5 } },
    { kind: 'followUpTimeliness', weight: 10, scoring: { kind: 'linear', floor: 0, target: 100 } },
    { kind: 'complaintsResolvedOnTime', weight: 5, scoring: { kind: 'linear', floor: 0, target: 100 } },
    { kind: 'mandatoryTrainingOnTime', weight: 5, scoring: { kind: 'linear', floor: 0, target: 100 } },
    { kind: 'teamwork', weight: 10, scoring: { kind: 'linear', floor: 1, target: 5 } },
    { kind: 'managerRating', weight: 10, scoring: { kind: 'linear', floor: 1, target: 5 } },
  ],
  bands: [{ name: '待改进', min: 0 }, { name: '达标', min: 60 }, { name: '优秀', min: 85 }],
};

const demoPlan = (effectiveFrom: string) => ({
  effectiveFrom,
  tiers: [{ name: 'base', fromPct: 0, ratePct: 2 }, { name: 'target', fromPct: 80, ratePct: 3 }, { name: 'top', fromPct: 100, ratePct: 4 }],
  accelerator: { abovePct: 100, multiplier: 1.5 },
  cap: '30000.00',
  discount: { bandPct: 10, reductionPerPointPct: 10 },
  disputes: { managerSla: 'P2D', financeSla: 'P1D' },
});

/** Each month's approved contracts: [owner, customer code, title, amount, currency, discount %, day of the month]. */
const PAST_CONTRACTS: [string, string, string, number, 'CNY' | 'USD', number, number][][] = [
  [[DEMO_PEOPLE.rep, 'C-1001', '精密轴承框架协议', 180000, 'CNY', 4, 8], [DEMO_PEOPLE.rep, 'C-1002', '云平台年度订阅', 95000, 'CNY', 14, 21], [DEMO_PEOPLE.repEn, 'C-2001', 'Warehouse sensors, phase 1', 40000, 'USD', 5, 15]],
  [[DEMO_PEOPLE.rep, 'C-1001', '备件补货', 60000, 'CNY', 2, 6], [DEMO_PEOPLE.repEn, 'C-2001', 'Warehouse sensors, phase 2', 52000, 'USD', 6, 12], [DEMO_PEOPLE.repEn, 'C-3001', 'Distribution pilot', 150000, 'CNY', 12, 26]],
  [[DEMO_PEOPLE.rep, 'C-1002', '数据看板定制', 230000, 'CNY', 8, 9], [DEMO_PEOPLE.rep, 'C-1001', '设备维保续约', 70000, 'CNY', 3, 24], [DEMO_PEOPLE.repEn, 'C-2001', 'Fleet dashboards', 30000, 'USD', 4, 17]],
];
/** Monthly targets per rep (CNY); the quarter's is their sum. */
const MONTHLY_TARGET: Record<string, number> = { [DEMO_PEOPLE.rep]: 250000, [DEMO_PEOPLE.repEn]: 400000 };

const isStatus = (error: unknown, status: number) => error instanceof Error && error.message.includes(`answered ${status}`);

export interface AppraisalDemo {
  quarter: string;
  statements: string[];
  cycleId: string;
}

export async function seedAppraisalDemo(call: Call, databaseUrl: string, now = new Date()): Promise<AppraisalDemo> {
  const quarterStart = DateTime.fromJSDate(now).setZone(ZONE).startOf('quarter').minus({ quarters: 1 });
  const quarter = `${quarterStart.year}-Q${quarterStart.quarter}`;
  const months = [0, 1, 2].map((k) => quarterStart.plus({ months: k }));
  const monthText = (m: DateTime) => m.toFormat('yyyy-MM');

  // Data, versioned: published once (a second version each run would only add noise).
  await call('GET', '/appraisal-templates/sales', DEMO_PEOPLE.hr).catch(async (error: unknown) => {
    if (!isStatus(error, 404)) throw error;
    await call('PUT', '/appraisal-templates/sales', DEMO_PEOPLE.hr, DEMO_TEMPLATE);
  });
  const plan = await call('GET', '/commission-plan', DEMO_PEOPLE.finance);
  if (plan.version === 0) await call('PUT', '/commission-plan', DEMO_PEOPLE.finance, demoPlan(monthText(months[0])));

  for (const [period, factor] of [...months.map((m) => [monthText(m), 1] as const), [quarter, 3] as const]) {
    await call('PUT', `/targets/${period}`, DEMO_PEOPLE.manager, { targets: REPS.map((employee) => ({ employee, amount: MONTHLY_TARGET[employee] * factor })) });
  }

  await seedPastRecords(databaseUrl, months);

  // The statements of the quarter's months: the first two approved by FINANCE, the last still open.
  const statements: string[] = [];
  for (const [k, month] of months.entries()) {
    for (const employee of REPS) {
      let statement = await call('GET', `/commission-statements?period=${monthText(month)}&employee=${encodeURIComponent(employee)}`, DEMO_PEOPLE.finance);
      if (k < 2 && statement.status === 'OPEN') statement = await call('POST', `/commission-statements/${String(statement.id)}/approve`, DEMO_PEOPLE.finance, {});
      statements.push(`${monthText(month)} ${employee}: ${String(statement.total)} CNY, ${String(statement.status)} (${String(statement.id)})`);
    }
  }

  return { quarter, statements, cycleId: await openCycle(call, databaseUrl, quarter, now) };
}

/**
 * The quarter's review cycle for the specialists, opened once: its deadlines count from the day the
 * demo runs, so a later run would send another body under the same key; it finds the cycle instead.
 */
async function openCycle(call: Call, databaseUrl: string, quarter: string, now: Date): Promise<string> {
  const existing = await withClient(databaseUrl, (client) => client.query<{ id: string }>(`SELECT id FROM "AppraisalCycle" WHERE period = $1 ORDER BY "openedAt" LIMIT 1`, [quarter]));
  if (existing.rows[0]) return existing.rows[0].id;
  const day = DateTime.fromJSDate(now).setZone(ZONE).startOf('day').set({ hour: 18 });
  const deadline = (weeks: number) => day.plus({ weeks }).toISO({ suppressMilliseconds: true })!;
  const cycle = await call('POST', '/appraisal-cycles', DEMO_PEOPLE.hr, {
    period: quarter, scope: { role: 'SALES_SPECIALIST' }, template: 'sales',
    deadlines: { self: deadline(1), peer: deadline(2), manager: deadline(3), calibration: deadline(4) },
  }, { 'Idempotency-Key': `demo-cycle-${quarter}` });
  return String(cycle.id);
}

/** The quarter's approved contracts, two surveys and two visits, as rows with fixed ids (ON CONFLICT DO NOTHING). */
async function seedPastRecords(databaseUrl: string, months: DateTime[]): Promise<void> {
  await withClient(databaseUrl, async (client) => {
    for (const [k, month] of months.entries()) {
      for (const [n, [owner, customer, title, amount, currency, discountPct, day]] of PAST_CONTRACTS[k].entries()) {
        const decidedAt = month.set({ day, hour: 10 }).toJSDate().toISOString();
        await client.query(
          `INSERT INTO "Contract" (id, "ownerId", "customerId", "customerName", title, amount, currency, "amountBase", "discountPct", "paymentTermDays", status, "policyVersion", "decidedAt", "createdAt", "updatedAt")
           SELECT md5($1)::uuid, e.id, c.id, c.name, $2, $3, $4, $5, $6, 30, 'APPROVED', 1, $7, $7::timestamp - interval '1 day', $7
             FROM "Employee" e, "Customer" c WHERE e.email = $8 AND c.code = $9
           ON CONFLICT (id) DO NOTHING`,
          [`demo-contract-${month.toFormat('yyyy-MM')}-${n}`, title, amount, currency, currency === 'USD' ? Math.round(amount * USD_RATE * 100) / 100 : amount, discountPct, decidedAt, owner, customer],
        );
      }
    }
    // UTC instants as text: the columns are timestamps without zone holding UTC (node-pg would write a Date in local time).
    const inQuarter = (k: number, day: number) => months[k].set({ day, hour: 11 }).toJSDate().toISOString();
    for (const [key, code, at, score] of [['demo-survey-1', 'C-1001', inQuarter(0, 20), 5], ['demo-survey-2', 'C-2001', inQuarter(1, 18), 4]] as const) {
      await client.query(
        `INSERT INTO "Survey" (id, "customerId", "contactEmail", reason, "sourceId", "tokenHash", "expiresAt", "answeredAt", score, "createdAt")
         SELECT md5($1)::uuid, c.id, c.contacts->0->>'email', 'contract', md5($1 || '-source')::uuid, md5($1 || '-token'), $2::timestamp + interval '14 days', $2, $3, $2::timestamp - interval '3 days'
           FROM "Customer" c WHERE c.code = $4
         ON CONFLICT (id) DO NOTHING`,
        [key, at, score, code],
      );
    }
    for (const [key, code, due, late] of [['demo-visit-1', 'C-1002', inQuarter(1, 10), false], ['demo-visit-2', 'C-3001', inQuarter(2, 3), true]] as const) {
      await client.query(
        `INSERT INTO "Visit" (id, "customerId", "ownerId", kind, "dueAt", status, outcome, "completedAt", "completedById", "createdAt")
         SELECT md5($1)::uuid, c.id, c."ownerId", 'regular', $2, 'done', 'positive', $2::timestamp + ($3 * interval '1 day'), c."ownerId", $2::timestamp - interval '30 days'
           FROM "Customer" c WHERE c.code = $4
         ON CONFLICT (id) DO NOTHING`,
        [key, due, late ? 4 : -1, code],
      );
    }
  });
}

async function withClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
