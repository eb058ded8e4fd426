import type { Tx } from '#libs/database';
import type { OrgDirectory } from '#libs/org';
import type { EmployeeRow as Employee } from '../rows.js';
import type { CalendarContext } from '../revisits/local-days.js';

/**
 * The people and work calendars one scan needs, each read once per scan and in batches: a scan
 * over a million customers meets the same ten thousand owners and a handful of calendars.
 */
export class ScanDirectory {
  private readonly people = new Map<string, Employee | null>();
  private readonly contexts = new Map<string, CalendarContext>();

  constructor(
    private readonly directory: OrgDirectory,
    private readonly db: Tx,
  ) {}

  /** Reads the employees not read yet; unknown ids are remembered as missing. */
  async load(ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.people.has(id));
    if (missing.length === 0) return;
    const found = await this.directory.findManyById(missing, this.db);
    for (const id of missing) this.people.set(id, null);
    for (const employee of found) this.people.set(employee.id, employee);
  }

  person(id: string | null): Employee | null {
    return id ? (this.people.get(id) ?? null) : null;
  }

  /** The owners' managers, for a batch of owners already loaded. */
  async loadManagersOf(ownerIds: Iterable<string>): Promise<void> {
    const managerIds = [...ownerIds].flatMap((id) => this.person(id)?.managerId ?? []);
    await this.load(managerIds);
  }

  async contextOf(employee: Employee): Promise<CalendarContext> {
    const key = `${employee.calendar}|${employee.timezone}`;
    let context = this.contexts.get(key);
    if (!context) {
      context = await this.directory.workingContext(employee, this.db);
      this.contexts.set(key, context);
    }
    return context;
  }
}
