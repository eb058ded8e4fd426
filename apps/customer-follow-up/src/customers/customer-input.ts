import type { CustomerStatus, CustomerTier } from '#generated/prisma';
import type { ContactLocale } from './customer-fields.js';

/** Shapes the gateway validated (class-validator DTOs); the service applies the rules. */
export interface ContactInput {
  name: string;
  email: string;
  phone?: string;
  locale?: ContactLocale;
}

export interface OwnerReference {
  ownerEmail?: string;
  ownerId?: string;
}

export interface CreateCustomerInput extends OwnerReference {
  code: string;
  name: string;
  tier?: CustomerTier;
  status?: CustomerStatus;
  industry?: string;
  region?: string;
  contacts?: ContactInput[];
}

/** `null` clears industry or region; absent fields stay as they are. */
export interface UpdateCustomerInput extends OwnerReference {
  version: number;
  name?: string;
  tier?: CustomerTier;
  status?: CustomerStatus;
  industry?: string | null;
  region?: string | null;
  contacts?: ContactInput[];
}

export interface ListCustomersQuery {
  owner?: string;
  tier?: CustomerTier;
  status?: CustomerStatus;
  cursor?: string;
  limit: number;
}
