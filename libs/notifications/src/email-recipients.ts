import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import type { RecipientView } from '#libs/mail';
import { OrgDirectory } from '#libs/org';

type Person = Parameters<OrgDirectory['workingContext']>[0];

/** Where an email goes and in which language. */
export interface EmailAddress {
  id?: string | null;
  email: string;
  locale: string;
}

export interface EmailRecipient {
  address: EmailAddress;
  /** What the email says of its reader: the name, and the zone its instants are shown in. */
  view: RecipientView;
}

/**
 * The one way an email's recipient is described. Every instant in an email is shown in the zone
 * the recipient works in: their work calendar's zone when the calendar names one, else their own
 * (SPEC: "the calendar's timezone, when set, wins over the employee's"), the zone their SLA and
 * deadlines are counted in too.
 */
@Injectable()
export class EmailRecipients {
  constructor(private readonly directory: OrgDirectory) {}

  async of(tx: Tx, employee: Person): Promise<EmailRecipient> {
    const { zone } = await this.directory.workingContext(employee, tx);
    return recipient(employee, zone);
  }

  /** Several at once, reading each calendar once. */
  async all(tx: Tx, employees: Person[]): Promise<Map<string, EmailRecipient>> {
    const contexts = await this.directory.workingContexts(employees, tx);
    return new Map(employees.map((employee) => [employee.id, recipient(employee, contexts.get(employee.id)!.zone)]));
  }
}

function recipient(employee: Person, zone: string): EmailRecipient {
  return { address: { id: employee.id, email: employee.email, locale: employee.locale }, view: { name: employee.name, timezone: zone } };
}
