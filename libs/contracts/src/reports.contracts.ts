import type { z } from 'zod/v4';
import { rpcContract } from './rpc-contract.js';
import type { ContractsInFlight, ReportView } from './schemas/report.schemas.js';

/** A window of the caller's local days, both included (YYYY-MM-DD); by default the twelve months up to today. */
export interface ReportWindowRequest {
  from?: string;
  to?: string;
}

/** Approved amounts by month, region, product line and customer type (the caller's reporting line; ADMIN: everyone). */
export const ReadSalesReport = rpcContract<ReportWindowRequest, ReportView>('contract-approval.reports.sales');
/** Submitted contracts by whole discount percent, beside the policy's discount thresholds. */
export const ReadDiscountReport = rpcContract<ReportWindowRequest, ReportView>('contract-approval.reports.discounts');
/** Decided approval stages by stage: count, cycle time, SLA breaches. */
export const ReadApprovalCycleReport = rpcContract<ReportWindowRequest, ReportView>('contract-approval.reports.approval-cycle');
/** Answered satisfaction surveys by month: answers and average score. */
export const ReadSatisfactionReport = rpcContract<ReportWindowRequest, ReportView>('customer-follow-up.reports.satisfaction');
/** The reporting line's contracts waiting for approval, longest waiting first. */
export const ListContractsInFlight = rpcContract<{ limit: number }, z.infer<typeof ContractsInFlight>>('contract-approval.contracts.in-flight');
