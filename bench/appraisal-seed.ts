// The records of `npm run bench:appraisal`, written set-based by the bench's own client
// (INSERT ... SELECT generate_series, one statement per batch and table): the set-up is not what
// is measured. Ids derive from the row number (md5 -> uuid), so a row names its owner without a join.
// Every record falls in the year 2026 (spread evenly over its days); business time is January 2027.
import type pg from 'pg';

export const DIRECTORS = 10;
export const MANAGERS = 100;
export const BATCH = 100_000;
/** The other currency of the contracts and its rate into BASE_CURRENCY (CNY). */
export const OTHER_CURRENCY = 'USD';
export const RATE = 7.1;

export interface AppraisalShape {
  /** Sales specialists (the cycle's scope and the statements' people); directors and managers come on top. */
  specialists: number;
  contracts: number;
  surveys: number;
  visits: number;
  complaints: number;
  /** Mandatory training requirements with an outcome (one outcome each, some a failed attempt first). */
  trainings: number;
  /** Customers per specialist (surveys and visits name one of the owner's customers). */
  customersEach: number;
}

const person = (expr: string) => `md5('appraisal-bench-person-' || (${expr}))::uuid`;
/** Specialist number k (0-based) is person DIRECTORS + MANAGERS + k. */
const specialist = (k: string) => person(`${DIRECTORS + MANAGERS} + ${k}`);
/** Customer number g belongs to specialist g % specialists. */
const customer = (g: string) => `md5('appraisal-bench-customer-' || (${g}))::uuid`;
/** An instant in 2026, i spread over the year's 365 days and the working hours of Shanghai (01:00-09:00 UTC). */
const in2026 = (i: string, salt: number) => `(timestamp '2026-01-01 01:00' + ((${i} * ${salt}) % 365) * interval '1 day' + ((${i} * 37) % 480) * interval '1 minute')`;

async function batched(client: pg.Client, total: number, insert: (from: number, to: number) => Promise<unknown>, progress?: (done: number) => void): Promise<void> {
  for (let from = 0; from < total; from += BATCH) {
    const to = Math.min(total, from + BATCH);
    await insert(from, to - 1);
    progress?.(to);
  }
}

/**
 * Directors, managers under them and the specialists under the managers; four teams; one
 * specialist in ten in Berlin's zone (their dates are counted there), half with English mail.
 */
export async function seedPeople(client: pg.Client, shape: AppraisalShape, now: Date): Promise<void> {
  await client.query(
    `INSERT INTO "Employee" (id, email, name, role, "managerId", team, region, timezone, locale, calendar, "createdAt", "updatedAt")
     SELECT ${person('i')}, 'person' || i || '@appraisal.bench', 'Person ' || i,
            (CASE WHEN i < $2 THEN 'SALES_DIRECTOR' WHEN i < $2 + $3 THEN 'SALES_MANAGER' ELSE 'SALES_SPECIALIST' END)::"Role",
            CASE WHEN i < $2 THEN NULL WHEN i < $2 + $3 THEN ${person('i % $2')} ELSE ${person('$2 + i % $3')} END,
            (ARRAY['East','West','North','South'])[1 + i % 4], 'Shanghai',
            CASE WHEN i % 10 = 9 THEN 'Europe/Berlin' ELSE 'Asia/Shanghai' END, CASE WHEN i % 2 = 0 THEN 'zh-CN' ELSE 'en' END, 'standard',
            $4::timestamp - interval '2 years', $4::timestamp - interval '2 years'
       FROM generate_series(0, $1::int - 1) i`,
    [DIRECTORS + MANAGERS + shape.specialists, DIRECTORS, MANAGERS, now.toISOString()],
  );
  await client.query(`INSERT INTO "FxRate" (currency, rate, "updatedAt") VALUES ($1, $2, $3) ON CONFLICT (currency) DO UPDATE SET rate = EXCLUDED.rate`, [OTHER_CURRENCY, RATE, now.toISOString()]);
}

export async function seedCustomers(client: pg.Client, shape: AppraisalShape): Promise<void> {
  const total = shape.specialists * shape.customersEach;
  await batched(client, total, (from, to) => client.query(
    `INSERT INTO "Customer" (id, code, name, "ownerId", tier, status, region, contacts, version, "createdAt", "updatedAt")
     SELECT ${customer('g')}, 'B-' || g, 'Customer ' || g, ${specialist('g % $3::int')}, 'B', 'active', 'Shanghai', '[]', 1,
            timestamp '2025-01-01', timestamp '2025-01-01'
       FROM generate_series($1::int, $2::int) g`,
    [from, to, shape.specialists],
  ));
}

/**
 * Approved contracts over 2026: every other one in USD (amountBase at RATE, as contract-approval
 * converts), discounts 0-19 % (some above the plan's 10 % band), one in 500 reversed later.
 */
