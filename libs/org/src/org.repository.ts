import { Injectable } from '@nestjs/common';
import { PrismaService, Tx } from '../../database/src/index.js';
import type { Absence, Employee, Role, WorkCalendar } from '../../../generated/prisma/client.js';

/** Only Prisma: reads and writes of the organization directory. */
@Injectable()
export class OrgRepository {
  constructor(private readonly prisma: PrismaService) {}

  findById(id: string, tx: Tx = this.prisma): Promise<Employee | null> {
    return tx.employee.findUnique({ where: { id } });
  }

  findByEmail(email: string, tx: Tx = this.prisma): Promise<Employee | null> {
    return tx.employee.findUnique({ where: { email: email.toLowerCase() } });
  }

  findManyByEmail(emails: string[], tx: Tx = this.prisma): Promise<Employee[]> {
    return tx.employee.findMany({ where: { email: { in: emails.map((e) => e.toLowerCase()) } } });
  }

  findManyById(ids: string[], tx: Tx = this.prisma): Promise<Employee[]> {
    return tx.employee.findMany({ where: { id: { in: ids } } });
  }

  withRole(role: Role, tx: Tx = this.prisma): Promise<Employee[]> {
    return tx.employee.findMany({ where: { role }, orderBy: { email: 'asc' } });
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

  calendar(name: string, tx: Tx = this.prisma): Promise<WorkCalendar | null> {
    return tx.workCalendar.findUnique({ where: { name } });
  }

  calendarNames(names: string[], tx: Tx = this.prisma): Promise<{ name: string }[]> {
    return tx.workCalendar.findMany({ where: { name: { in: names } }, select: { name: true } });
  }

  /** The absence covering `at`, if any (latest first when they overlap). */
  absenceAt(employeeId: string, at: Date, tx: Tx = this.prisma): Promise<Absence | null> {
    return tx.absence.findFirst({
      where: { employeeId, from: { lte: at }, to: { gt: at } },
      orderBy: { createdAt: 'desc' },
    });
  }
}
