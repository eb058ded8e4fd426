import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { Database, OutboxSignal, PrismaService, type Tx } from '#libs/database';
import type { Employee, Role } from '#generated/prisma';
import { AuditWriter } from '#libs/audit';
import { BadRequestError, ConflictError, ForbiddenError, toPage, type FieldError, type Page } from '#libs/rpc';
import { Clock, isKnownZone, validateCalendar } from '#libs/time';
import { EventPublisher } from '#libs/workflow';
import { adminRoleRefusal, type RoleChange } from './admin-role.rules.js';
import { AbsenceWriter } from './absence.writer.js';
import { OrgRepository } from './org.repository.js';
import { OrgDirectory } from './org-directory.service.js';
import { personView, type PersonView } from './person-view.js';

export interface EmployeeInput {
  email: string;
  name: string;
  role: Role;
  managerEmail?: string | null;
  team?: string | null;
  region?: string | null;
  productLines?: string[];
  timezone?: string;
  locale?: string;
  calendar?: string;
}

export interface AbsenceInput {
  employeeEmail: string;
  from: string;
  to: string;
  delegateEmail?: string | null;
}

export interface EmployeeView extends PersonView {
  role: Role;
  manager: PersonView | null;
  team: string | null;
  region: string | null;
  productLines: string[];
  timezone: string;
  locale: string;
  calendar: string;
}

export const LOCALES = ['zh-CN', 'en'] as const;

