import { z } from 'zod/v4';
import { ComplaintStatus, CustomerStatus, CustomerTier, ImportStatus, RiskAlertStatus, VisitStatus } from '#generated/prisma';
import { PersonView, pageOf } from './common.schemas.js';

export const ContactView = z.object({ name: z.string(), email: z.string(), phone: z.string().nullable(), locale: z.enum(['zh-CN', 'en']) });

export const CustomerView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  owner: PersonView,
  tier: z.enum(CustomerTier),
  status: z.enum(CustomerStatus),
  industry: z.string().nullable(),
  region: z.string().nullable(),
  contacts: z.array(ContactView),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const CustomerPage = pageOf(CustomerView);

export const ImportStarted = z.object({ importId: z.string() });
export const ImportStaged = z.object({ staged: z.number().int() });
export const ImportFinished = z.object({ jobId: z.string(), status: z.enum(ImportStatus) });
export const ImportAccepted = z.object({ jobId: z.string() });
export const ImportProgress = z.object({
  id: z.string(),
  status: z.enum(ImportStatus),
  format: z.string(),
  rowsTotal: z.number().int(),
  rowsDone: z.number().int(),
  upserted: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), reason: z.string() })).describe('rejected rows: the line of the upload where each starts'),
  errorsNotShown: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const VisitView = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(VisitStatus),
  dueAt: z.string(),
  overdueWorkingDays: z.number().int(),
  escalatedAt: z.string().nullable(),
  customer: z.object({ id: z.string(), code: z.string(), name: z.string(), tier: z.enum(CustomerTier), status: z.enum(CustomerStatus) }),
  owner: PersonView,
  outcome: z.string().nullable(),
  notes: z.string().nullable(),
  satisfaction: z.number().int().nullable(),
  completedAt: z.string().nullable(),
  completedById: z.string().nullable(),
});
export const VisitPage = pageOf(VisitView);
export const VisitCompletion = z.object({ visit: VisitView, next: VisitView.nullable() });

export const ComplaintView = z.object({
  id: z.string(),
  customer: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  severity: z.string(),
  channel: z.string(),
  description: z.string(),
  status: z.enum(ComplaintStatus),
  assignee: PersonView,
  createdBy: PersonView,
  ackDueAt: z.string(),
  resolveDueAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolution: z.string().nullable(),
  createdAt: z.string(),
});
export const ComplaintPage = pageOf(ComplaintView);

const SatisfactionEvidence = z.object({
  windowDays: z.number(), recentAverage: z.number(), recentCount: z.number(), previousAverage: z.number(), previousCount: z.number(), drop: z.number(), threshold: z.number(),
});
const ComplaintEvidence = z.object({ windowDays: z.number(), recentCount: z.number(), previousCount: z.number(), factor: z.number(), minimum: z.number() });
const ContractEvidence = z.object({ lastApprovedAt: z.string().nullable(), days: z.number(), thresholdDays: z.number() });
const VisitEvidence = z.object({
  lastCompletedAt: z.string().nullable(), workingDays: z.number(), cadenceDays: z.number(), factor: z.number(), thresholdWorkingDays: z.number(),
});

const AttritionEvidence = z.object({
  signals: z.array(z.object({
    signal: z.enum(['score_drop', 'missed_targets', 'commission_drop', 'training_overdue', 'contracts_sent_back']),
    numbers: z.record(z.string(), z.union([z.number(), z.string(), z.null()])).describe("the policy's thresholds next to what was measured"),
    sources: z.array(z.object({ kind: z.string(), id: z.string() })).describe('the records behind the numbers (appraisal, sales-target, contract, commission-statement, training-outcome)'),
  })),
  policyVersion: z.number().int(),
  scannedAt: z.string(),
});

export const RiskTaskView = z.object({
  id: z.string(),
  alert: z.object({ id: z.string(), type: z.string(), rule: z.string() }).nullable().describe('the risk alert the task answers'),
  kind: z.string().describe('customer_demand: offer_review, satisfaction_survey, visit; competition: market_development_plan, competitor_review, segment_revisits; attrition: conversation, pay_promotion_review, development_plan'),
  owner: PersonView.nullable(),
  dueAt: z.string().describe("in the owner's working time"),
  status: z.enum(['OPEN', 'DONE']),
  note: z.string().nullable().describe('what was done, or what the system did (the survey sent, the visits booked, or why not)'),
  doneAt: z.string().nullable(),
  doneBy: PersonView.nullable().describe('null when the system did it'),
});
export const RiskTaskPage = pageOf(RiskTaskView);

