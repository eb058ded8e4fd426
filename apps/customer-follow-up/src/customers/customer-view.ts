import { personView, type PersonView } from '#libs/org';
import type { CustomerRow as Customer, EmployeeRow as Employee } from '../rows.js';
import { contactsOf, type Contact } from './customer-fields.js';

export interface CustomerView {
  id: string;
  code: string;
  name: string;
  owner: PersonView;
  tier: Customer['tier'];
  status: Customer['status'];
  industry: string | null;
  region: string | null;
  contacts: Contact[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function customerView(customer: Customer, owner: Employee | undefined): CustomerView {
  return {
    id: customer.id,
    code: customer.code,
    name: customer.name,
    owner: owner ? personView(owner) : { id: customer.ownerId, email: '', name: '' },
    tier: customer.tier,
    status: customer.status,
    industry: customer.industry,
    region: customer.region,
    contacts: contactsOf(customer.contacts),
    version: customer.version,
    createdAt: customer.createdAt.toISOString(),
    updatedAt: customer.updatedAt.toISOString(),
  };
}

/** The fields an audit entry shows (no timestamps: the entry has its own). */
export function auditedFields(view: CustomerView): Omit<CustomerView, 'createdAt' | 'updatedAt' | 'owner'> & { ownerId: string } {
  const { createdAt: _createdAt, updatedAt: _updatedAt, owner, ...rest } = view;
  return { ...rest, ownerId: owner.id };
}
