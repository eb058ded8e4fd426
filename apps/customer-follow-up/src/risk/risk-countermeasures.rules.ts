import { createHash } from 'node:crypto';
import { RISK_TYPE_ATTRITION, RISK_TYPE_COMPETITION, RISK_TYPE_CUSTOMER_DEMAND } from '#libs/contracts';
import { addWorkingTime, deadlineMoments, type DeadlineAction, type WorkCalendarSpec } from '#libs/time';

/** What the system does when a countermeasure's task is created, besides the task itself. */
export type Booking = 'survey' | 'visit' | 'segment_visits' | null;

/** One of the handbook's countermeasures: a task of `kind`, due `within` of its owner's working time (ISO-8601). */
export interface HandbookCountermeasure {
  kind: string;
  within: string;
  books: Booking;
}

/**
 * The handbook's countermeasures per risk type. Attrition's come with each flag from appraisal's
 * policy (its own issue), so only its kinds are named here; an unknown type gets no tasks.
 * - customer demand: an offer and product-mix review for the customer, a satisfaction survey sent
 *   at once (the survey cap still applies), a visit booked;
 * - competition: a market-development plan for the segment, a competitor review, revisits booked
 *   for the segment's A-tier customers.
 */
export const HANDBOOK: Readonly<Record<string, readonly HandbookCountermeasure[]>> = {
  [RISK_TYPE_CUSTOMER_DEMAND]: [
    { kind: 'offer_review', within: 'P5D', books: null },
    { kind: 'satisfaction_survey', within: 'P1D', books: 'survey' },
    { kind: 'visit', within: 'P5D', books: 'visit' },
  ],
  [RISK_TYPE_COMPETITION]: [
    { kind: 'market_development_plan', within: 'P10D', books: null },
    { kind: 'competitor_review', within: 'P5D', books: null },
    { kind: 'segment_revisits', within: 'P10D', books: 'segment_visits' },
  ],
  [RISK_TYPE_ATTRITION]: [],
};

/** The visit kind booked by a countermeasure (Visit.kind). */
export const RISK_VISIT_KIND = 'risk_countermeasure';

/** The countermeasures of an alert: the ones given (attrition), else the handbook's for its type. */
export function countermeasuresOf(type: string, given?: readonly { kind: string; within: string }[]): HandbookCountermeasure[] {
  if (given) return given.map((c) => ({ kind: c.kind, within: c.within, books: null }));
  return [...(HANDBOOK[type] ?? [])];
}

/** A task's due date and its reminder and escalation, all in the owner's working time from `from`. */
export function taskMoments(from: Date, within: string, reminderAt: number, calendar: WorkCalendarSpec, zone: string): { dueAt: Date } & Record<DeadlineAction, Date> {
  const dueAt = addWorkingTime(from, within, calendar, zone);
  return { dueAt, ...deadlineMoments(from, dueAt, reminderAt, calendar, zone) };
}

export function riskTaskTimerKey(taskId: string, action: DeadlineAction): string {
  return `risk-task:${taskId}:${action}`;
}

const KEY = /^risk-task:[0-9a-f-]{36}:(remind|escalate)$/i;

/** Timer jobs carry only {timerId, subjectId}: which of the two moments it is comes from the key. */
export function parseRiskTaskTimerKey(uniqueKey: string): DeadlineAction | null {
  return (KEY.exec(uniqueKey)?.[1] as DeadlineAction | undefined) ?? null;
}

/**
 * The source id of the visit a task books for one customer: Visit is unique per (kind, sourceId),
 * so a segment task booking many customers needs one stable id per customer (a redelivery books
 * nothing twice). A UUID-shaped digest of the two ids.
 */
export function bookingSourceId(taskId: string, customerId: string): string {
  const hex = createHash('sha256').update(`${taskId}:${customerId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const DEFAULT_TASK_REMINDER_AT = 0.5;
