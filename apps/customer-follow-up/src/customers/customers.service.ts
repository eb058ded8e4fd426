import { Injectable } from '@nestjs/common';
import type { Prisma } from '#generated/prisma';
import { AuditWriter } from '#libs/audit';
import { Database, IdempotentCreator, type Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { BadRequestError, ConflictError, NotFoundError, toPage, type Caller, type FieldError, type Page } from '#libs/rpc';
import { Clock } from '#libs/time';
import { RevisitPlanner } from '../revisits/revisit-planner.service.js';
import { CustomerAccess } from './customer-access.js';
import { CustomerDirectory } from './customer-directory.js';
import { contactsOf, normalizeContact, type Contact } from './customer-fields.js';
import type { ContactInput, CreateCustomerInput, ListCustomersQuery, OwnerReference, UpdateCustomerInput } from './customer-input.js';
import { auditedFields, customerView, type CustomerView } from './customer-view.js';
import { CustomersRepository } from './customers.repository.js';
import type { CustomerRow as Customer, EmployeeRow as Employee } from '../rows.js';

const CREATE_SCOPE = 'customers.create';

/** The fields a revisit plan depends on: changing one re-plans the customer's visits. */
const PLAN_FIELDS = ['ownerId', 'tier', 'status'] as const;

/**
 * Customer records: create, read, list, change; each change audited in its own transaction, and
 * the customer's revisit plan made right in the same one.
 */
@Injectable()
export class CustomersService {
  constructor(
    private readonly database: Database,
    private readonly creator: IdempotentCreator,
    private readonly repository: CustomersRepository,
    private readonly customers: CustomerDirectory,
    private readonly access: CustomerAccess,
    private readonly directory: OrgDirectory,
    private readonly planner: RevisitPlanner,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async create(caller: Caller, input: CreateCustomerInput, idempotencyKey: string | undefined, correlationId: string): Promise<CustomerView> {
    return this.creator.create(
      { scope: CREATE_SCOPE, callerId: caller.id, key: idempotencyKey, body: input },
      (tx) => this.insert(tx, caller, input, correlationId),
      // A concurrent request with another key won the code: that is a conflict.
      async (error) => {
        if (await this.repository.existsWithCode(this.database.db, input.code)) throw codeTaken(input.code);
        throw error;
      },
    );
  }

  async get(caller: Caller, id: string): Promise<CustomerView> {
    const customer = await this.customers.findById(this.database.db, id);
    if (!customer) throw notFound(id);
    await this.access.assertReadable(caller, customer.ownerId);
    return customerView(customer, (await this.directory.findById(customer.ownerId)) ?? undefined);
  }

  /** The customers the caller may see, filtered; other features can list through this too. */
  async findVisible(caller: Caller, query: ListCustomersQuery): Promise<Page<CustomerView>> {
    const empty = { items: [], nextCursor: null };
    const visibleOwners = await this.access.visibleOwnerIds(caller);
    let ownerId: string | undefined;
    if (query.owner) {
      const owner = await this.directory.findByIdOrEmail(query.owner);
      if (!owner || (visibleOwners !== null && !visibleOwners.includes(owner.id))) return empty;
      ownerId = owner.id;
    }
    const where: Prisma.CustomerWhereInput = {
      ownerId: ownerId ?? (visibleOwners === null ? undefined : { in: visibleOwners }),
      tier: query.tier,
      status: query.status,
    };
    const rows = await this.repository.list(where, query);
    const owners = await this.owners(rows);
    return toPage(rows, query.limit, (row) => customerView(row, owners.get(row.ownerId)));
  }

  async update(caller: Caller, id: string, input: UpdateCustomerInput, correlationId: string): Promise<CustomerView> {
    return this.database.transaction(async (tx) => {
      const customer = await this.customers.lockById(tx, id);
      if (!customer) throw notFound(id);
      await this.access.assertWritable(caller, customer.ownerId, tx);
      if (customer.version !== input.version) {
        throw new ConflictError(`Customer ${customer.code} changed since version ${input.version} (it is at version ${customer.version}); reload it and apply your change again.`, 'conflict.stale_version');
      }
      const newOwner = input.ownerEmail !== undefined || input.ownerId !== undefined ? await this.resolveOwner(tx, input, null) : null;
      const currentOwner = newOwner?.id === customer.ownerId ? newOwner : ((await this.directory.findById(customer.ownerId, tx)) ?? undefined);
      const before = customerView(customer, currentOwner);
      const changes = changesOf(customer, input, newOwner);
      if (Object.keys(changes).length === 0) return before;
      const now = this.clock.now();
      const { contacts, ...fields } = changes;
      const updated = await this.repository.update(tx, id, { ...fields, ...(contacts ? { contacts: JSON.stringify(contacts) } : {}), updatedAt: now });
      const after = customerView(updated, newOwner ?? currentOwner);
      const changed = Object.keys(changes) as (keyof typeof changes)[];
      await this.audit.record(tx, {
        entityType: 'customer', entityId: id, action: 'customer.updated', actorId: caller.id,
        before: pick(auditedFields(before), changed), after: { ...pick(auditedFields(after), changed), version: after.version },
        correlationId, at: now,
      });
      if (PLAN_FIELDS.some((field) => field in changes)) await this.planner.ensurePlanned(tx, id, correlationId);
      return after;
    });
  }

  private async insert(tx: Tx, caller: Caller, input: CreateCustomerInput, correlationId: string): Promise<CustomerView> {
    if (await this.repository.existsWithCode(tx, input.code)) throw codeTaken(input.code);
    const owner = await this.resolveOwner(tx, input, caller.id);
    const now = this.clock.now();
    const customer = await this.repository.create(tx, {
      code: input.code, name: input.name, ownerId: owner.id, tier: input.tier ?? 'C', status: input.status ?? 'prospect',
      industry: input.industry ?? null, region: input.region ?? null, contacts: JSON.stringify(contactList(input.contacts ?? [])),
      createdAt: now, updatedAt: now,
    });
    const view = customerView(customer, owner);
    await this.audit.record(tx, { entityType: 'customer', entityId: customer.id, action: 'customer.created', actorId: caller.id, after: auditedFields(view), correlationId, at: now });
    await this.planner.ensurePlanned(tx, customer.id, correlationId);
    return view;
  }

  /** The named owner (by email or id), or the fallback employee when none is named. */
  private async resolveOwner(tx: Tx, ref: OwnerReference, fallbackId: string | null): Promise<Employee> {
    if (ref.ownerEmail !== undefined && ref.ownerId !== undefined) {
      throw new BadRequestError('Name the owner once; nothing was changed.', [{ field: 'ownerId', message: 'give ownerEmail or ownerId, not both' }]);
    }
    const [field, value] = ref.ownerEmail !== undefined ? ['ownerEmail', ref.ownerEmail] : ref.ownerId !== undefined ? ['ownerId', ref.ownerId] : [null, fallbackId];
    const owner = value === null ? null : await this.directory.findByIdOrEmail(value, tx);
    if (!owner) throw new BadRequestError('The owner is not an employee; nothing was changed.', [{ field: field ?? 'ownerEmail', message: `no employee is ${value}` }]);
    return owner;
  }

  private async owners(rows: Customer[]): Promise<Map<string, Employee>> {
    const people = await this.directory.findManyById([...new Set(rows.map((r) => r.ownerId))]);
    return new Map(people.map((e) => [e.id, e]));
  }
}

type CustomerChanges = Partial<Pick<Customer, 'name' | 'ownerId' | 'tier' | 'status' | 'industry' | 'region'>> & { contacts?: Contact[] };

function changesOf(customer: Customer, input: UpdateCustomerInput, newOwner: Employee | null): CustomerChanges {
  const changes: CustomerChanges = {};
  if (input.name !== undefined && input.name !== customer.name) changes.name = input.name;
  if (newOwner && newOwner.id !== customer.ownerId) changes.ownerId = newOwner.id;
  if (input.tier !== undefined && input.tier !== customer.tier) changes.tier = input.tier;
  if (input.status !== undefined && input.status !== customer.status) changes.status = input.status;
  if (input.industry !== undefined && input.industry !== customer.industry) changes.industry = input.industry;
  if (input.region !== undefined && input.region !== customer.region) changes.region = input.region;
  if (input.contacts !== undefined) {
    const contacts = contactList(input.contacts);
    if (JSON.stringify(contacts) !== JSON.stringify(contactsOf(customer.contacts))) changes.contacts = contacts;
  }
  return changes;
}

/** Contacts are told apart by email, so one email may appear once. */
function contactList(inputs: ContactInput[]): Contact[] {
  const contacts = inputs.map(normalizeContact);
  const errors: FieldError[] = [];
  contacts.forEach((contact, index) => {
    if (contacts.findIndex((c) => c.email === contact.email) < index) errors.push({ field: `contacts[${index}].email`, message: `${contact.email} is listed twice` });
  });
  if (errors.length > 0) throw new BadRequestError('The request is invalid; nothing was changed.', errors);
  return contacts;
}

function pick<T extends object>(source: T, keys: (keyof T)[]): Partial<T> {
  return Object.fromEntries(keys.map((key) => [key, source[key]])) as Partial<T>;
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(`Customer ${id} does not exist.`, 'customer.not_found');
}

function codeTaken(code: string): ConflictError {
  return new ConflictError(`A customer with code ${code} already exists.`, 'conflict.duplicate_code');
}
