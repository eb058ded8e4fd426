import { Injectable, Logger } from '@nestjs/common';
import { Database, type Tx } from '#libs/database';
import type { Absence, Employee, WorkCalendar } from '#generated/prisma';
import { STANDARD_CALENDAR, effectiveZone, type WorkCalendarSpec } from '#libs/time';
import { OrgRepository } from './org.repository.js';

export interface WorkingContext {
  calendar: WorkCalendarSpec;
  zone: string;
}

/** Reading the organization: reporting lines, roles, calendars and absences. */
@Injectable()
export class OrgDirectory {
  private readonly logger = new Logger(OrgDirectory.name);

  constructor(
    private readonly database: Database,
    private readonly repository: OrgRepository,
  ) {}

  /** `sub` claims and filters name a person by id or by email. */
  async findByIdOrEmail(idOrEmail: string, tx: Tx = this.database.db): Promise<Employee | null> {
    if (idOrEmail.includes('@')) return this.repository.findByEmail(idOrEmail, tx);
    if (!/^[0-9a-f-]{36}$/i.test(idOrEmail)) return null;
    return this.repository.findById(idOrEmail, tx);
  }

  findById(id: string, tx: Tx = this.database.db): Promise<Employee | null> {
    return this.repository.findById(id, tx);
  }

  findManyById(ids: string[], tx: Tx = this.database.db): Promise<Employee[]> {
    return this.repository.findManyById(ids, tx);
  }

  withRole(role: Employee['role'], tx: Tx = this.database.db): Promise<Employee[]> {
    return this.repository.withRole(role, tx);
  }

  async managerOf(employee: Employee, tx: Tx = this.database.db): Promise<Employee | null> {
    return employee.managerId ? this.repository.findById(employee.managerId, tx) : null;
  }

  /** Everyone above the employee, nearest first. */
  reportingChain(employee: Employee, tx: Tx = this.database.db): Promise<Employee[]> {
    return this.repository.managersAbove(employee, tx);
  }

  /** The employee and everyone below them in the reporting line (ids): what a manager may see. */
  reportingSubtree(employeeId: string, tx: Tx = this.database.db): Promise<string[]> {
    return this.repository.subtreeIds(employeeId, tx);
  }

  async nearestAbove(employee: Employee, role: Employee['role'], tx: Tx = this.database.db): Promise<Employee | null> {
    return (await this.reportingChain(employee, tx)).find((e) => e.role === role) ?? null;
  }

  /** True when `managerId` is somewhere above `employeeId` in the reporting line. */
  async isAbove(managerId: string, employee: Employee, tx: Tx = this.database.db): Promise<boolean> {
    return (await this.reportingChain(employee, tx)).some((e) => e.id === managerId);
  }

  async workingContext(employee: Employee, tx: Tx = this.database.db): Promise<WorkingContext> {
    const row = employee.calendar === STANDARD_CALENDAR.name ? await this.repository.calendar('standard', tx) : await this.repository.calendar(employee.calendar, tx);
    const calendar = row ? calendarSpec(row) : STANDARD_CALENDAR;
    if (!row && employee.calendar !== STANDARD_CALENDAR.name) {
      this.logger.warn(`Employee ${employee.email} names calendar ${employee.calendar}, which does not exist; using the standard calendar.`);
    }
    return { calendar, zone: effectiveZone(calendar, employee.timezone) };
  }

  /** Each employee's working context, reading each calendar once (for batches of people). */
  async workingContexts(employees: Employee[], tx: Tx = this.database.db): Promise<Map<string, WorkingContext>> {
    const byCalendar = new Map<string, Promise<WorkingContext>>();
    const contexts = new Map<string, WorkingContext>();
    for (const employee of employees) {
      const key = `${employee.calendar}|${employee.timezone}`;
      if (!byCalendar.has(key)) byCalendar.set(key, this.workingContext(employee, tx));
      contexts.set(employee.id, await byCalendar.get(key)!);
    }
    return contexts;
  }

  absenceAt(employeeId: string, at: Date, tx: Tx = this.database.db) {
    return this.repository.absenceAt(employeeId, at, tx);
  }

  /** Who of these employees is absent at `at`, by employee id. */
  async absencesAt(employeeIds: string[], at: Date, tx: Tx = this.database.db): Promise<Map<string, Absence>> {
    if (employeeIds.length === 0) return new Map();
    return new Map((await this.repository.absencesAt(employeeIds, at, tx)).map((absence) => [absence.employeeId, absence]));
  }
}

export function calendarSpec(row: WorkCalendar): WorkCalendarSpec {
  return {
    name: row.name,
    timezone: row.timezone,
    days: row.days,
    start: row.start,
    end: row.end,
    holidays: row.holidays,
    workdays: row.workdays,
  };
}