export async function seedContracts(client: pg.Client, shape: AppraisalShape, progress?: (done: number) => void): Promise<void> {
  const customers = shape.specialists * shape.customersEach;
  await batched(client, shape.contracts, (from, to) => client.query(
    `INSERT INTO "Contract" (id, "ownerId", "customerId", "customerName", title, amount, currency, "amountBase", "discountPct", "paymentTermDays",
                             status, "policyVersion", "decidedAt", "reversedAt", "createdAt", "updatedAt")
     SELECT md5('appraisal-bench-contract-' || g)::uuid, ${specialist('(g % $4::int) % $3::int')}, ${customer('g % $4::int')}, 'Customer ' || (g % $4::int), 'Order ' || g,
            x.amount, CASE WHEN g % 2 = 0 THEN 'CNY' ELSE '${OTHER_CURRENCY}' END,
            CASE WHEN g % 2 = 0 THEN x.amount ELSE round(x.amount * ${RATE}, 2) END, g % 20, 30,
            (CASE WHEN g % 500 = 7 THEN 'REVERSED' ELSE 'APPROVED' END)::"ContractStatus", 1, x.at,
            CASE WHEN g % 500 = 7 THEN x.at + interval '20 days' END, x.at - interval '1 day', x.at
       FROM generate_series($1::int, $2::int) g, LATERAL (SELECT (1000 + (g::bigint * 7919) % 99000)::numeric(20, 2) AS amount, ${in2026('g', 7)} AS at) x`,
    [from, to, shape.specialists, customers],
  ), progress);
}

/** Answered satisfaction surveys of the specialists' customers over 2026, scores 1-5 (mostly 3-5). */
export async function seedSurveys(client: pg.Client, shape: AppraisalShape): Promise<void> {
  const customers = shape.specialists * shape.customersEach;
  await batched(client, shape.surveys, (from, to) => client.query(
    `INSERT INTO "Survey" (id, "customerId", "contactEmail", reason, "sourceId", "tokenHash", "expiresAt", "answeredAt", score, "createdAt")
     SELECT md5('appraisal-bench-survey-' || g)::uuid, ${customer('g % $3::int')}, 'buyer' || g || '@example.com', 'contract',
            md5('appraisal-bench-contract-' || g)::uuid, md5('appraisal-bench-token-' || g), x.at + interval '14 days', x.at,
            (ARRAY[1, 3, 4, 4, 5, 5, 5])[1 + g % 7], x.at - interval '2 days'
       FROM generate_series($1::int, $2::int) g, LATERAL (SELECT ${in2026('g', 11)} AS at) x`,
    [from, to, customers],
  ));
}

/**
 * Revisits due over 2026: 7 in 10 done on or before the due date, 1 in 10 done late, 1 in 10
 * still planned (overdue now; asked for by a low survey score, as a customer has one planned
 * regular visit at most), 1 in 10 cancelled.
 */
export async function seedVisits(client: pg.Client, shape: AppraisalShape, progress?: (done: number) => void): Promise<void> {
  const customers = shape.specialists * shape.customersEach;
  await batched(client, shape.visits, (from, to) => client.query(
    `INSERT INTO "Visit" (id, "customerId", "ownerId", kind, "sourceId", "dueAt", status, "completedAt", "createdAt")
     SELECT md5('appraisal-bench-visit-' || g)::uuid, ${customer('g % $4::int')}, ${specialist('(g % $4::int) % $3::int')},
            CASE WHEN g % 10 = 8 THEN 'survey-low-score' ELSE 'regular' END, CASE WHEN g % 10 = 8 THEN md5('appraisal-bench-survey-' || g)::uuid END, x.due,
            (CASE WHEN g % 10 < 8 THEN 'done' WHEN g % 10 = 8 THEN 'planned' ELSE 'cancelled' END)::"VisitStatus",
            CASE WHEN g % 10 < 7 THEN x.due - interval '1 day' WHEN g % 10 = 7 THEN x.due + interval '3 days' END,
            x.due - interval '90 days'
       FROM generate_series($1::int, $2::int) g, LATERAL (SELECT ${in2026('g', 13)} AS due) x`,
    [from, to, shape.specialists, customers],
  ), progress);
}

/** Complaints assigned to specialists, resolution deadlines over 2026: 3 in 4 resolved in time, the rest late or still open. */
export async function seedComplaints(client: pg.Client, shape: AppraisalShape): Promise<void> {
  const customers = shape.specialists * shape.customersEach;
  await batched(client, shape.complaints, (from, to) => client.query(
    `INSERT INTO "Complaint" (id, "customerId", severity, channel, description, "assigneeId", status, "ackDueAt", "resolveDueAt", "acknowledgedAt", "resolvedAt", "createdById", "createdAt")
     SELECT md5('appraisal-bench-complaint-' || g)::uuid, ${customer('g % $4::int')}, 'normal', 'phone', 'late delivery', ${specialist('(g % $4::int) % $3::int')},
            (CASE WHEN g % 8 = 7 THEN 'acknowledged' ELSE 'resolved' END)::"ComplaintStatus", x.due - interval '2 days', x.due, x.due - interval '2 days',
            CASE WHEN g % 8 < 6 THEN x.due - interval '1 day' WHEN g % 8 = 6 THEN x.due + interval '1 day' END,
            ${specialist('(g % $4::int) % $3::int')}, x.due - interval '3 days'
       FROM generate_series($1::int, $2::int) g, LATERAL (SELECT ${in2026('g', 17)} AS due) x`,
    [from, to, shape.specialists, customers],
  ));
}

