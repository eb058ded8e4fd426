import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import { PlansRepository, type RequirementDue } from './plans.repository.js';

/**
 * What the enrollments feature tells the plans, in the enrollment's own transaction: enrolling in
 * a session of a course meets the person's open requirement for it; withdrawing un-meets it; a
 * completed enrollment (attendance, assessment) completes it.
 */
@Injectable()
export class RequirementsHook {
  constructor(private readonly repository: PlansRepository) {}

  enrolled(tx: Tx, enrollment: { id: string; employeeId: string }, courseId: string, now: Date): Promise<void> {
    return this.repository.satisfy(tx, enrollment, courseId, now);
  }

  /** The requirement the completion met, if any. */
  async completed(tx: Tx, enrollment: { id: string; employeeId: string }, courseId: string, now: Date): Promise<RequirementDue | null> {
    const [met] = await this.repository.complete(tx, enrollment, courseId, now);
    return met ?? null;
  }

  /** The open requirement a failed attempt leaves open, if any. */
  async openFor(tx: Tx, employeeId: string, courseId: string): Promise<RequirementDue | null> {
    return (await this.repository.openFor(tx, employeeId, courseId)) ?? null;
  }

  withdrawn(tx: Tx, enrollmentId: string, now: Date): Promise<void> {
    return this.repository.release(tx, enrollmentId, now);
  }
}
