import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JOBS } from '#libs/queue';
import { DeadJobHooks } from '#libs/workflow';
import { NotificationLedgerRepository } from './sending.repository.js';

/** A send job that dies for good, in its run or found failed by the reconciler, leaves its ledger rows dead. */
@Injectable()
export class NotifierDeadJobs implements OnModuleInit {
  constructor(
    private readonly hooks: DeadJobHooks,
    private readonly ledger: NotificationLedgerRepository,
  ) {}

  onModuleInit(): void {
    this.hooks.register(JOBS.sendEmail, (tx, error, payload) => this.ledger.markDead(payload.notificationId as string, error.message, tx));
    this.hooks.register(JOBS.sendEmailBatch, (tx, error, payload) => this.ledger.markUnsentDead(payload.notificationIds as string[], error.message, tx));
  }
}
