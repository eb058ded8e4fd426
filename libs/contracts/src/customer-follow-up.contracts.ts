import type { z } from 'zod/v4';
import type { ComplaintStatus, CustomerStatus, CustomerTier } from '#generated/prisma';
import type { ComplaintSeverity, DueFilter, RISK_ALERT_STATUSES, RISK_ALERT_TYPES, VisitOutcome } from './follow-up.constants.js';
import { rpcContract } from './rpc-contract.js';
import type { Ok } from './schemas/common.schemas.js';
import type {
  ComplaintPage, ComplaintView, CustomerPage, CustomerView, ImportFinished, ImportProgress, ImportStaged, ImportStarted,
  RiskAlertPage, RiskAlertView, RiskEffectivenessReport, RiskLinkView, RiskTaskPage, RiskTaskView, SurveyAnswer, SurveyView, VersionedFollowUpPolicy, VisitCompletion, VisitPage,
} from './schemas/follow-up.schemas.js';

type ById = { id: string };
type Nothing = Record<string, never>;
type Paged = { cursor?: string; limit: number };

export interface ContactRequest {
  name: string;
  email: string;
  phone?: string;
  locale?: 'zh-CN' | 'en';
}

export interface CreateCustomerRequest {
  code: string;
  name: string;
  ownerEmail?: string;
  ownerId?: string;
  tier?: CustomerTier;
  status?: CustomerStatus;
  industry?: string;
  region?: string;
  contacts?: ContactRequest[];
}

/** `null` clears industry or region; absent fields stay as they are. */
export interface UpdateCustomerRequest {
  version: number;
  name?: string;
  ownerEmail?: string;
  ownerId?: string;
  tier?: CustomerTier;
  status?: CustomerStatus;
  industry?: string | null;
  region?: string | null;
  contacts?: ContactRequest[];
}

/** One uploaded record: its JSON text, or why the gateway could not read it. `row` is its line in the upload. */
export interface UploadedRow {
  row: number;
  raw?: string;
  problem?: string;
}

export type FinishImportRequest = { importId: string; rowsTotal: number } | { importId: string; abort: string };

export interface CompleteVisitRequest {
  outcome: VisitOutcome;
  notes: string;
  satisfaction?: number;
  nextVisitAt?: string;
}

export interface CreateComplaintRequest {
  customerId: string;
  severity: ComplaintSeverity;
  channel: string;
  description: string;
}

export const GetFollowUpPolicy = rpcContract<Nothing, z.infer<typeof VersionedFollowUpPolicy>>('customer-follow-up.policy.get');
/** The policy document is validated by the service, so it travels as it came. */
export const PutFollowUpPolicy = rpcContract<{ policy: unknown }, z.infer<typeof VersionedFollowUpPolicy>>('customer-follow-up.policy.put');
/** Fields to change in the active policy; merged, then validated as a whole by the service. */
export const PatchFollowUpPolicy = rpcContract<{ changes: unknown }, z.infer<typeof VersionedFollowUpPolicy>>('customer-follow-up.policy.patch');

export const CreateCustomer = rpcContract<{ customer: CreateCustomerRequest; idempotencyKey?: string }, z.infer<typeof CustomerView>>('customer-follow-up.customers.create');
export const GetCustomer = rpcContract<ById, z.infer<typeof CustomerView>>('customer-follow-up.customers.get');
export const ListCustomers = rpcContract<Paged & { owner?: string; tier?: CustomerTier; status?: CustomerStatus }, z.infer<typeof CustomerPage>>('customer-follow-up.customers.list');
export const UpdateCustomer = rpcContract<ById & { changes: UpdateCustomerRequest }, z.infer<typeof CustomerView>>('customer-follow-up.customers.update');

export const StartImport = rpcContract<{ format: 'csv' | 'ndjson'; columns: string[] | null }, z.infer<typeof ImportStarted>>('customer-follow-up.imports.start');
export const ImportRows = rpcContract<{ importId: string; rows: UploadedRow[] }, z.infer<typeof ImportStaged>>('customer-follow-up.imports.rows');
export const FinishImport = rpcContract<FinishImportRequest, z.infer<typeof ImportFinished>>('customer-follow-up.imports.finish');
export const GetImport = rpcContract<ById, z.infer<typeof ImportProgress>>('customer-follow-up.imports.get');

export const ListRevisits = rpcContract<Paged & { owner?: string; due?: DueFilter }, z.infer<typeof VisitPage>>('customer-follow-up.revisits.list');
export const CompleteRevisit = rpcContract<ById & { completion: CompleteVisitRequest }, z.infer<typeof VisitCompletion>>('customer-follow-up.revisits.complete');

export const CreateComplaint = rpcContract<{ complaint: CreateComplaintRequest; idempotencyKey?: string }, z.infer<typeof ComplaintView>>('customer-follow-up.complaints.create');
export const ListComplaints = rpcContract<Paged & { status?: ComplaintStatus; assignee?: string; customerId?: string }, z.infer<typeof ComplaintPage>>('customer-follow-up.complaints.list');
export const AcknowledgeComplaint = rpcContract<ById, z.infer<typeof ComplaintView>>('customer-follow-up.complaints.acknowledge');
export const ResolveComplaint = rpcContract<ById & { resolution: { resolution: string } }, z.infer<typeof ComplaintView>>('customer-follow-up.complaints.resolve');

export const ViewSurvey = rpcContract<{ token: string }, z.infer<typeof SurveyView>>('customer-follow-up.surveys.view');
export const AnswerSurvey = rpcContract<{ token: string; answer: { score: number; comment?: string } }, z.infer<typeof SurveyAnswer>>('customer-follow-up.surveys.answer');

export const ListRiskAlerts = rpcContract<
  Paged & { type?: (typeof RISK_ALERT_TYPES)[number]; status?: (typeof RISK_ALERT_STATUSES)[number] },
  z.infer<typeof RiskAlertPage>
>('customer-follow-up.risk-alerts.list');
export const AcknowledgeRiskAlert = rpcContract<ById, z.infer<typeof RiskAlertView>>('customer-follow-up.risk-alerts.acknowledge');
/** Partial: the service checks the snooze itself, so a request from any edge gets the same 400. */
export const SnoozeRiskAlert = rpcContract<ById & { snooze: { until?: string; reason?: string } }, z.infer<typeof RiskAlertView>>('customer-follow-up.risk-alerts.snooze');

export const RiskAlertsEffectiveness = rpcContract<Nothing, z.infer<typeof RiskEffectivenessReport>>('customer-follow-up.risk-alerts.effectiveness');
export const ViewRiskLink = rpcContract<{ token: string }, z.infer<typeof RiskLinkView>>('customer-follow-up.risk-links.view');
export const UseRiskLink = rpcContract<{ token: string; snooze: { until?: string; reason?: string } }, z.infer<typeof RiskAlertView>>('customer-follow-up.risk-links.use');
export const ListRiskTasks = rpcContract<Paged & { owner?: string; status?: 'OPEN' | 'DONE' }, z.infer<typeof RiskTaskPage>>('customer-follow-up.risk-tasks.list');
/** Partial: the service checks the note itself. */
export const CompleteRiskTask = rpcContract<ById & { done: { note?: string } }, z.infer<typeof RiskTaskView>>('customer-follow-up.risk-tasks.done');
export const ReassignRiskTask = rpcContract<ById & { reassign: { ownerId?: string } }, z.infer<typeof RiskTaskView>>('customer-follow-up.risk-tasks.reassign');

export const PingCustomerFollowUp = rpcContract<Nothing, z.infer<typeof Ok>>('customer-follow-up.ping');
