// The dispute rules, pure: the stages a dispute moves through, timer keys, who may resolve it.

export type DisputeStage = 'MANAGER' | 'FINANCE' | 'ADMIN';

/** Where a dispute goes when the SLA of `stage` runs out; ADMIN is the last and has no SLA. */
export function nextStage(stage: DisputeStage): DisputeStage | null {
  return stage === 'MANAGER' ? 'FINANCE' : stage === 'FINANCE' ? 'ADMIN' : null;
}

/** A person without a manager starts at FINANCE. */
export function firstStage(hasManager: boolean): DisputeStage {
  return hasManager ? 'MANAGER' : 'FINANCE';
}

export function slaKey(disputeId: string, stage: DisputeStage): string {
  return `commission-dispute:${disputeId}:${stage}`;
}

const KEY = /^commission-dispute:[0-9a-f-]{36}:(MANAGER|FINANCE)$/i;

/** Timer jobs carry only {timerId, subjectId}: the stage whose SLA ran out is read back from the key. */
export function stageOfKey(uniqueKey: string): DisputeStage | null {
  const match = KEY.exec(uniqueKey);
  return match ? (match[1] as DisputeStage) : null;
}

/** The timer still acts only while the dispute is open and sits at the stage its key names. */
export function stillAtStage(dispute: { status: string; stage: DisputeStage }, stage: DisputeStage): boolean {
  return dispute.status === 'OPEN' && dispute.stage === stage;
}

/**
 * FINANCE and ADMIN resolve a dispute at any stage; the person's managers (anyone above them)
 * while it is at MANAGER. The person never resolves their own.
 */
export function mayResolve(caller: { id: string; role: string }, dispute: { employeeId: string; stage: DisputeStage }, callerIsAbove: boolean): boolean {
  if (caller.id === dispute.employeeId) return false;
  if (caller.role === 'FINANCE' || caller.role === 'ADMIN') return true;
  return dispute.stage === 'MANAGER' && callerIsAbove;
}
