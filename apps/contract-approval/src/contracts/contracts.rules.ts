import { Prisma } from '#generated/prisma';
import type { Contract } from './contract-views.js';

type Status = Contract['status'];

/** A contract may be withdrawn while a decision is still open on it. */
export function mayWithdraw(status: Status): boolean {
  return status === 'PENDING_APPROVAL' || status === 'CHANGES_REQUESTED';
}

/**
 * Only an approved contract is reversed (FINANCE or ADMIN, later, with a reason): a cancelled deal,
 * a refund. Commission paid on it is clawed back by appraisal.
 */
export function mayReverse(status: Status): boolean {
  return status === 'APPROVED';
}

export const REVERSING_ROLES: readonly string[] = ['FINANCE', 'ADMIN'];

/** Only a contract sent back for changes takes a resubmission. */
export function mayResubmit(status: Status): boolean {
  return status === 'CHANGES_REQUESTED';
}

type Figures = Pick<Contract, 'amountBase' | 'discountPct' | 'paymentTermDays'>;

/**
 * A resubmission that raises any figure (base amount, discount, payment term) keeps no approved
 * stage. numeric columns read as strings: they compare as decimals.
 */
export function isRiskier(before: Figures, after: Figures): boolean {
  return new Prisma.Decimal(after.amountBase).greaterThan(before.amountBase)
    || new Prisma.Decimal(after.discountPct).greaterThan(before.discountPct)
    || after.paymentTermDays > before.paymentTermDays;
}

/** A withdrawal's pending steps with their active assignees (null: a step nobody holds). */
export interface PendingAssignment {
  stepId: string;
  employeeId: string | null;
}

/** The steps whose timers a withdrawal cancels, and the approvers it tells, each once. */
export function withdrawalReach(pending: PendingAssignment[]): { stepIds: string[]; approverIds: string[] } {
  return {
    stepIds: [...new Set(pending.map((row) => row.stepId))],
    approverIds: [...new Set(pending.flatMap((row) => (row.employeeId ? [row.employeeId] : [])))],
  };
}
