import { Injectable } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { Database, OutboxSignal } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import type { JobPayload } from '#libs/queue';
import { Clock } from '#libs/time';
import { OnJob, type JobContext } from '#libs/workflow';
import { PromotionsMailer } from './promotions.mailer.js';
import { PromotionsRepository } from './promotions.repository.js';
import { completedStreak } from './promotions.rules.js';

/**
 * Consumes `appraisal.signed-off` (issue 11 item 7): when the appraisal completes a streak of the
 * template's promotion band, the person is nominated to HR with the streak as evidence, and HR
 * and the manager are emailed. One nomination per (employee, appraisal), however often the event
 * is delivered or published.
 */
@Injectable()
export class PromotionsJobs {
  constructor(
    private readonly database: Database,
    private readonly repository: PromotionsRepository,
    private readonly directory: OrgDirectory,
    private readonly mailer: PromotionsMailer,
    private readonly audit: AuditWriter,
    private readonly signal: OutboxSignal,
    private readonly clock: Clock,
  ) {}

  @OnJob('promotion.nominate')
  async nominate(payload: JobPayload<'promotion.nominate'>, { correlationId }: JobContext): Promise<'done' | 'skipped'> {
    const outcome = await this.database.transaction(async (tx) => {
      const policy = (await this.repository.templateOfCycle(tx, payload.cycleId))?.promotion;
      if (!policy) return 'skipped';
      await this.repository.lockEmployee(tx, payload.employeeId);
      const current = { appraisalId: payload.appraisalId, cycleId: payload.cycleId, period: payload.period, score: payload.score, band: payload.band };
      const streak = completedStreak(await this.repository.signedOff(tx, payload.employeeId), current, policy);
      const person = streak ? await this.directory.findById(payload.employeeId, tx) : null;
      if (!streak || !person) return 'skipped';
      const now = this.clock.now();
      const nomination = await this.repository.create(tx, {
        employeeId: person.id, appraisalId: payload.appraisalId, managerId: payload.managerId, band: policy.band, streak: policy.streak,
        evidence: JSON.stringify(streak), status: 'PENDING', createdAt: now,
      });
      if (!nomination) return 'skipped';
      for (const hr of await this.directory.withRole('HR', tx)) if (hr.id !== person.id) await this.mailer.send(tx, hr, 'hr', nomination, person, null, correlationId);
      const manager = payload.managerId ? await this.directory.findById(payload.managerId, tx) : null;
      if (manager) await this.mailer.send(tx, manager, 'manager', nomination, person, null, correlationId);
      await this.audit.record(tx, {
        entityType: 'promotion-nomination', entityId: nomination.id, action: 'promotion-nomination.nominated', actorId: null, onBehalfOfId: person.id,
        after: { appraisalId: payload.appraisalId, band: policy.band, streak: policy.streak, evidence: streak }, correlationId, at: now,
      });
      return 'done';
    });
    if (outcome === 'done') this.signal.notify();
    return outcome;
  }
}
