import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Insertable, Updateable } from 'kysely';
import type { Prisma } from '#generated/prisma';
import type { Customer } from '#generated/kysely';
import { PrismaService, type Tx } from '#libs/database';
import type { CustomerRow } from '../rows.js';
import { syncAlertCustomerOwners } from '../risk/alert-customer-owner.js';

/** Customers: the writes (in the caller's transaction) on Kysely, the paged list on Prisma. */
@Injectable()
export class CustomersRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(tx: Tx, data: Omit<Insertable<Customer>, 'id'> & { createdAt: Date; updatedAt: Date }): Promise<CustomerRow> {
    return tx.insertInto('Customer').values({ id: randomUUID(), ...data }).returningAll().executeTakeFirstOrThrow();
  }

  /** Callers hold the row lock and checked the version they were given; the version goes up by one. A new owner takes the customer's risk alerts along. */
  async update(tx: Tx, id: string, data: Updateable<Customer> & { updatedAt: Date }): Promise<CustomerRow> {
    const row = await tx
      .updateTable('Customer')
      .set((eb) => ({ ...data, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (data.ownerId !== undefined) await syncAlertCustomerOwners(tx, [id]);
    return row;
  }

  async existsWithCode(tx: Tx, code: string): Promise<{ id: string } | null> {
    return (await tx.selectFrom('Customer').select('id').where('code', '=', code).executeTakeFirst()) ?? null;
  }

  /** Ordered by code, the key people know customers by; take = limit + 1 (see toPage). */
  list(where: Prisma.CustomerWhereInput, page: { cursor?: string; limit: number }): Promise<CustomerRow[]> {
    return this.prisma.customer.findMany({
      where,
      orderBy: { code: 'asc' },
      take: page.limit + 1,
      ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
    });
  }
}
