import { z } from 'zod/v4';
import { PersonView, pageOf } from './common.schemas.js';
import { ContractSummary } from './contract.schemas.js';

/** The sales analysis's figures, by name: GET /reports/<name> and the charts of /desk/analysis. */
export const REPORT_NAMES = ['sales', 'discounts', 'approval-cycle', 'satisfaction'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export const ReportCell = z.union([z.string(), z.number(), z.null()]);
export const ReportView = z.object({
  name: z.enum(REPORT_NAMES),
  from: z.string().describe('first local day, YYYY-MM-DD (the caller\u2019s zone)'),
  to: z.string().describe('last local day, YYYY-MM-DD, included'),
  timezone: z.string(),
  currency: z.string().nullable().describe('of the amounts (BASE_CURRENCY), when the report has any'),
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), ReportCell)).describe('one object per row, keyed by the columns; amounts are decimal strings'),
  thresholds: z.array(z.object({ stage: z.string(), discountPct: z.number() })).describe('discounts: the approval policy\u2019s discount thresholds (a stage applies above each)'),
});
export type ReportView = z.infer<typeof ReportView>;

/** A contract of the caller's reporting line waiting for approval: where it waits, since when. */
export const ContractInFlight = z.object({
  contract: ContractSummary,
  stage: z.string().describe('the stage it waits at'),
  waitingFor: z.array(PersonView).describe('who may decide it now'),
  since: z.string().nullable().describe('when that stage started'),
  dueAt: z.string().nullable().describe('the stage\u2019s SLA deadline'),
});
export const ContractsInFlight = pageOf(ContractInFlight);