/** Writing the organization: employees, absences, calendars. Validates everything before writing anything. */
@Injectable()
export class OrgAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(OrgAdminService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly database: Database,
    private readonly repository: OrgRepository,
    private readonly directory: OrgDirectory,
    private readonly absences: AbsenceWriter,
    private readonly events: EventPublisher,
    private readonly audit: AuditWriter,
    private readonly signal: OutboxSignal,
    private readonly clock: Clock,
  ) {}

  /** A new installation can be administered: BOOTSTRAP_ADMIN_EMAIL is always an ADMIN. */
  async onApplicationBootstrap(): Promise<void> {
    const email = this.config.BOOTSTRAP_ADMIN_EMAIL?.toLowerCase();
    if (!email) return;
    await this.prisma.employee.upsert({
      where: { email },
      create: { email, name: email.split('@')[0], role: 'ADMIN' },
      update: { role: 'ADMIN' },
    });
    this.logger.log(`Bootstrap administrator ${email} is present.`);
  }

  async upsertEmployees(actor: PersonView, inputs: EmployeeInput[]): Promise<{ items: EmployeeView[] }> {
    const rows = inputs.map((input) => ({ ...input, email: input.email.toLowerCase(), managerEmail: input.managerEmail?.toLowerCase() ?? null }));
    const now = this.clock.now();
    const result = await this.database.transaction(async (tx) => {
      await this.validateEmployees(rows, tx);
      const before = new Map((await this.repository.findManyByEmail(rows.map((r) => r.email), tx)).map((e) => [e.email, e]));
      await this.refuseAdminRoleChanges(actor, rows.map((row) => ({ email: row.email, role: row.role, current: before.get(row.email)?.role ?? null })), tx);
      for (const row of rows) {
        const data = {
          name: row.name,
          role: row.role,
          team: row.team ?? null,
          region: row.region ?? null,
          productLines: [...new Set(row.productLines ?? [])].sort(),
          ...(row.timezone ? { timezone: row.timezone } : {}),
          ...(row.locale ? { locale: row.locale } : {}),
          ...(row.calendar ? { calendar: row.calendar } : {}),
          // Prisma's @updatedAt and @default(now()) took the wall clock, not the (movable) business clock.
          updatedAt: new Date(),
        };
        // As Prisma's upsert did: a new row gets an id and createdAt, an existing one only the given fields (and updatedAt).
        await tx
          .insertInto('Employee')
          .values({ id: randomUUID(), email: row.email, createdAt: new Date(), ...data })
          .onConflict((oc) => oc.column('email').doUpdateSet(data))
          .execute();
      }
      const saved = await this.repository.findManyByEmail(rows.map((r) => r.email), tx);
      const byEmail = new Map(saved.map((e) => [e.email, e]));
      const managers = await this.repository.findManyByEmail(rows.flatMap((r) => (r.managerEmail ? [r.managerEmail] : [])), tx);
      const managerByEmail = new Map(managers.map((e) => [e.email, e]));
      for (const row of rows) {
        const managerId = row.managerEmail ? managerByEmail.get(row.managerEmail)!.id : null;
        await tx.updateTable('Employee').set({ managerId, updatedAt: new Date() }).where('email', '=', row.email).execute();
      }
      await this.refuseCycles(tx);
      // Who joined or moved (role, team, region, product lines, manager): training plans re-apply to them.
      const changed = rows.flatMap((row) => {
        const old = before.get(row.email);
        const now = byEmail.get(row.email)!;
        const moved = !old || old.role !== now.role || old.team !== now.team || old.region !== now.region || old.productLines.join('\n') !== now.productLines.join('\n') || old.managerId !== (row.managerEmail ? managerByEmail.get(row.managerEmail)!.id : null);
        return moved ? [now.id] : [];
      });
      if (changed.length > 0) await this.events.publish(tx, 'employee.changed', { employeeIds: changed }, null);
      await this.audit.record(tx, {
        entityType: 'organization',
        entityId: actor.id,
        action: 'employees.upserted',
        actorId: actor.id,
        after: { emails: rows.map((r) => r.email) },
        at: now,
      });
      return [...byEmail.keys()];
    });
    this.signal.notify();
    const employees = await this.repository.findManyByEmail(result);
    return { items: await this.views(employees) };
  }

  /** Before anything is written; the ADMIN rows stay locked, so two requests cannot each remove one of the last two. */
  private async refuseAdminRoleChanges(actor: PersonView, changes: RoleChange[], tx: Tx): Promise<void> {
    const admins = await this.repository.lockAdmins(tx);
    const actorRole = admins.some((admin) => admin.id === actor.id) ? 'ADMIN' : ((await this.repository.findManyById([actor.id], tx))[0]?.role ?? null);
    const refusal = adminRoleRefusal(actorRole, changes, admins.length);
    if (refusal) throw refusal.status === 403 ? new ForbiddenError(refusal.message) : new ConflictError(refusal.message, 'org.last_admin');
  }

  private async validateEmployees(rows: (EmployeeInput & { managerEmail: string | null })[], tx: Tx): Promise<void> {
    const errors: FieldError[] = [];
    const emails = new Set<string>();
    rows.forEach((row, i) => {
      if (emails.has(row.email)) errors.push({ field: `employees[${i}].email`, message: `${row.email} appears twice in this request` });
      emails.add(row.email);
      if (row.timezone && !isKnownZone(row.timezone)) errors.push({ field: `employees[${i}].timezone`, message: `${row.timezone} is not an IANA time zone` });
      if (row.managerEmail === row.email) errors.push({ field: `employees[${i}].managerEmail`, message: 'an employee cannot be their own manager' });
    });
    const managerEmails = [...new Set(rows.flatMap((r) => (r.managerEmail ? [r.managerEmail] : [])))].filter((e) => !emails.has(e));
    const known = new Set((await this.repository.findManyByEmail(managerEmails, tx)).map((e) => e.email));
    rows.forEach((row, i) => {
      if (row.managerEmail && !emails.has(row.managerEmail) && !known.has(row.managerEmail)) {
        errors.push({ field: `employees[${i}].managerEmail`, message: `no employee has the email ${row.managerEmail}` });
      }
    });
    const calendars = [...new Set(rows.flatMap((r) => (r.calendar && r.calendar !== 'standard' ? [r.calendar] : [])))];
    const knownCalendars = new Set((await this.repository.calendarNames(calendars, tx)).map((c) => c.name));
    rows.forEach((row, i) => {
      if (row.calendar && row.calendar !== 'standard' && !knownCalendars.has(row.calendar)) {
        errors.push({ field: `employees[${i}].calendar`, message: `calendar ${row.calendar} does not exist (PUT /org/calendars/${row.calendar} first)` });
      }
    });
    if (errors.length > 0) throw new BadRequestError('Some employees are invalid; nothing was saved.', errors);
  }

  private async refuseCycles(tx: Tx): Promise<void> {
    const links = await this.repository.allManagerLinks(tx);
    const managerOf = new Map(links.map((l) => [l.id, l.managerId]));
    const emailOf = new Map(links.map((l) => [l.id, l.email]));
    for (const link of links) {
      const seen = new Set<string>([link.id]);
      let next = link.managerId;
      while (next) {
        if (seen.has(next)) {
          throw new BadRequestError('The reporting lines would form a cycle; nothing was saved.', [
            { field: 'employees', message: `${emailOf.get(link.id)} would (indirectly) manage themselves` },
          ]);
        }
        seen.add(next);
        next = managerOf.get(next) ?? null;
      }
    }
  }

  async listEmployees(query: { cursor?: string; limit: number; team?: string; role?: Role }): Promise<Page<EmployeeView>> {
    const rows = await this.repository.list(query);
    const page = toPage(rows, query.limit, (row) => row);
    return { items: await this.views(page.items), nextCursor: page.nextCursor };
  }

  private async views(employees: Employee[]): Promise<EmployeeView[]> {
    const managers = await this.repository.findManyById(employees.flatMap((e) => (e.managerId ? [e.managerId] : [])));
    const managerById = new Map(managers.map((m) => [m.id, m]));
    return employees.map((e) => ({
      ...personView(e),
      role: e.role,
      manager: e.managerId && managerById.has(e.managerId) ? personView(managerById.get(e.managerId)!) : null,
      team: e.team,
      region: e.region,
      productLines: e.productLines,
      timezone: e.timezone,
      locale: e.locale,
      calendar: e.calendar,
    }));
  }

  /** Records the absence and arms a timer for its start, when pending steps move to the delegate. */
  async addAbsence(actor: PersonView, input: AbsenceInput, correlationId: string | null) {
    const from = new Date(input.from);
    const to = new Date(input.to);
    const errors: FieldError[] = [];
    const employee = await this.repository.findByEmail(input.employeeEmail);
    if (!employee) errors.push({ field: 'employeeEmail', message: `no employee has the email ${input.employeeEmail}` });
    const delegate = input.delegateEmail ? await this.repository.findByEmail(input.delegateEmail) : null;
    if (input.delegateEmail && !delegate) errors.push({ field: 'delegateEmail', message: `no employee has the email ${input.delegateEmail}` });
    if (delegate && employee && delegate.id === employee.id) errors.push({ field: 'delegateEmail', message: 'an employee cannot delegate to themselves' });
    if (!(to.getTime() > from.getTime())) errors.push({ field: 'to', message: 'must be after from' });
    if (errors.length > 0 || !employee) throw new BadRequestError('The absence is invalid; nothing was saved.', errors);
    const now = this.clock.now();
    const absence = await this.database.transaction((tx) =>
      this.absences.record(tx, { employee, delegate: delegate ? { id: delegate.id, email: delegate.email } : null, from, to }, actor.id, now, correlationId),
    );
    this.signal.notify();
    return {
      id: absence.id,
      employee: personView(employee),
      delegate: delegate ? personView(delegate) : null,
      from: absence.from.toISOString(),
      to: absence.to.toISOString(),
    };
  }

  async putCalendar(actor: PersonView, name: string, input: unknown) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
      throw new BadRequestError('Invalid calendar name.', [{ field: 'name', message: 'letters, digits, _ and - only, at most 64' }]);
    }
    const validation = validateCalendar(input);
    if (!validation.ok) throw new BadRequestError('The calendar is invalid; nothing was saved.', validation.errors);
    const value = validation.value;
    const now = this.clock.now();
    const saved = await this.database.transaction(async (tx) => {
      const data = { timezone: value.timezone ?? null, days: value.days, start: value.start, end: value.end, holidays: value.holidays, workdays: value.workdays };
      const row = await tx
        .insertInto('WorkCalendar')
        .values({ name, ...data, updatedAt: new Date() })
        .onConflict((oc) => oc.column('name').doUpdateSet({ ...data, updatedAt: new Date() }))
        .returning(['name', 'timezone', 'days', 'start', 'end', 'holidays', 'workdays'])
        .executeTakeFirstOrThrow();
      await this.audit.record(tx, { entityType: 'calendar', entityId: actor.id, action: 'calendar.saved', actorId: actor.id, after: { name, ...data }, at: now });
      return row;
    });
    return { name: saved.name, timezone: saved.timezone, days: saved.days, start: saved.start, end: saved.end, holidays: saved.holidays, workdays: saved.workdays };
  }

}