export const RiskLinkView = z.object({
  action: z.enum(['acknowledge', 'snooze']),
  expiresAt: z.string(),
  snoozeDays: z.number().int(),
  alert: z.object({ id: z.string(), type: z.string(), rule: z.string(), severity: z.number(), status: z.string() }),
  reader: z.object({ name: z.string(), locale: z.string() }),
});

export const RiskAlertView = z.object({
  id: z.string(),
  type: z.string(),
  rule: z.string(),
  severity: z.number().describe('0 once the rule no longer held at a scan'),
  active: z.boolean(),
  status: z.enum(RiskAlertStatus),
  evidence: z.union([SatisfactionEvidence, ComplaintEvidence, ContractEvidence, VisitEvidence, AttritionEvidence]).nullable().describe('the numbers of the last scan at which the rule held'),
  customer: z.object({ id: z.string(), code: z.string(), name: z.string(), tier: z.string() }).nullable(),
  owner: PersonView.nullable(),
  employee: PersonView.nullable().describe('attrition: the person the alert is about'),
  tasks: z.array(RiskTaskView).describe("the countermeasures as tasks with owners and due dates"),
  snoozedUntil: z.string().nullable(),
  snoozeReason: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: PersonView.nullable(),
  lastSentAt: z.string().nullable(),
  sendCount: z.number().int(),
  clearedAt: z.string().nullable(),
  resolvedAt: z.string().nullable().describe("the rule has not held for the policy's recovery period: the alert is closed"),
  tasksDone: z.boolean().nullable().describe('at resolution: whether every task of the alert was done'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const RiskAlertPage = pageOf(RiskAlertView);

const EffectivenessOutcome = z.object({
  tasks: z.number().int(),
  windows: z.array(z.object({
    days: z.number().int().describe('30, 60 or 90 days after the task was done (not done: after its due date)'),
    recovered: z.number().int().describe("tasks whose alert's signal recovered (and the alert resolved) within the window"),
    observed: z.number().int().describe('tasks that can be judged: recovered within the window, or the window is over'),
    rate: z.number().nullable().describe('recovered / observed; null when none can be judged yet'),
  })),
});
export const RiskEffectivenessReport = z.object({
  asOf: z.string(),
  recoveryDays: z.number().int().describe("how long a rule must not hold before its alert resolves (policy risk.recoveryDays)"),
  lines: z.array(z.object({ type: z.string(), countermeasure: z.string(), done: EffectivenessOutcome, notDone: EffectivenessOutcome })),
});

const tierNumbers = z.object({ A: z.number(), B: z.number(), C: z.number() });
const deadlines = z.object({ acknowledge: z.string(), resolve: z.string() });

export const FollowUpPolicy = z.object({
  cadenceDays: tierNumbers,
  tierThresholds: z.object({ A: z.number(), B: z.number() }),
  postSigningVisitWorkingDays: z.number(),
  surveyAfterContractDays: z.number(),
  overdueEscalationWorkingDays: z.number(),
  digestLocalTime: z.string(),
  complaintDeadlines: z.object({ critical: deadlines, high: deadlines, medium: deadlines, low: deadlines }),
  complaintReminderAt: z.number(),
  surveyCapDays: z.number(),
  surveyLinkTtlDays: z.number(),
  lowScoreThreshold: z.number(),
  atRiskVisitWorkingDays: z.number(),
  risk: z.object({
    satisfactionWindowDays: z.number(),
    satisfactionDrop: z.number(),
    complaintWindowDays: z.number(),
    complaintSpikeFactor: z.number(),
    complaintSpikeMinimum: z.number(),
    noContractDays: z.number(),
    noVisitCadenceFactor: z.number(),
    cooldownDays: z.number(),
  }),
});
export const VersionedFollowUpPolicy = z.object({ version: z.number().int(), policy: FollowUpPolicy });

/** What the page behind a survey email link shows. */
export const SurveyView = z.object({ customerName: z.string(), contactName: z.string(), locale: z.string(), expiresAt: z.string(), timezone: z.string() });
export type SurveyView = z.infer<typeof SurveyView>;
export const SurveyAnswer = z.object({ score: z.number().int(), comment: z.string().nullable(), answeredAt: z.string() });
export type SurveyAnswer = z.infer<typeof SurveyAnswer>;
