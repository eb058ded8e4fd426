import type { ComplaintRow as Complaint } from '../rows.js';
import type { DeadlinePhase } from './complaints.rules.js';

export function reminderKey(complaintId: string, phase: DeadlinePhase): string {
  return `complaint-reminder:${complaintId}:${phase}`;
}

export function deadlineKey(complaintId: string, phase: DeadlinePhase): string {
  return `complaint-deadline:${complaintId}:${phase}`;
}

const TIMER_KEY = /^complaint-(?:reminder|deadline):[0-9a-f-]{36}:(ack|resolve)$/i;

/** Timer jobs carry only {timerId, subjectId}: the phase is read back from the timer's unique key. */
export function phaseOfTimerKey(uniqueKey: string): DeadlinePhase | null {
  const match = TIMER_KEY.exec(uniqueKey);
  return match ? (match[1] as DeadlinePhase) : null;
}

/** A resolved complaint has met both deadlines; an acknowledged one the first. */
export function phaseMet(complaint: Pick<Complaint, 'status'>, phase: DeadlinePhase): boolean {
  return phase === 'ack' ? complaint.status !== 'open' : complaint.status === 'resolved';
}

/** The phase as the emails name it. */
export function mailPhase(phase: DeadlinePhase): 'acknowledge' | 'resolve' {
  return phase === 'ack' ? 'acknowledge' : 'resolve';
}
