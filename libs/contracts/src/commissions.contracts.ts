import type { z } from 'zod/v4';
import { BULK_RPC_TIMEOUT_MS, rpcContract } from './rpc-contract.js';
import type { CommissionDisputeView, CommissionRunView, CommissionStatementView, VersionedCommissionPlan } from './schemas/commission.schemas.js';

export * from './schemas/commission.schemas.js';

type ById = { id: string };

export const DISPUTE_OUTCOMES = ['upheld', 'rejected'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

/** `plan` is the whole document, validated by the service (400 naming the field). */
export const PutCommissionPlan = rpcContract<{ plan: unknown }, z.infer<typeof VersionedCommissionPlan>>('appraisal.commission-plans.put');
/** The version in force for `period` (default: the latest version). */
export const GetCommissionPlan = rpcContract<{ period?: string }, z.infer<typeof VersionedCommissionPlan>>('appraisal.commission-plans.get');

/** `employee`: id or email, default the caller. */
export interface StatementRequest {
  period: string;
  employee?: string;
}
export const GetCommissionStatement = rpcContract<StatementRequest, z.infer<typeof CommissionStatementView>>('appraisal.commissions.get');
/** The same statement as CSV: a header row, one row per line. */
export const GetCommissionStatementCsv = rpcContract<StatementRequest, { filename: string; csv: string }>('appraisal.commissions.csv');
export const ApproveCommissionStatement = rpcContract<ById, z.infer<typeof CommissionStatementView>>('appraisal.commissions.approve');
/** Every open statement of a period at once (FINANCE, ADMIN): set-based, so it may take a while at scale. */
export const ComputeCommissionStatements = rpcContract<{ period: string }, z.infer<typeof CommissionRunView>>('appraisal.commissions.compute', { timeoutMs: BULK_RPC_TIMEOUT_MS });

export const OpenCommissionDispute = rpcContract<{ statementId: string; reason: string; idempotencyKey?: string }, z.infer<typeof CommissionDisputeView>>('appraisal.disputes.open');
export const ResolveCommissionDispute = rpcContract<ById & { outcome: DisputeOutcome; comment: string }, z.infer<typeof CommissionDisputeView>>('appraisal.disputes.resolve');
