// The organization, catalogue and plan of `npm run bench:training`, written set-based by the
// bench's own client (INSERT ... SELECT generate_series): the set-up is not what is measured.
import type pg from 'pg';

export const TEAMS = ['East', 'West', 'North', 'South'];
export const REGIONS = ['Shanghai', 'Beijing', 'Guangzhou', 'Shenzhen', 'Chengdu'];
export const DIRECTORS = 10;
export const MANAGERS = 100;

export interface TrainingShape {
  employees: number;
  /** HR people who train the sessions, one session each (part of `employees`). */
  trainers: number;
  now: Date;
}

const id = (kind: string) => `md5('training-bench-${kind}-' || i)::uuid`;

/**
 * `employees` people: 10 directors, 100 managers under them, `trainers` HR trainers, the rest
 * specialists (3 in 4) and customer service under the managers; four teams, five regions, one in
 * ten in Berlin's zone, half with English mail. Joined 0-4 days and up to 8 hours before `now`, each
 * at an instant of their own as real hires are (a due date counted from joining is in the future:
 * nothing is overdue during the run).
 */
export async function seedEmployees(client: pg.Client, shape: TrainingShape): Promise<void> {
  const { employees, trainers, now } = shape;
  await client.query(
    `INSERT INTO "Employee" (id, email, name, role, "managerId", team, region, timezone, locale, calendar, "createdAt", "updatedAt")
     SELECT ${id('person')}, 'person' || i || '@training.bench', 'Person ' || i,
            (CASE WHEN i < $2 THEN 'SALES_DIRECTOR' WHEN i < $2 + $3 THEN 'SALES_MANAGER' WHEN i < $2 + $3 + $4 THEN 'HR'
                  WHEN i % 4 = 0 THEN 'CUSTOMER_SERVICE' ELSE 'SALES_SPECIALIST' END)::"Role",
            CASE WHEN i < $2 THEN NULL
                 WHEN i < $2 + $3 THEN md5('training-bench-person-' || (i % $2))::uuid
                 ELSE md5('training-bench-person-' || ($2 + i % $3))::uuid END,
            (ARRAY['East','West','North','South'])[1 + i % 4], (ARRAY['Shanghai','Beijing','Guangzhou','Shenzhen','Chengdu'])[1 + i % 5],
            CASE WHEN i % 10 = 9 THEN 'Europe/Berlin' ELSE 'Asia/Shanghai' END, CASE WHEN i % 2 = 0 THEN 'zh-CN' ELSE 'en' END, 'standard',
            $5::timestamp - make_interval(days => i % 5, secs => 1 + (i * 7) % 28800), $5::timestamp
       FROM generate_series(0, $1::int - 1) i`,
    [employees, DIRECTORS, MANAGERS, trainers, now.toISOString()],
  );
}

/** The ids of the trainers and of the attendees (specialists and customer service), in seed order. */
export async function people(client: pg.Client, shape: TrainingShape): Promise<{ trainers: string[]; attendees: string[] }> {
  const start = DIRECTORS + MANAGERS;
  const trainers = await client.query<{ id: string }>(`SELECT ${id('person')} AS id FROM generate_series($1::int, $2::int - 1) i ORDER BY i`, [start, start + shape.trainers]);
  const attendees = await client.query<{ id: string }>(`SELECT ${id('person')} AS id FROM generate_series($1::int, $2::int - 1) i ORDER BY i`, [start + shape.trainers, shape.employees]);
  return { trainers: trainers.rows.map((r) => r.id), attendees: attendees.rows.map((r) => r.id) };
}

export const COURSES = [
  ['T-01', 'product_knowledge'], ['T-02', 'sales_skills'], ['T-03', 'customer_relationship'], ['T-04', 'compliance'],
  ['T-05', 'compliance'], ['T-06', 'product_knowledge'], ['T-07', 'sales_skills'], ['T-08', 'management'],
] as const;

