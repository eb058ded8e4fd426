import { Injectable } from '@nestjs/common';
import { PrismaService, sqlOf, type Tx } from '#libs/database';
import { Prisma, type Absence, type Employee, type Role, type WorkCalendar } from '#generated/prisma';

/** The Employee model's columns, so raw reads return exactly what Prisma's would. */
const EMPLOYEE = Prisma.sql`e.id, e.email, e.name, e.role::text AS role, e."managerId", e.team, e.region, e.timezone, e.locale, e.calendar, e."createdAt", e."updatedAt"`;

/** Longest reporting chain followed, against a corrupt (cyclic or absurdly deep) hierarchy. */
const MAX_CHAIN = 64;

/**
 * Reads and writes of the organization directory. The hot reads (every request and every
 * approval step) are plain SQL: a Prisma model query costs several times its raw equivalent.
 */
@Injectable()
export class OrgRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findById(id: string, tx: Tx = this.prisma): Promise<Employee | null> {
    const rows = await sqlOf(tx).query<Employee>(Prisma.sql`SELECT ${EMPLOYEE} FROM "Employee" e WHERE e.id = ${id}::uuid`);
    return rows[0] ?? null;
  }

  async findByEmail(email: string, tx: Tx = this.prisma): Promise<Employee | null> {
    const rows = await sqlOf(tx).query<Employee>(Prisma.sql`SELECT ${EMPLOYEE} FROM "Employee" e WHERE e.email = ${email.toLowerCase()}`);
    return rows[0] ?? null;
  }

  findManyByEmail(emails: string[], tx: Tx = this.prisma): Promise<Employee[]> {
    return tx.employee.findMany({ where: { email: { in: emails.map((e) => e.toLowerCase()) } } });
  }

  findManyById(ids: string[], tx: Tx = this.prisma): Promise<Employee[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return sqlOf(tx).query<Employee>(Prisma.sql`SELECT ${EMPLOYEE} FROM "Employee" e WHERE e.id = ANY(${ids}::uuid[])`);
  }

  withRole(role: Role, tx: Tx = this.prisma): Promise<Employee[]> {
    return sqlOf(tx).query<Employee>(Prisma.sql`SELECT ${EMPLOYEE} FROM "Employee" e WHERE e.role = ${role}::"Role" ORDER BY e.email`);
  }

  /** The ids of the employee and everyone below them in the reporting line (UNION stops at a cycle). */
  async subtreeIds(employeeId: string, tx: Tx = this.prisma): Promise<string[]> {
    const rows = await sqlOf(tx).query<{ id: string }>(Prisma.sql`
      WITH RECURSIVE subtree AS (
        SELECT id FROM "Employee" WHERE id = ${employeeId}::uuid
        UNION
        SELECT e.id FROM "Employee" e JOIN subtree s ON e."managerId" = s.id
      ) SELECT id FROM subtree`);
    return rows.map((r) => r.id);
  }

  /**
   * Everyone above the employee, nearest first, in one statement: the chain stops at a missing
   * manager, at someone already in it (a cycle), or after MAX_CHAIN people.
   */
  managersAbove(employee: Employee, tx: Tx = this.prisma): Promise<Employee[]> {
    if (!employee.managerId) return Promise.resolve([]);
    return sqlOf(tx).query<Employee>(Prisma.sql`
      WITH RECURSIVE chain AS (
        SELECT e.id, e."managerId", 1 AS depth, ARRAY[e.id] AS seen FROM "Employee" e WHERE e.id = ${employee.managerId}::uuid
        UNION ALL
        SELECT e.id, e."managerId", c.depth + 1, c.seen || e.id
        FROM chain c JOIN "Employee" e ON e.id = c."managerId"
        WHERE NOT e.id = ANY(c.seen) AND c.depth < ${MAX_CHAIN}
      )
      SELECT ${EMPLOYEE} FROM chain c JOIN "Employee" e ON e.id = c.id ORDER BY c.depth`);
  }

  list(where: { cursor?: string; limit: number; team?: string; role?: Role }): Promise<Employee[]> {
    return this.prisma.employee.findMany({
      where: { team: where.team, role: where.role },
      orderBy: { email: 'asc' },
      take: where.limit + 1,
      ...(where.cursor ? { cursor: { id: where.cursor }, skip: 1 } : {}),
    });
  }

  allManagerLinks(tx: Tx = this.prisma): Promise<{ id: string; email: string; managerId: string | null }[]> {
    return tx.employee.findMany({ select: { id: true, email: true, managerId: true } });
  }

  async calendar(name: string, tx: Tx = this.prisma): Promise<WorkCalendar | null> {
    const rows = await sqlOf(tx).query<WorkCalendar>(Prisma.sql`
      SELECT name, timezone, days, start, "end", holidays, workdays, "updatedAt" FROM "WorkCalendar" WHERE name = ${name}`);
    return rows[0] ?? null;
  }

  calendarNames(names: string[], tx: Tx = this.prisma): Promise<{ name: string }[]> {
    return tx.workCalendar.findMany({ where: { name: { in: names } }, select: { name: true } });
  }

  /** The absence covering `at`, if any (latest first when they overlap). */
  async absenceAt(employeeId: string, at: Date, tx: Tx = this.prisma): Promise<Absence | null> {
    const rows = await sqlOf(tx).query<Absence>(Prisma.sql`
      SELECT id, "employeeId", "delegateId", "from", "to", "createdAt" FROM "Absence"
      WHERE "employeeId" = ${employeeId}::uuid AND "from" <= ${at} AND "to" > ${at}
      ORDER BY "createdAt" DESC LIMIT 1`);
    return rows[0] ?? null;
  }

  /** The absences covering `at` of those employees who are absent then, one each (the latest when they overlap). */
  absencesAt(employeeIds: string[], at: Date, tx: Tx = this.prisma): Promise<Absence[]> {
    return sqlOf(tx).query<Absence>(Prisma.sql`
      SELECT DISTINCT ON ("employeeId") id, "employeeId", "delegateId", "from", "to", "createdAt" FROM "Absence"
      WHERE "employeeId" = ANY(${employeeIds}::uuid[]) AND "from" <= ${at} AND "to" > ${at}
      ORDER BY "employeeId", "createdAt" DESC`);
  }
}
