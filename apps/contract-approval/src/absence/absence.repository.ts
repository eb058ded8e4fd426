import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Absence } from '#generated/prisma';
import type { Tx } from '#libs/database';

/**
 * A pending step's assignment, with the contract to lock before changing it. Listed by contract:
 * one job locks several contracts, always in the same order, so two jobs never deadlock.
 */
export interface StepAssignment {
  stepId: string;
  contractId: string;
}

/** The rows an absence moves: who holds which pending step, and on whose behalf. */
@Injectable()
export class AbsenceRepository {
  /** The absence, locked (SELECT ... FOR UPDATE); undefined when it was removed. */
  async lock(tx: Tx, absenceId: string): Promise<Absence | undefined> {
    return tx.selectFrom('Absence').select(['id', 'employeeId', 'delegateId', 'from', 'to', 'createdAt']).where('id', '=', absenceId).forUpdate().executeTakeFirst();
  }

  /** The pending steps the employee holds as approver or delegate (escalations aside). */
  async heldBy(tx: Tx, employeeId: string): Promise<StepAssignment[]> {
    return this.onPendingSteps(tx, 'held', employeeId);
  }

  /** The pending steps delegates hold on the employee's behalf. */
  async delegatedFor(tx: Tx, employeeId: string): Promise<StepAssignment[]> {
    return this.onPendingSteps(tx, 'delegated', employeeId);
  }

  private onPendingSteps(tx: Tx, how: 'held' | 'delegated', employeeId: string): Promise<StepAssignment[]> {
    return tx
      .selectFrom('StepAssignee as a')
      .innerJoin('ApprovalStep as s', 's.id', 'a.stepId')
      .select(['a.stepId', 's.contractId'])
      .where('a.active', '=', true)
      .where('s.status', '=', 'PENDING')
      .$if(how === 'held', (q) => q.where('a.employeeId', '=', employeeId).where('a.kind', '<>', 'ESCALATION'))
      .$if(how === 'delegated', (q) => q.where('a.onBehalfOfId', '=', employeeId).where('a.kind', '=', 'DELEGATE'))
      .orderBy('s.contractId')
      .orderBy('a.createdAt')
      .execute();
  }

  /** The assignments end (their rights with them); the rows stay for the route's history. */
  async deactivate(tx: Tx, assigneeIds: string[]): Promise<void> {
    await tx.updateTable('StepAssignee').set({ active: false }).where('id', 'in', assigneeIds).execute();
  }

  /** The step's delegate for the absent approver (active again, if they held it before). */
  async assignDelegate(tx: Tx, stepId: string, delegateId: string, absentId: string): Promise<void> {
    await tx
      .insertInto('StepAssignee')
      .values({ id: randomUUID(), stepId, employeeId: delegateId, kind: 'DELEGATE', onBehalfOfId: absentId, active: true, createdAt: new Date() })
      .onConflict((oc) => oc.columns(['stepId', 'employeeId']).doUpdateSet({ active: true, kind: 'DELEGATE', onBehalfOfId: absentId }))
      .execute();
  }

  /** The approver's own assignment (absent at submission, they never had one: it is made now). */
  async assignApprover(tx: Tx, stepId: string, approverId: string): Promise<void> {
    await tx
      .insertInto('StepAssignee')
      .values({ id: randomUUID(), stepId, employeeId: approverId, kind: 'APPROVER', active: true, createdAt: new Date() })
      .onConflict((oc) => oc.columns(['stepId', 'employeeId']).doUpdateSet({ active: true }))
      .execute();
  }
}
