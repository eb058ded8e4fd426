import { z } from 'zod/v4';
import { AssigneeKind, ContractStatus, StageStatus, StepStatus } from '#generated/prisma';
import { PersonView, pageOf } from './common.schemas.js';

export const RouteApprover = z.object({
  ref: z.string(),
  emails: z.array(z.string()),
  decision: z.string().optional(),
  decidedBy: PersonView.optional(),
  onBehalfOf: PersonView.optional(),
  comment: z.string().optional(),
});

export const RouteStage = z.object({
  name: z.string(),
  mode: z.string(),
  quorum: z.number().int().nullable().optional(),
  status: z.enum(StageStatus),
  dueAt: z.string().nullable(),
  approvers: z.array(RouteApprover),
});

export const AuditEntryView = z.object({
  at: z.string(),
  action: z.string(),
  actor: PersonView.nullable(),
  onBehalfOf: PersonView.optional(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export const AuditTrail = pageOf(AuditEntryView);

export const ContractSummary = z.object({
  id: z.string(),
  status: z.enum(ContractStatus),
  title: z.string(),
  customerId: z.string().nullable(),
  customerName: z.string(),
  amount: z.number(),
  currency: z.string(),
  amountBase: z.number(),
  baseCurrency: z.string(),
  discountPct: z.number(),
  paymentTermDays: z.number().int(),
  productLine: z.string().nullable(),
  region: z.string().nullable(),
  owner: PersonView,
  policyVersion: z.number().int(),
  round: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type ContractSummary = z.infer<typeof ContractSummary>;
export const ContractPage = pageOf(ContractSummary);

/** A contract with its current route, as a decision, a withdrawal or a resubmission leaves it. */
export const ContractWithRoute = ContractSummary.extend({ route: z.array(RouteStage) });
export type ContractWithRoute = z.infer<typeof ContractWithRoute>;

export const ContractView = ContractWithRoute.extend({ history: z.array(AuditEntryView) });
export type ContractView = z.infer<typeof ContractView>;

export const Submission = z.object({
  id: z.string(),
  status: z.enum(ContractStatus),
  route: z.array(RouteStage),
  round: z.number().int(),
  version: z.number().int(),
});
export type Submission = z.infer<typeof Submission>;

export const InboxItem = z.object({
  contract: ContractSummary,
  stage: z.string(),
  approver: z.string(),
  dueAt: z.string().nullable(),
  as: z.enum(AssigneeKind),
  onBehalfOf: PersonView.optional(),
});
export const Inbox = pageOf(InboxItem);

/** What the page behind an approval email link shows. */
export const ActionView = z.object({
  contract: ContractSummary,
  stage: z.string(),
  approver: PersonView.extend({ locale: z.string(), timezone: z.string() }).nullable(),
  stepStatus: z.enum(StepStatus),
  choices: z.array(z.string()),
  expiresAt: z.string(),
});
export type ActionView = z.infer<typeof ActionView>;

export const ApproverEntry = z.object({ approver: z.string(), when: z.string().optional() });
export const PolicyStage = z.object({
  name: z.string(),
  when: z.string(),
  approvers: z.array(z.union([z.string(), ApproverEntry])),
  mode: z.enum(['all', 'any', 'quorum']),
  quorum: z.number().int().optional(),
  sla: z.string().describe('ISO-8601 duration in the approver\u2019s working time'),
});
export const ApprovalPolicy = z.object({ reminderAt: z.number(), stages: z.array(PolicyStage) });
export const VersionedApprovalPolicy = z.object({ version: z.number().int(), document: ApprovalPolicy, createdAt: z.string() });

export const FxRates = z.object({ baseCurrency: z.string(), rates: z.record(z.string(), z.number()) });