/** Eight mandatory two-hour courses (every requirement arms its three overdue steps: the heaviest plan). */
export async function seedCourses(client: pg.Client, now: Date): Promise<void> {
  await client.query(
    `INSERT INTO "Course" (id, code, "titleZh", "titleEn", category, levels, "durationMinutes", mandatory, "createdAt", "updatedAt")
     SELECT md5('training-bench-course-' || c.code)::uuid, c.code, '课程 ' || c.code, 'Course ' || c.code, c.category::"CourseCategory",
            ARRAY['SALES_SPECIALIST','CUSTOMER_SERVICE','SALES_MANAGER','SALES_DIRECTOR']::"Role"[], 120, true, $3::timestamp, $3::timestamp
       FROM unnest($1::text[], $2::text[]) AS c(code, category)`,
    [COURSES.map(([code]) => code), COURSES.map(([, category]) => category), now.toISOString()],
  );
}

/**
 * Eight rules, each for (nearly) everyone, so ~8 requirements a person: six filtered in SQL
 * (everyone, roles, teams, regions, roles + teams), two evaluated per person in JS (a `when`, and
 * a due date counted from joining), the two paths a publish has.
 */
export function planV1(year: number) {
  const everyRole = ['SALES_SPECIALIST', 'CUSTOMER_SERVICE', 'SALES_MANAGER', 'SALES_DIRECTOR', 'HR'];
  return {
    rules: [
      { course: 'T-01', audience: {}, due: { date: `${year}-06-30` } },
      { course: 'T-02', audience: { roles: everyRole }, due: { date: `${year}-07-31` } },
      { course: 'T-03', audience: { teams: TEAMS }, due: { date: `${year}-08-31` } },
      { course: 'T-04', audience: { regions: REGIONS }, due: { date: `${year}-09-30` } },
      { course: 'T-05', audience: { when: 'role != "ADMIN"' }, due: { date: `${year}-10-31` } },
      { course: 'T-06', audience: {}, due: { withinWorkingDaysOfJoining: 30 } },
      { course: 'T-07', audience: { roles: ['SALES_SPECIALIST', 'CUSTOMER_SERVICE', 'SALES_MANAGER', 'SALES_DIRECTOR', 'HR'], teams: TEAMS }, due: { date: `${year}-11-30` } },
      { course: 'T-08', audience: {}, due: { date: `${year}-12-15` } },
    ],
  };
}

/** The same plan with one rule changed: T-03 no longer for the South team (a quarter withdrawn). */
export function planV2(year: number) {
  const plan = planV1(year);
  plan.rules[2] = { course: 'T-03', audience: { teams: TEAMS.filter((t) => t !== 'South') }, due: { date: `${year}-08-31` } };
  return plan;
}

/** Requirements the plan should ask for, counted from the seed in SQL (the bootstrap admin matches only the `{}` rules). */
export async function expectedRequirements(client: pg.Client, version: 1 | 2): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT (count(*) * 3                                                     -- T-01, T-06, T-08: everyone
           + count(*) FILTER (WHERE role <> 'ADMIN') * 2                      -- T-02 (roles), T-05 (when)
           + count(*) FILTER (WHERE team = ANY($1::text[]))                   -- T-03
           + count(*) FILTER (WHERE region IS NOT NULL)                       -- T-04
           + count(*) FILTER (WHERE role <> 'ADMIN' AND team IS NOT NULL))::int AS n  -- T-07
       FROM "Employee"`,
    [version === 1 ? TEAMS : TEAMS.filter((t) => t !== 'South')],
  );
  return rows[0].n;
}

/** `seats` confirmed enrollments in each session, attendees taken in order (set-up: written directly, no email). */
export async function seedEnrollments(client: pg.Client, sessionIds: string[], attendees: string[], seats: number, enrolledById: string, now: Date): Promise<number> {
  const count = Math.min(attendees.length, sessionIds.length * seats);
  const result = await client.query(
    `INSERT INTO "Enrollment" (id, "sessionId", "employeeId", status, "confirmedAt", "enrolledById", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), ($1::uuid[])[1 + (k - 1) / $4], a.id, 'CONFIRMED', $5::timestamp, $3::uuid, $5::timestamp, $5::timestamp
       FROM unnest($2::uuid[]) WITH ORDINALITY AS a(id, k)
      WHERE k <= $6`,
    [sessionIds, attendees, enrolledById, seats, now.toISOString(), count],
  );
  return result.rowCount ?? 0;
}
