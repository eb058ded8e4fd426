import type { JobName, QueueName } from './queues.js';

/**
 * Domain events: what happened, with ids and the few facts a consumer needs to decide, never
 * whole entities. A producer publishes in the transaction that made it happen (EventPublisher);
 * each subscriber gets a job of its own on its own queue.
 */
export interface EventPayloads {
  /** A contract reached APPROVED. */
  'contract.approved': { contractId: string };
  /** Employees who joined or whose role, team or region changed (PUT /org/employees). */
  'employee.changed': { employeeIds: string[] };
  /**
   * A person completed a course (present and passed, or present where there is no assessment).
   * `requirementId` and `dueOn` (their local date) when it satisfied a plan requirement.
   */
  'training.completed': TrainingOutcomeFacts & { completedAt: string };
  /** A failed attempt; `final` when no retake follows (last attempt, or an unexcused mandatory absence). */
  'training.failed': TrainingOutcomeFacts & { failedAt: string; attempt: number; final: boolean };
  /** A mandatory requirement passed its due date open: its manager was just told. */
  'training.overdue': Omit<TrainingOutcomeFacts, 'enrollmentId'> & { requirementId: string; dueOn: string };
  /** An appraisal was signed off: its final band and score, and the KPIs below their template threshold. */
  'appraisal.signed-off': AppraisalSignedOffFacts;
  /** appraisal's daily attrition scan flagged a person: the risk module records the alert (cooldown, snooze) and asks their manager. */
  'attrition.flagged': AttritionFlag;
  /** An attrition scan finished: whoever it did not flag no longer holds the risk (their alert is cleared, kept with its history). */
  'attrition.scanned': { flaggedEmployeeIds: string[]; scannedAt: string };
}

/** What feedback enrollment (training), promotion nomination and the attrition risk need of a signed-off appraisal. */
export interface AppraisalSignedOffFacts {
  appraisalId: string;
  cycleId: string;
  period: string;
  employeeId: string;
  /** The reviewer of record (the manager when the cycle opened), if any. */
  managerId: string | null;
  band: string;
  score: number;
  signedOffAt: string;
  /** KPIs scored below the threshold the template gives them, with the course category it names. */
  weakKpis: { kind: string; score: number; threshold: number; courseCategory: string }[];
}

/** The numbers of each attrition signal (the policy's threshold next to what was measured). */
export interface AttritionNumbers {
  /** The latest scored appraisal against the one before (by cycle opening). */
  score_drop: { previous: number; previousPeriod: string; latest: number; latestPeriod: string; drop: number; minDrop: number };
  /** The last `periods` completed periods each below `belowPct` of target; `attainments` lists them, e.g. "2027-01 40%, 2027-02 55%". */
  missed_targets: { periods: number; periodKind: string; belowPct: number; attainments: string };
  /** The latest month's commission against the average of the `trailing` months before. */
  commission_drop: { latest: number; latestPeriod: string; trailingAverage: number; trailing: number; ratioPct: number; belowPct: number };
  /** Mandatory training requirements overdue and not completed since. */
  training_overdue: { count: number; minimum: number };
  /** Times the person's contracts were rejected or sent back for changes within the window. */
  contracts_sent_back: { count: number; contracts: number; windowDays: number; minimum: number };
}

export type AttritionSignalName = keyof AttritionNumbers;

/** One signal of the attrition risk that held, with its numbers and the ids of the records behind them. */
export type AttritionSignal = {
  [S in AttritionSignalName]: { signal: S; numbers: AttritionNumbers[S]; sources: { kind: string; id: string }[] };
}[AttritionSignalName];

/** A countermeasure the alert asks for, due within `within` of the owner's working time (ISO-8601). */
export interface Countermeasure {
  kind: 'conversation' | 'pay_promotion_review' | 'development_plan';
  within: string;
}

export interface AttritionFlag {
  employeeId: string;
  /** The number of signals that held: more signals, a worse risk. */
  severity: number;
  signals: AttritionSignal[];
  countermeasures: Countermeasure[];
  policyVersion: number;
  /** The policy's cooldown: an unchanged alert is not emailed again sooner. */
  cooldownDays: number;
  scannedAt: string;
}

/** What appraisal (KPIs) and the attrition risk need to know of a training outcome. */
export interface TrainingOutcomeFacts {
  employeeId: string;
  courseId: string;
  category: string;
  mandatory: boolean;
  enrollmentId: string;
  requirementId: string | null;
  dueOn: string | null;
}

export type EventName = keyof EventPayloads;

/** A subscriber's job: the event's payload and its id, which the consumer keys its effect on. */
export type EventJobPayload<E extends EventName> = EventPayloads[E] & { eventId: string };

export interface Subscription {
  queue: QueueName;
  /** Unique per subscriber, so two subscribers in one process each have their handler. */
  job: JobName;
}

/**
 * Who hears each event. A producer never names a consumer's queue: a new consumer is one line
 * here (and its `@OnJob` handler).
 */
export const SUBSCRIBERS: { readonly [E in EventName]: readonly Subscription[] } = {
  'contract.approved': [{ queue: 'followup-urgent', job: 'contract.approved' }],
  'employee.changed': [{ queue: 'training-bulk', job: 'training-plan.employee-changed' }],
  'training.completed': [{ queue: 'appraisal-bulk', job: 'appraisal.training-completed' }],
  'training.failed': [{ queue: 'appraisal-bulk', job: 'appraisal.training-failed' }],
  'training.overdue': [{ queue: 'appraisal-bulk', job: 'appraisal.training-overdue' }],
  'appraisal.signed-off': [
    { queue: 'training-bulk', job: 'training-feedback.enroll' },
    { queue: 'appraisal-bulk', job: 'promotion.nominate' },
  ],
  'attrition.flagged': [{ queue: 'followup-bulk', job: 'risk.attrition-flagged' }],
  'attrition.scanned': [{ queue: 'followup-bulk', job: 'risk.attrition-scanned' }],
};
