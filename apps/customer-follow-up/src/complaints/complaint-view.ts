import type { ComplaintMailView } from '#libs/mail';
import { personView, type PersonView } from '#libs/org';
import type { ComplaintRow as Complaint, CustomerRow as Customer, EmployeeRow as Employee } from '../rows.js';

export interface ComplaintView {
  id: string;
  customer: { id: string; code: string; name: string };
  severity: string;
  channel: string;
  description: string;
  status: Complaint['status'];
  assignee: PersonView;
  createdBy: PersonView;
  ackDueAt: string;
  resolveDueAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  resolution: string | null;
  createdAt: string;
}

/** People and customers looked up for a page of complaints. */
export interface ComplaintRefs {
  people: ReadonlyMap<string, Employee>;
  customers: ReadonlyMap<string, Customer>;
}

function personOrId(people: ReadonlyMap<string, Employee>, id: string): PersonView {
  const person = people.get(id);
  return person ? personView(person) : { id, email: '', name: '' };
}

function customerRef(customers: ReadonlyMap<string, Customer>, id: string) {
  const customer = customers.get(id);
  return { id, code: customer?.code ?? '', name: customer?.name ?? '' };
}

export function complaintView(complaint: Complaint, refs: ComplaintRefs): ComplaintView {
  return {
    id: complaint.id,
    customer: customerRef(refs.customers, complaint.customerId),
    severity: complaint.severity,
    channel: complaint.channel,
    description: complaint.description,
    status: complaint.status,
    assignee: personOrId(refs.people, complaint.assigneeId),
    createdBy: personOrId(refs.people, complaint.createdById),
    ackDueAt: complaint.ackDueAt.toISOString(),
    resolveDueAt: complaint.resolveDueAt.toISOString(),
    acknowledgedAt: complaint.acknowledgedAt?.toISOString() ?? null,
    resolvedAt: complaint.resolvedAt?.toISOString() ?? null,
    resolution: complaint.resolution,
    createdAt: complaint.createdAt.toISOString(),
  };
}

/** What the complaint emails snapshot. */
export function complaintMailView(complaint: Complaint, customer: Customer): ComplaintMailView {
  return {
    id: complaint.id,
    severity: complaint.severity,
    channel: complaint.channel,
    description: complaint.description,
    customer: { id: customer.id, code: customer.code, name: customer.name },
    createdAt: complaint.createdAt.toISOString(),
    ackDueAt: complaint.ackDueAt.toISOString(),
    resolveDueAt: complaint.resolveDueAt.toISOString(),
  };
}
