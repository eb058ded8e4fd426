import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { Database, PrismaService, type Tx } from '#libs/database';
import type { Absence, Employee, Role, WorkCalendar } from '#generated/prisma';

/** The Employee model's columns, so reads return exactly what Prisma's would. */
const EMPLOYEE = ['id', 'email', 'name', 'role', 'managerId', 'team', 'region', 'productLines', 'timezone', 'locale', 'calendar', 'createdAt', 'updatedAt'] as const;
const ABSENCE = ['id', 'employeeId', 'delegateId', 'from', 'to', 'createdAt'] as const;

/** Longest reporting chain followed, against a corrupt (cyclic or absurdly deep) hierarchy. */
const MAX_CHAIN = 64;

/**
 * Reads and writes of the organization directory. The hot reads (every request and every
 * approval step) go through Kysely: a Prisma model query costs several times a plain statement.
 * `tx` is the caller's transaction, or the pool (`database.db`) by default.
 */
@Injectable()
export class OrgRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly database: Database,
  ) {}

  async findById(id: string, tx: Tx = this.database.db): Promise<Employee | null> {
    return (await tx.selectFrom('Employee').select(EMPLOYEE).where('id', '=', id).executeTakeFirst()) ?? null;
  }

  async findByEmail(email: string, tx: Tx = this.database.db): Promise<Employee | null> {
    return (await tx.selectFrom('Employee').select(EMPLOYEE).where('email', '=', email.toLowerCase()).executeTakeFirst()) ?? null;
  }

  async findManyByEmail(emails: string[], tx: Tx = this.database.db): Promise<Employee[]> {
    if (emails.length === 0) return [];
    return tx.selectFrom('Employee').select(EMPLOYEE).where('email', 'in', emails.map((e) => e.toLowerCase())).execute();
  }

  /** Every ADMIN, locked until the transaction ends. */
  async lockAdmins(tx: Tx): Promise<{ id: string }[]> {
    return tx.selectFrom('Employee').select('id').where('role', '=', 'ADMIN').orderBy('id').forUpdate().execute();
  }

  async findManyById(ids: string[], tx: Tx = this.database.db): Promise<Employee[]> {
    if (ids.length === 0) return [];
    return tx.selectFrom('Employee').select(EMPLOYEE).where('id', '=', sql<string>`ANY(${ids}::uuid[])`).execute();
  }

  withRole(role: Role, tx: Tx = this.database.db): Promise<Employee[]> {
    return tx.selectFrom('Employee').select(EMPLOYEE).where('role', '=', role).orderBy('email').execute();
  }

  /** The ids of the employee and everyone below them in the reporting line (UNION stops at a cycle). */
  async subtreeIds(employeeId: string, tx: Tx = this.database.db): Promise<string[]> {
    const { rows } = await sql<{ id: string }>`
      WITH RECURSIVE subtree AS (
        SELECT id FROM "Employee" WHERE id = ${employeeId}::uuid
        UNION
        SELECT e.id FROM "Employee" e JOIN subtree s ON e."managerId" = s.id
      ) SELECT id FROM subtree`.execute(tx);
    return rows.map((r) => r.id);
  }

  /**
   * Everyone above the employee, nearest first, in one statement: the chain stops at a missing
   * manager, at someone already in it (a cycle), or after MAX_CHAIN people.
   */
  async managersAbove(employee: Employee, tx: Tx = this.database.db): Promise<Employee[]> {
    if (!employee.managerId) return [];
    const { rows } = await sql<Employee>`
      WITH RECURSIVE chain AS (
        SELECT e.id, e."managerId", 1 AS depth, ARRAY[e.id] AS seen FROM "Employee" e WHERE e.id = ${employee.managerId}::uuid
        UNION ALL
        SELECT e.id, e."managerId", c.depth + 1, c.seen || e.id
        FROM chain c JOIN "Employee" e ON e.id = c."managerId"
        WHERE NOT e.id = ANY(c.seen) AND c.depth < ${MAX_CHAIN}
      )
      SELECT e.id, e.email, e.name, e.role, e."managerId", e.team, e.region, e."productLines", e.timezone, e.locale, e.calendar, e."createdAt", e."updatedAt"
      FROM chain c JOIN "Employee" e ON e.id = c.id ORDER BY c.depth`.execute(tx);
    return rows;
  }

  list(where: { cursor?: string; limit: number; team?: string; role?: Role }): Promise<Employee[]> {
    return this.prisma.employee.findMany({
      where: { team: where.team, role: where.role },
      orderBy: { email: 'asc' },
      take: where.limit + 1,
      ...(where.cursor ? { cursor: { id: where.cursor }, skip: 1 } : {}),
    });
  }

  allManagerLinks(tx: Tx = this.database.db): Promise<{ id: string; email: string; managerId: string | null }[]> {
    return tx.selectFrom('Employee').select(['id', 'email', 'managerId']).execute();
  }

  async calendar(name: string, tx: Tx = this.database.db): Promise<WorkCalendar | null> {
    const row = await tx
      .selectFrom('WorkCalendar')
      .select(['name', 'timezone', 'days', 'start', 'end', 'holidays', 'workdays', 'updatedAt'])
      .where('name', '=', name)
      .executeTakeFirst();
    return row ?? null;
  }

  async calendarNames(names: string[], tx: Tx = this.database.db): Promise<{ name: string }[]> {
    if (names.length === 0) return [];
    return tx.selectFrom('WorkCalendar').select('name').where('name', 'in', names).execute();
  }

  /** The absence covering `at`, if any (latest first when they overlap). */
  async absenceAt(employeeId: string, at: Date, tx: Tx = this.database.db): Promise<Absence | null> {
    const row = await tx
      .selectFrom('Absence')
      .select(ABSENCE)
      .where('employeeId', '=', employeeId)
      .where('from', '<=', at)
      .where('to', '>', at)
      .orderBy('createdAt', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ?? null;
  }

  /** The absences covering `at` of those employees who are absent then, one each (the latest when they overlap). */
  async absencesAt(employeeIds: string[], at: Date, tx: Tx = this.database.db): Promise<Absence[]> {
    if (employeeIds.length === 0) return [];
    return tx
      .selectFrom('Absence')
      .distinctOn('employeeId')
      .select(ABSENCE)
      .where('employeeId', '=', sql<string>`ANY(${employeeIds}::uuid[])`)
      .where('from', '<=', at)
      .where('to', '>', at)
      .orderBy('employeeId')
      .orderBy('createdAt', 'desc')
      .execute();
  }
}
