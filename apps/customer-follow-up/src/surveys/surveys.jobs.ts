import { Injectable, Logger } from '@nestjs/common';
import type { JobPayload } from '#libs/queue';
import { OnJob, TimerJobs, type JobContext } from '#libs/workflow';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { SurveySender } from './survey-sender.service.js';
import { SurveysRepository } from './surveys.repository.js';

/**
 * The contract schedule: `survey.send` (armed when a contract is approved, subject = the
 * contract) sends the survey to the primary contact of the contract's customer, within the cap.
 */
@Injectable()
export class SurveyJobs {
  private readonly logger = new Logger(SurveyJobs.name);

  constructor(
    private readonly timerJobs: TimerJobs,
    private readonly repository: SurveysRepository,
    private readonly customers: CustomerDirectory,
    private readonly sender: SurveySender,
  ) {}

  @OnJob('survey.send')
  send(payload: JobPayload<'survey.send'>, context: JobContext) {
    return this.timerJobs.run(payload, context, {
      // Nothing to lock here: the contract is only read, and the sender locks the contact.
      lock: async (tx, timer) => {
        const contract = await this.repository.contract(tx, timer.subjectId);
        const customer = contract?.customerId ? await this.customers.findById(tx, contract.customerId) : null;
        if (contract && customer) return { contract, customer };
        this.logger.warn(`The survey due for contract ${timer.subjectId} was not sent: the contract or its customer no longer exists.`);
        return null;
      },
      act: async (tx, { contract, customer }) => {
        const sent = await this.sender.send(tx, { customer, reason: 'contract', sourceId: contract.id, correlationId: context.correlationId });
        return sent.sent ? 'done' : 'skipped';
      },
    });
  }
}
