import { Injectable } from '@nestjs/common';
import type { Employee } from '#generated/prisma';
import { AuditWriter } from '#libs/audit';
import { Database, OutboxSignal, type Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import type { CourseCategory } from '#generated/kysely';
import type { JobPayload } from '#libs/queue';
import { Clock } from '#libs/time';
import { OnJob, type JobContext } from '#libs/workflow';
import { RequirementsHook } from '../plans/requirements.hook.js';
import { NextSession } from '../sessions/next-session.service.js';
import { FeedbackMailer, type FeedbackItem } from './feedback.mailer.js';
import { FeedbackRepository } from './feedback.repository.js';
import { courseForWeakKpi } from './feedback.rules.js';

type WeakKpi = JobPayload<'training-feedback.enroll'>['weakKpis'][number];

/**
 * Consumes `appraisal.signed-off` (issue 11 item 5): each KPI below its template threshold
 * enrolls the person in a course of the category the template names, for their role (the
 * lowest code), in the next session with a free seat or on the first waitlist, as a
 * recertification does; the manager is told. One row per (appraisal, KPI): a redelivered event,
 * or the same appraisal published twice, enrolls nobody again.
 */
@Injectable()
export class FeedbackJobs {
  constructor(
    private readonly database: Database,
    private readonly repository: FeedbackRepository,
    private readonly nextSession: NextSession,
    private readonly requirements: RequirementsHook,
    private readonly directory: OrgDirectory,
    private readonly mailer: FeedbackMailer,
    private readonly audit: AuditWriter,
    private readonly signal: OutboxSignal,
    private readonly clock: Clock,
  ) {}

  @OnJob('training-feedback.enroll')
  async enroll(payload: JobPayload<'training-feedback.enroll'>, { correlationId }: JobContext): Promise<'done' | 'skipped'> {
    const outcome = await this.database.transaction(async (tx) => {
      await this.repository.lockAppraisal(tx, payload.appraisalId);
      const done = await this.repository.kpisDone(tx, payload.appraisalId);
      const weak = payload.weakKpis.filter((kpi) => !done.has(kpi.kind));
      const person = weak.length > 0 ? await this.directory.findById(payload.employeeId, tx) : null;
      if (!person) return 'skipped';
      const now = this.clock.now();
      const items: FeedbackItem[] = [];
      for (const kpi of weak) items.push(await this.train(tx, person, kpi, payload, now, correlationId));
      // The reviewer of record; a cycle opened for someone without a manager falls back to whoever manages them now.
      const managerId = payload.managerId ?? person.managerId;
      const manager = managerId ? await this.directory.findById(managerId, tx) : null;
      if (manager) await this.mailer.tellManager(tx, manager, person, payload, items, correlationId);
      await this.audit.record(tx, {
        entityType: 'appraisal', entityId: payload.appraisalId, action: 'training-feedback.enrolled', actorId: null, onBehalfOfId: person.id,
        after: { items: items.map(({ kpi, outcome: result, course }) => ({ kpi, outcome: result, courseId: course?.id ?? null })) }, correlationId, at: now,
      });
      return 'done';
    });
    if (outcome === 'done') this.signal.notify();
    return outcome;
  }

  private async train(tx: Tx, person: Employee, kpi: WeakKpi, appraisal: JobPayload<'training-feedback.enroll'>, now: Date, correlationId: string | null): Promise<FeedbackItem> {
    const category = kpi.courseCategory as CourseCategory;
    const course = courseForWeakKpi(await this.repository.coursesFor(tx, category, person.role), category, person.role);
    let result: FeedbackItem['outcome'] = 'NO_COURSE';
    let enrollmentId: string | null = null;
    let sessionStartsAt: Date | null = null;
    if (course) {
      const existing = await this.repository.upcomingEnrollment(tx, course.id, person.id, now);
      const placed = existing ? null : await this.nextSession.place(tx, course, person, 1, now, person.id, correlationId);
      if (placed) await this.requirements.enrolled(tx, placed, course.id, now);
      result = existing ? 'ALREADY_ENROLLED' : placed ? placed.status as 'CONFIRMED' | 'WAITLISTED' : 'NO_SESSION';
      enrollmentId = existing?.id ?? placed?.id ?? null;
      sessionStartsAt = existing?.startsAt ?? (placed ? await this.repository.sessionStart(tx, placed.sessionId) : null);
    }
    await this.repository.record(tx, {
      appraisalId: appraisal.appraisalId, kpi: kpi.kind, employeeId: person.id, managerId: appraisal.managerId, period: appraisal.period, category,
      score: String(kpi.score), threshold: String(kpi.threshold), outcome: result, courseId: course?.id ?? null, enrollmentId, createdAt: now,
    });
    return { kpi: kpi.kind, score: kpi.score, threshold: kpi.threshold, category, outcome: result, course, sessionStartsAt };
  }
}
