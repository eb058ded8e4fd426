import { randomUUID } from 'node:crypto';
import type { Customer, CustomerTier, Visit } from '#generated/prisma';
import { OutboxSignal } from '#libs/database';
import { idempotencyKeyOf as keyOf, type ReceivedEmail } from '#libs/testing';
import type { ManualClock } from '#libs/time';
import { RevisitPlanner } from '../../apps/customer-follow-up/src/revisits/revisit-planner.service.js';
import { engineIdle } from './engine-idle.js';
import type { TestSystem } from '../support/test-system.js';

/** Helpers of the revisit, digest and contract-event tests (test/followup). */

export { IDEMPOTENCY_HEADER, idempotencyKeyOf as keyOf } from '#libs/testing';

/** Emails whose ledger key starts with `prefix`, e.g. `revisit-digest:<owner>:`. */
export function mailsWithKey(system: TestSystem, prefix: string): ReceivedEmail[] {
  return system.smtp.received.filter((mail) => keyOf(mail).startsWith(prefix));
}

/**
 * Bounded wait until the engine has nothing left to do at the clock's current time: no due timer
 * unfired, no outbox row (job or email) unfinished. Fails on a dead job, so no failure hides.
 */
/** Bounded wait until the engine is idle at the clock's time (one-snapshot check, see engine-idle.ts). */
export async function settled(system: TestSystem, clock: ManualClock, description: string): Promise<void> {
  await engineIdle(system, clock, description);
}

/** A customer written directly (the customers API is another feature), with its plan made by the planner. */
export async function createCustomer(
  system: TestSystem,
  input: { code: string; name: string; ownerId: string; tier?: CustomerTier; status?: Customer['status']; createdAt: Date },
): Promise<Customer> {
  const customer = await system.prisma.customer.create({
    data: { code: input.code, name: input.name, ownerId: input.ownerId, tier: input.tier ?? 'C', status: input.status ?? 'active', contacts: [], createdAt: input.createdAt },
  });
  await system.database.transaction((tx) => system.app.get(RevisitPlanner).ensurePlanned(tx, customer.id));
  return customer;
}

/** Moves the customer's regular visit to `dueAt`, as if the last visit had asked for it (nextVisitAt). */
export async function regularVisitAt(system: TestSystem, customer: Customer, dueAt: Date): Promise<Visit> {
  const visit = await system.database.transaction(async (tx) => {
    const current = await tx.selectFrom('Customer').selectAll().where('id', '=', customer.id).executeTakeFirstOrThrow();
    return system.app.get(RevisitPlanner).scheduleNext(tx, current, dueAt, dueAt, null);
  });
  if (!visit) throw new Error(`Customer ${customer.code} got no regular visit`);
  return visit;
}

export async function employeeId(system: TestSystem, email: string): Promise<string> {
  return (await system.prisma.employee.findUniqueOrThrow({ where: { email } })).id;
}

/** Emits contract.approved the way contract-approval's outbox does. */
export async function emitContractApproved(system: TestSystem, contractId: string): Promise<string> {
  const id = randomUUID();
  await system.prisma.outbox.create({ data: { id, queue: 'followup-urgent', jobName: 'contract.approved', payload: { contractId } } });
  system.app.get(OutboxSignal).notify();
  return id;
}
