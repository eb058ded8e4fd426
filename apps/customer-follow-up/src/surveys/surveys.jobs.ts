import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Database, OutboxSignal } from '#libs/database';
import { JOBS, type TimerFiredPayload } from '#libs/queue';
import { Clock } from '#libs/time';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { FollowUpJobRouter } from '../jobs/follow-up-job.router.js';
import { TimerNotDueError } from '../revisits/timer-not-due.error.js';
import { isUuid } from '../revisits/visits.repository.js';
import { SurveySender } from './survey-sender.service.js';

/**
 * The contract schedule: `survey.send` (armed when a contract is approved, subject = the
 * contract) sends the survey to the primary contact of the contract's customer, within the cap.
 */
@Injectable()
export class SurveyDueService implements OnModuleInit {
  private readonly logger = new Logger(SurveyDueService.name);

  constructor(
    private readonly database: Database,
    private readonly router: FollowUpJobRouter,
    private readonly customers: CustomerDirectory,
    private readonly sender: SurveySender,
    private readonly signal: OutboxSignal,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.router.register(JOBS.surveySend, (payload, correlationId) => this.fire({ timerId: payload.timerId, subjectId: payload.subjectId }, correlationId));
  }

  async fire(payload: TimerFiredPayload, correlationId: string | null): Promise<'done' | 'skipped'> {
    const outcome = await this.database.transaction(async (tx): Promise<'done' | 'skipped'> => {
      const timer = await tx.selectFrom('Timer').select(['id', 'dueAt']).where('id', '=', payload.timerId).executeTakeFirst();
      if (!timer) return 'skipped';
      if (timer.dueAt.getTime() > this.clock.now().getTime()) throw new TimerNotDueError(timer.id, timer.dueAt);
      const contract = isUuid(payload.subjectId) ? await tx.selectFrom('Contract').select(['id', 'customerId']).where('id', '=', payload.subjectId).executeTakeFirst() : null;
      const customer = contract?.customerId ? await this.customers.findById(tx, contract.customerId) : null;
      if (!contract || !customer) {
        this.logger.warn(`The survey due for contract ${payload.subjectId} was not sent: the contract or its customer no longer exists.`);
        return 'skipped';
      }
      const sent = await this.sender.send(tx, { customer, reason: 'contract', sourceId: contract.id, correlationId });
      return sent.sent ? 'done' : 'skipped';
    });
    if (outcome === 'done') this.signal.notify();
    return outcome;
  }
}
