import { Injectable } from '@nestjs/common';
import type { Customer, Prisma } from '#generated/prisma';
import { PrismaService, type Tx } from '#libs/database';

/** Only Prisma: reads and writes of customers. */
@Injectable()
export class CustomersRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(tx: Tx, data: Prisma.CustomerUncheckedCreateInput): Promise<Customer> {
    return tx.customer.create({ data });
  }

  /** Callers hold the row lock and checked the version they were given. */
  update(tx: Tx, id: string, data: Prisma.CustomerUncheckedUpdateInput): Promise<Customer> {
    return tx.customer.update({ where: { id }, data });
  }

  existsWithCode(tx: Tx, code: string): Promise<{ id: string } | null> {
    return tx.customer.findUnique({ where: { code }, select: { id: true } });
  }

  /** Ordered by code, the key people know customers by; take = limit + 1 (see toPage). */
  list(where: Prisma.CustomerWhereInput, page: { cursor?: string; limit: number }): Promise<Customer[]> {
    return this.prisma.customer.findMany({
      where,
      orderBy: { code: 'asc' },
      take: page.limit + 1,
      ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
    });
  }
}
