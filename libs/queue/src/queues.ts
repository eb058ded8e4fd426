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
  'approval.reminder': TimerFiredPayload;
  'approval.escalate': TimerFiredPayload;
  'absence.start': TimerFiredPayload;
  'absence.end': TimerFiredPayload;
  /** customer-follow-up's subscription to the event of that name (events.ts). */
  'contract.approved': EventJobPayload<'contract.approved'>;
  'followup.import': { importId: string };
  'followup.digest': TimerBatchPayload;
  'followup.visit-overdue': TimerFiredPayload;
  'followup.complaint-reminder': TimerFiredPayload;
  'followup.complaint-deadline': TimerFiredPayload;
  'followup.survey-due': TimerFiredPayload;
  'followup.risk-scan': TimerFiredPayload;
  'followup.schedule-check': TimerFiredPayload;
}

export type JobName = keyof JobPayloads;
export type JobPayload<N extends JobName> = JobPayloads[N];

export const JOBS = {
  sendEmail: 'notification.send',
  sendEmailBatch: 'notification.send-batch',
  approvalReminder: 'approval.reminder',
  approvalEscalate: 'approval.escalate',
  absenceStart: 'absence.start',
  absenceEnd: 'absence.end',
  contractApproved: 'contract.approved',
  followUpImport: 'followup.import',
  followUpDigest: 'followup.digest',
  followUpVisitOverdue: 'followup.visit-overdue',
  followUpComplaintReminder: 'followup.complaint-reminder',
  followUpComplaintDeadline: 'followup.complaint-deadline',
  followUpSurveyDue: 'followup.survey-due',
  followUpRiskScan: 'followup.risk-scan',
  followUpScheduleCheck: 'followup.schedule-check',
} as const satisfies Record<string, JobName>;

/**
 * The jobs each queue carries. A process that consumes a queue must have exactly one `@OnJob`
 * handler for each (JobDispatcher checks at start). A job may travel on more than one queue
 * (an email is urgent or bulk).
 */
export const QUEUE_JOBS: Record<QueueName, readonly JobName[]> = {
  'approval-urgent': ['approval.reminder', 'approval.escalate', 'absence.start', 'absence.end'],
  'approval-bulk': [],
  'notifier-urgent': ['notification.send'],
  'notifier-bulk': ['notification.send', 'notification.send-batch'],
  'followup-urgent': ['contract.approved', 'followup.visit-overdue', 'followup.complaint-reminder', 'followup.complaint-deadline'],
  'followup-bulk': ['followup.import', 'followup.digest', 'followup.survey-due', 'followup.risk-scan', 'followup.schedule-check'],
};

/**
 * Timer kinds the sweeper hands over as one job per batch of up to N timers, for work that is
 * much cheaper set-based (10,000 owners' digests due at 08:30 are 40 jobs, not 10,000).
 */
export const TIMER_BATCH_SIZES: Partial<Record<JobName, number>> = {
  'followup.digest': 250,
};

/**
 * Jobs whose death the domain books on its own rows (the ledger row becomes dead, the import
 * failed). Only a process that registered that bookkeeping (DeadJobHooks) may record their death;
 * the reconciler of any other process leaves them alone.
 */
export const JOBS_WITH_DEATH_BOOKKEEPING: ReadonlySet<string> = new Set<JobName>(['notification.send', 'notification.send-batch', 'followup.import']);

/** Subject of timers that concern the whole installation (daily scans), not one row. */
export const INSTALLATION_SUBJECT = '00000000-0000-0000-0000-000000000000';

/** What every job carries besides its payload. */
export interface JobEnvelope {
  outboxId: string;
  correlationId: string | null;
}

export type JobData<N extends JobName> = JobPayload<N> & JobEnvelope;

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
