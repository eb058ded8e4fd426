import type { ComplaintStatus } from '#generated/prisma';

export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];

export const COMPLAINT_STATUSES = ['open', 'acknowledged', 'resolved'] as const satisfies readonly ComplaintStatus[];

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
