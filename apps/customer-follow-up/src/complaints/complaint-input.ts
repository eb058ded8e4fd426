import type { ComplaintStatus } from '#generated/prisma';
import { COMPLAINT_STATUSES, type ComplaintSeverity } from '#libs/contracts';

export { COMPLAINT_SEVERITIES, COMPLAINT_STATUSES, type ComplaintSeverity } from '#libs/contracts';

// The shared list must name only statuses the database knows.
COMPLAINT_STATUSES satisfies readonly ComplaintStatus[];

export interface CreateComplaintInput {
  customerId: string;
  severity: ComplaintSeverity;
  /** How the customer complained: phone, email, visit, ... (free text). */
  channel: string;
  description: string;
}

export interface ListComplaintsQuery {
  status?: ComplaintStatus;
  /** Employee id or email. */
  assignee?: string;
  customerId?: string;
  cursor?: string;
  limit: number;
}

export interface ResolveComplaintInput {
  resolution: string;
}
