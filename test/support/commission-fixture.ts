import { randomUUID } from 'node:crypto';
import type { TestSystem } from './test-system.js';

/** A commission plan from December 2026: three tiers, an accelerator, a cap, a discount band, dispute SLAs. */
export const COMMISSION_PLAN = {
  effectiveFrom: '2026-12',
  tiers: [{ name: 'base', fromPct: 0, ratePct: 2 }, { name: 'target', fromPct: 80, ratePct: 3 }, { name: 'top', fromPct: 100, ratePct: 4 }],
  accelerator: { abovePct: 100, multiplier: 1.5 },
  cap: '5000.00',
  discount: { bandPct: 10, reductionPerPointPct: 10 },
  disputes: { managerSla: 'P2D', financeSla: 'P1D' },
};

/**
 * An APPROVED contract in CNY written straight into its table (the approval flow is not under
 * test where this is used; SalesFacts is the medium-tested reader). The approval policy's
 * version 1 must exist (GET /approval-policy writes it). Answers the contract's id.
 */
export async function approvedContract(system: TestSystem, ownerId: string, c: { amount: string; discountPct: string; title: string; decidedAt: string }): Promise<string> {
  const id = randomUUID();
  await system.prisma.contract.create({
    data: {
      id, ownerId, customerName: 'Acme', title: c.title, amount: c.amount, currency: 'CNY', amountBase: c.amount, discountPct: c.discountPct, paymentTermDays: 30,
      status: 'APPROVED', policyVersion: 1, decidedAt: new Date(c.decidedAt),
    },
  });
  return id;
}
