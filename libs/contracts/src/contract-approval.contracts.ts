import type { z } from 'zod/v4';
import type { ContractStatus } from '#generated/prisma';
import type { LostReason } from './pricing.contracts.js';
import { rpcContract } from './rpc-contract.js';
import type { Ok } from './schemas/common.schemas.js';
import type {
  ActionView, AuditTrail, ContractPage, ContractView, ContractWithRoute, FxRates, Inbox, Submission, VersionedApprovalPolicy,
} from './schemas/contract.schemas.js';

export interface ContractRequest {
  customerId?: string;
  customerName: string;
  title: string;
  amount: number;
  currency: string;
  discountPct: number;
  paymentTermDays: number;
  productLine?: string;
  region?: string;
}

/** Why a withdrawn contract's business was lost; competitorId (the /competitors catalogue) with reason competitor. */
export interface WithdrawalRequest {
  reason: LostReason;
  competitorId?: string;
}

export interface DecisionRequest {
  decision: 'approve' | 'reject' | 'request_changes';
  comment?: string;
}

export interface ListContractsRequest {
  status?: ContractStatus;
  owner?: string;
  cursor?: string;
  limit: number;
}

type ById = { id: string };
type Nothing = Record<string, never>;

export const SubmitContract = rpcContract<{ contract: ContractRequest; idempotencyKey?: string }, z.infer<typeof Submission>>('contract-approval.contracts.submit');
export const GetContract = rpcContract<ById, z.infer<typeof ContractView>>('contract-approval.contracts.get');
export const ListContracts = rpcContract<ListContractsRequest, z.infer<typeof ContractPage>>('contract-approval.contracts.list');
export const DecideContract = rpcContract<ById & { decision: DecisionRequest }, z.infer<typeof ContractWithRoute>>('contract-approval.contracts.decide');
export const WithdrawContract = rpcContract<ById & { lost: WithdrawalRequest }, z.infer<typeof ContractWithRoute>>('contract-approval.contracts.withdraw');
/** FINANCE or ADMIN: an APPROVED contract becomes REVERSED (its commission is clawed back). */
export const ReverseContract = rpcContract<ById & { reason: string }, z.infer<typeof ContractWithRoute>>('contract-approval.contracts.reverse');
export const ResubmitContract = rpcContract<ById & { contract: ContractRequest }, z.infer<typeof ContractWithRoute>>('contract-approval.contracts.resubmit');
export const ContractAudit = rpcContract<ById, z.infer<typeof AuditTrail>>('contract-approval.contracts.audit');
export const ApprovalInbox = rpcContract<Nothing, z.infer<typeof Inbox>>('contract-approval.approvals.inbox');
export const ViewAction = rpcContract<{ token: string }, z.infer<typeof ActionView>>('contract-approval.actions.view');
export const DecideByAction = rpcContract<{ token: string; decision: DecisionRequest }, z.infer<typeof ContractWithRoute>>('contract-approval.actions.decide');

/** The policy document is validated by the service's policy compiler, so it travels as it came. */
export const PutApprovalPolicy = rpcContract<{ policy: unknown }, z.infer<typeof VersionedApprovalPolicy>>('contract-approval.policy.put');
export const GetApprovalPolicy = rpcContract<Nothing, z.infer<typeof VersionedApprovalPolicy>>('contract-approval.policy.get');
export const PutFxRates = rpcContract<{ rates: Record<string, number> }, z.infer<typeof FxRates>>('contract-approval.fx-rates.put');

export const PingContractApproval = rpcContract<Nothing, z.infer<typeof Ok>>('contract-approval.ping');
