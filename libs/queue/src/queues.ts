import type { EventJobPayload } from './events.js';

/**
 * The contract between producers and consumers: queue names, job names, payloads, job ids and
 * options live here and nowhere else.
 */
export const QUEUES = {
  approvalUrgent: 'approval-urgent',
  approvalBulk: 'approval-bulk',
  notifierUrgent: 'notifier-urgent',
  notifierBulk: 'notifier-bulk',
  followUpUrgent: 'followup-urgent',
  followUpBulk: 'followup-bulk',
  trainingUrgent: 'training-urgent',
  trainingBulk: 'training-bulk',
  appraisalUrgent: 'appraisal-urgent',
  appraisalBulk: 'appraisal-bulk',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const ALL_QUEUES: QueueName[] = Object.values(QUEUES);

/** Payloads carry ids only; handlers re-read (and lock) their subject. */
export interface TimerFiredPayload {
  timerId: string;
  subjectId: string;
}

/** Timers of a batched kind fire as one job per batch (see TIMER_BATCH_SIZES). */
export interface TimerBatchPayload {
  timerIds: string[];
}

export interface JobPayloads {
  'notification.send': { notificationId: string };
  /** Bulk email (digests): one job per batch the producer asked for in one statement. */
  'notification.send-batch': { notificationIds: string[] };
  'approval.remind': TimerFiredPayload;
  'approval.escalate': TimerFiredPayload;
  'absence.start': TimerFiredPayload;
  'absence.end': TimerFiredPayload;
  /** customer-follow-up's subscription to the event of that name (events.ts). */
  'contract.approved': EventJobPayload<'contract.approved'>;
  'customer.import': { importId: string };
  'revisit.digest': TimerBatchPayload;
  'visit.escalate-overdue': TimerFiredPayload;
  'complaint.remind': TimerFiredPayload;
  'complaint.escalate': TimerFiredPayload;
  'survey.send': TimerFiredPayload;
  'risk.scan': TimerFiredPayload;
  /** The daily market competition scan (issue 13 item 3). */
  'competition.scan': TimerFiredPayload;
  'revisit.check-schedules': TimerFiredPayload;
  /** A reminder before a training session, to one confirmed attendee (subject: the enrollment). */
  'training.remind': TimerFiredPayload;
  /** A step of an open mandatory requirement: the reminder before its due date, or an escalation after it (subject: the requirement). */
  'training-requirement.overdue-step': TimerFiredPayload;
  /** training-scheduling's subscription to `employee.changed`: re-apply the active plans to them. */
  'training-plan.employee-changed': EventJobPayload<'employee.changed'>;
  /** Some days before a certificate expires: a new requirement, and a seat or waitlist place (subject: the certificate). */
  'training.recertify': TimerFiredPayload;
  /** The Monday digest of a batch of managers (subjects: the managers; see TIMER_BATCH_SIZES). */
  'training.digest': TimerBatchPayload;
  /** Daily, at start and after a policy change: every manager's next digest is armed at the policy's time. */
  'training.digest-check': TimerFiredPayload;
  /** appraisal's subscriptions to the training outcomes (events.ts): its own record of them, for KPIs and attrition. */
  'appraisal.training-completed': EventJobPayload<'training.completed'>;
  'appraisal.training-failed': EventJobPayload<'training.failed'>;
  'appraisal.training-overdue': EventJobPayload<'training.overdue'>;
  /** The Monday target progress email of a batch of managers (subjects: the managers; see TIMER_BATCH_SIZES). */
  'appraisal.target-progress': TimerBatchPayload;
  /** Daily and at start: every manager's next progress email is armed (Monday 09:00 in their zone). */
  'appraisal.target-progress-check': TimerFiredPayload;
  /** A commission dispute's SLA ran out at its stage (the timer key names it): FINANCE, then ADMIN, are told. */
  'commission-dispute.escalate': TimerFiredPayload;
  /** training-scheduling's subscription to `appraisal.signed-off`: each weak KPI becomes a course enrollment, the manager is told. */
  'training-feedback.enroll': EventJobPayload<'appraisal.signed-off'>;
  /** appraisal's subscription to `appraisal.signed-off`: a streak of the template's promotion band nominates the person to HR. */
  'promotion.nominate': EventJobPayload<'appraisal.signed-off'>;
  /** A review step's reminder or escalation (the timer key names the step and which; subject: the appraisal, or the peer review). */
  'appraisal-review.deadline': TimerFiredPayload;
  /** The daily attrition scan (appraisal; a chain of timers, one per Shanghai date). */
  'attrition.scan': TimerFiredPayload;
  /** customer-follow-up's subscription to `attrition.flagged`: the alert, its tasks and the manager's email. */
  'risk.attrition-flagged': EventJobPayload<'attrition.flagged'>;
  /** customer-follow-up's subscription to `attrition.scanned`: clears the alerts of people no longer flagged. */
  'risk.attrition-scanned': EventJobPayload<'attrition.scanned'>;
  /** A risk task's reminder (to its owner) or escalation (to the owner's manager); the timer key names which (subject: the task). */
  'risk-task.deadline': TimerFiredPayload;
  /** The daily risk digest of a batch of managers at 08:00 their time (subjects: the managers; see TIMER_BATCH_SIZES). */
  'risk.digest': TimerBatchPayload;
}

export type JobName = keyof JobPayloads;
export type JobPayload<N extends JobName> = JobPayloads[N];

export const JOBS = {
  sendEmail: 'notification.send',
  sendEmailBatch: 'notification.send-batch',
  approvalRemind: 'approval.remind',
  approvalEscalate: 'approval.escalate',
  absenceStart: 'absence.start',
  absenceEnd: 'absence.end',
  contractApproved: 'contract.approved',
  customerImport: 'customer.import',
  revisitDigest: 'revisit.digest',
  visitEscalateOverdue: 'visit.escalate-overdue',
  complaintRemind: 'complaint.remind',
  complaintEscalate: 'complaint.escalate',
  surveySend: 'survey.send',
  riskScan: 'risk.scan',
  competitionScan: 'competition.scan',
  revisitCheckSchedules: 'revisit.check-schedules',
  trainingRemind: 'training.remind',
  trainingRequirementOverdueStep: 'training-requirement.overdue-step',
  trainingPlanEmployeeChanged: 'training-plan.employee-changed',
  trainingRecertify: 'training.recertify',
  trainingDigest: 'training.digest',
  trainingDigestCheck: 'training.digest-check',
  appraisalTrainingCompleted: 'appraisal.training-completed',
  appraisalTrainingFailed: 'appraisal.training-failed',
  appraisalTrainingOverdue: 'appraisal.training-overdue',
  appraisalTargetProgress: 'appraisal.target-progress',
  appraisalTargetProgressCheck: 'appraisal.target-progress-check',
  appraisalReviewDeadline: 'appraisal-review.deadline',
  commissionDisputeEscalate: 'commission-dispute.escalate',
  trainingFeedbackEnroll: 'training-feedback.enroll',
  promotionNominate: 'promotion.nominate',
  attritionScan: 'attrition.scan',
  riskAttritionFlagged: 'risk.attrition-flagged',
  riskAttritionScanned: 'risk.attrition-scanned',
  riskTaskDeadline: 'risk-task.deadline',
  riskDigest: 'risk.digest',
} as const satisfies Record<string, JobName>;

/**
 * Names jobs had before each workflow got one name from job to handler to email. A job already
 * queued, a timer already armed or a dead letter retried under its old name is handled by the
 * new name's handler (JobDispatcher); the 20261202 migration renamed the rows.
 */
export const RENAMED_JOBS: Readonly<Record<string, JobName>> = {
  'approval.reminder': 'approval.remind',
  'followup.import': 'customer.import',
  'followup.digest': 'revisit.digest',
  'followup.visit-overdue': 'visit.escalate-overdue',
  'followup.complaint-reminder': 'complaint.remind',
  'followup.complaint-deadline': 'complaint.escalate',
  'followup.survey-due': 'survey.send',
  'followup.risk-scan': 'risk.scan',
  'followup.schedule-check': 'revisit.check-schedules',
};

/** The current name of a job that may carry an old one. */
export function currentJobName(name: string): string {
  return RENAMED_JOBS[name] ?? name;
}

/**
 * The jobs each queue carries. A process that consumes a queue must have exactly one `@OnJob`
 * handler for each (JobDispatcher checks at start). A job may travel on more than one queue
 * (an email is urgent or bulk).
 */
export const QUEUE_JOBS: Record<QueueName, readonly JobName[]> = {
  'approval-urgent': ['approval.remind', 'approval.escalate', 'absence.start', 'absence.end'],
  'approval-bulk': [],
  'notifier-urgent': ['notification.send'],
  'notifier-bulk': ['notification.send', 'notification.send-batch'],
  'followup-urgent': ['contract.approved', 'visit.escalate-overdue', 'complaint.remind', 'complaint.escalate', 'risk-task.deadline'],
  'followup-bulk': ['customer.import', 'revisit.digest', 'survey.send', 'risk.scan', 'competition.scan', 'revisit.check-schedules', 'risk.attrition-flagged', 'risk.attrition-scanned', 'risk.digest'],
  // Training scheduling (issue 10): reminders, overdue steps and recertification are urgent; plan
  // re-application and the Monday digests to managers are bulk.
  'training-urgent': ['training.remind', 'training-requirement.overdue-step', 'training.recertify'],
  'training-bulk': ['training-plan.employee-changed', 'training.digest', 'training.digest-check', 'training-feedback.enroll'],
  'appraisal-urgent': ['commission-dispute.escalate', 'appraisal-review.deadline'],
  'appraisal-bulk': ['appraisal.training-completed', 'appraisal.training-failed', 'appraisal.training-overdue', 'appraisal.target-progress', 'appraisal.target-progress-check', 'promotion.nominate', 'attrition.scan'],
};

/**
 * Timer kinds the sweeper hands over as one job per batch of up to N timers, for work that is
 * much cheaper set-based (10,000 owners' digests due at 08:30 are 40 jobs, not 10,000).
 */
export const TIMER_BATCH_SIZES: Partial<Record<JobName, number>> = {
  'revisit.digest': 250,
  'training.digest': 250,
  'appraisal.target-progress': 250,
  'risk.digest': 100,
};

/**
 * Jobs whose death the domain books on its own rows (the ledger row becomes dead, the import
 * failed). Only a process that registered that bookkeeping (DeadJobHooks) may record their death;
 * the reconciler of any other process leaves them alone.
 */
export const JOBS_WITH_DEATH_BOOKKEEPING: ReadonlySet<string> = new Set<JobName>(['notification.send', 'notification.send-batch', 'customer.import']);

/** Subject of timers that concern the whole installation (daily scans), not one row. */
export const INSTALLATION_SUBJECT = '00000000-0000-0000-0000-000000000000';

/** What every job carries besides its payload. */
export interface JobEnvelope {
  outboxId: string;
  correlationId: string | null;
}

/**
 * BullMQ refuses integer-like job ids and ids with ':' (unless three segments), so every job id
 * is built here from its outbox row id.
 */
export function jobIdForOutbox(outboxId: string): string {
  return `ob-${outboxId}`;
}

export function outboxIdFromJobId(jobId: string): string {
  if (!jobId.startsWith('ob-')) throw new Error(`Job id ${jobId} was not built by jobIdForOutbox`);
  return jobId.slice(3);
}

export const JOB_ATTEMPTS = 8;

export const DEFAULT_JOB_OPTIONS = {
  attempts: JOB_ATTEMPTS,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 5000 },
} as const;
