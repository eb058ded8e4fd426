import { z } from 'zod/v4';
import { PersonView } from './common.schemas.js';

const money = z.string().describe('BASE_CURRENCY, a decimal string with 2 decimals');

export const CommissionPlanDocument = z.object({
  effectiveFrom: z.string().describe('the month this version governs from, YYYY-MM'),
  tiers: z.array(z.object({ name: z.string(), fromPct: z.number(), ratePct: z.number() })).describe('ascending from fromPct 0; the tier is the last the attainment reaches'),
  accelerator: z.object({ abovePct: z.number(), multiplier: z.number() }).nullable().describe('sales above abovePct of target earn the rate times multiplier'),
  cap: z.string().nullable().describe('the most the sale lines of a statement earn together; null: none'),
  discount: z.object({ bandPct: z.number(), reductionPerPointPct: z.number() }).nullable().describe('commission shrinks per discount point above the band'),
  disputes: z.object({ managerSla: z.string(), financeSla: z.string() }).describe('ISO-8601 working time before a dispute moves on'),
});

export const VersionedCommissionPlan = z.object({
  version: z.number().int().describe('0: the default plan, in force until the first PUT'),
  effectiveFrom: z.string(),
  plan: CommissionPlanDocument,
  createdAt: z.string().nullable(),
});

export const CommissionAdjustmentView = z.object({
  kind: z.enum(['accelerator', 'discount', 'cap', 'clawback']),
  amount: money.describe('signed'),
  detail: z.string(),
});

export const CommissionLineView = z.object({
  kind: z.enum(['SALE', 'CLAWBACK']),
  contract: z.object({ id: z.string(), title: z.string(), customerName: z.string() }),
  amountBase: money,
  discountPct: z.string(),
  tier: z.string(),
  ratePct: z.string(),
  baseCommission: money,
  adjustments: z.array(CommissionAdjustmentView),
  commission: money,
  clawsBackStatementId: z.string().nullable().describe('CLAWBACK: the approved statement that paid the commission taken back'),
});

export const CommissionRunView = z.object({
  period: z.string(),
  statements: z.number().int().describe('open statements computed and stored: everyone with a target for the period or a contract approved in it'),
  approved: z.number().int().describe('statements left as they were: approved, so frozen'),
  total: z.string().describe('the sum of the computed statements, decimal in BASE_CURRENCY'),
  computedAt: z.string(),
});

export const CommissionStatementView = z.object({
  id: z.string(),
  employee: PersonView,
  period: z.string(),
  status: z.enum(['OPEN', 'APPROVED']).describe('OPEN: recomputed on every read; APPROVED: frozen'),
  planVersion: z.number().int(),
  currency: z.string(),
  target: money.nullable().describe('null: no target, the base tier'),
  sales: money,
  attainmentPct: z.string().nullable(),
  tier: z.string(),
  total: money,
  computedAt: z.string(),
  approvedAt: z.string().nullable(),
  approvedBy: PersonView.nullable(),
  lines: z.array(CommissionLineView),
});

export const CommissionDisputeView = z.object({
  id: z.string(),
  statementId: z.string(),
  employee: PersonView,
  manager: PersonView.nullable(),
  reason: z.string(),
  stage: z.enum(['MANAGER', 'FINANCE', 'ADMIN']).describe('who holds it: the manager, FINANCE after the manager\'s SLA, ADMIN after FINANCE\'s'),
  status: z.enum(['OPEN', 'RESOLVED']),
  managerDueAt: z.string().nullable(),
  financeDueAt: z.string().nullable(),
  outcome: z.string().nullable(),
  comment: z.string().nullable(),
  resolvedBy: PersonView.nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
});