/**
 * appraisal's record of the training events: per mandatory requirement due in 2026, a completion
 * on time (3 in 5), or an overdue event then a late completion (1 in 5), or a failed attempt then
 * a completion on time (1 in 5).
 */
export async function seedTrainingOutcomes(client: pg.Client, shape: AppraisalShape): Promise<void> {
  await batched(client, shape.trainings, (from, to) => client.query(
    `INSERT INTO "AppraisalTrainingOutcome" (id, "eventId", kind, "employeeId", "courseId", category, mandatory, "requirementId", "dueOn", "occurredAt", attempt, final, "createdAt")
     SELECT md5('appraisal-bench-outcome-' || g || '-' || o.n)::uuid, md5('appraisal-bench-event-' || g || '-' || o.n)::uuid, o.kind::"TrainingOutcomeKind",
            ${specialist('g % $3::int')}, md5('appraisal-bench-course-' || (g % 8))::uuid, 'compliance', true,
            md5('appraisal-bench-requirement-' || g)::uuid, x.due::date, x.due + o.after, o.attempt, o.final, x.due
       FROM generate_series($1::int, $2::int) g, LATERAL (SELECT ${in2026('g', 19)} - interval '1 hour' AS due) x,
            LATERAL (VALUES
              (1, CASE WHEN g % 5 = 3 THEN 'OVERDUE' WHEN g % 5 = 4 THEN 'FAILED' ELSE 'COMPLETED' END,
                  CASE WHEN g % 5 = 3 THEN interval '1 day' ELSE interval '-3 days' END, CASE WHEN g % 5 = 4 THEN 1 END, CASE WHEN g % 5 = 4 THEN false END),
              (2, 'COMPLETED', CASE WHEN g % 5 = 3 THEN interval '6 days' ELSE interval '-1 day' END, NULL::int, NULL::boolean)
            ) AS o(n, kind, after, attempt, final)
      WHERE o.n = 1 OR g % 5 >= 3`,
    [from, to, shape.specialists],
  ));
}

/** Every specialist's target for each period given (set by their manager), around what they sell in it. */
export async function seedTargets(client: pg.Client, shape: AppraisalShape, periods: { text: string; months: number }[]): Promise<void> {
  const perMonth = shape.contracts / shape.specialists / 12;
  for (const period of periods) {
    await client.query(
      `INSERT INTO "SalesTarget" (id, period, "employeeId", amount, "setById", version, "createdAt", "updatedAt")
       SELECT gen_random_uuid(), $1, ${specialist('k')}, round($3::numeric * (0.6 + (k % 9) * 0.1)), ${person(`${DIRECTORS} + k % ${MANAGERS}`)}, 1, timestamp '2025-12-01', timestamp '2025-12-01'
         FROM generate_series(0, $2::int - 1) k`,
      [period.text, shape.specialists, Math.round(perMonth * period.months * 200_000)],
    );
  }
}

export async function analyze(client: pg.Client): Promise<void> {
  await client.query('ANALYZE "Employee", "Customer", "Contract", "Survey", "Visit", "Complaint", "AppraisalTrainingOutcome", "SalesTarget"');
}

/** The template the cycle is opened with: every automatic KPI and the two manual ones. */
export const TEMPLATE = {
  kpis: [
    { kind: 'salesAttainment', weight: 30, scoring: { kind: 'linear', floor: 50, target: 100, cap: 120 }, threshold: 50, courseCategory: 'sales_skills' },
    { kind: 'customerSatisfaction', weight: 20, scoring: { kind: 'linear', floor: 3, target: 5 } },
    { kind: 'followUpTimeliness', weight: 10, scoring: { kind: 'linear', floor: 0, target: 100 } },
    { kind: 'complaintsResolvedOnTime', weight: 10, scoring: { kind: 'linear', floor: 0, target: 100 } },
    { kind: 'mandatoryTrainingOnTime', weight: 10, scoring: { kind: 'linear', floor: 0, target: 100 } },
    { kind: 'teamwork', weight: 10, scoring: { kind: 'linear', floor: 1, target: 5 } },
    { kind: 'managerRating', weight: 10, scoring: { kind: 'linear', floor: 1, target: 5 } },
  ],
  bands: [{ name: 'below', min: 0 }, { name: 'meets', min: 50 }, { name: 'exceeds', min: 90 }],
};

export const COMMISSION_PLAN = {
  effectiveFrom: '2026-01',
  tiers: [{ name: 'base', fromPct: 0, ratePct: 2 }, { name: 'target', fromPct: 80, ratePct: 3 }, { name: 'top', fromPct: 100, ratePct: 4 }],
  accelerator: { abovePct: 100, multiplier: 1.5 },
  cap: '50000.00',
  discount: { bandPct: 10, reductionPerPointPct: 10 },
  disputes: { managerSla: 'P2D', financeSla: 'P1D' },
};
