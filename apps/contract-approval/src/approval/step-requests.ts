import { Injectable } from '@nestjs/common';
import type { ApprovalStage, ApprovalStep, Employee } from '#generated/prisma';
import type { Contract } from '../contracts/contract-views.js';
import type { Tx } from '#libs/database';
import { PolicyStore } from '../policy/policy-store.service.js';
import { ActionTokens } from './action-tokens.service.js';
import { ApprovalMailer } from './approval.mailer.js';

export interface StepRequest {
  contract: Contract;
  submitter: Employee;
  step: ApprovalStep & { stage: ApprovalStage };
  recipient: Employee;
  /** The approver the recipient decides for (a delegate's absent approver), if any. */
  onBehalfOf: Employee | null;
  now: Date;
  correlationId: string | null;
  occasion?: string;
}

/** Asks one person, with a single-use link of their own, to decide a step that has just become theirs. */
@Injectable()
export class StepRequests {
  constructor(
    private readonly tokens: ActionTokens,
    private readonly policies: PolicyStore,
    private readonly mailer: ApprovalMailer,
  ) {}

  async ask(tx: Tx, request: StepRequest): Promise<void> {
    const { contract, submitter, step, recipient, onBehalfOf, now } = request;
    const actionTokenId = await this.tokens.issue(tx, step.id, recipient.id, contract.round, now);
    const policy = await this.policies.byVersion(contract.policyVersion, tx);
    // count(*) is int8: pg reads it as a string.
    const { stages } = await tx
      .selectFrom('ApprovalStage')
      .select((eb) => eb.fn.countAll<string>().as('stages'))
      .where('contractId', '=', contract.id)
      .where('round', '=', contract.round)
      .executeTakeFirstOrThrow();
    const stageCount = Number(stages);
    await this.mailer.request(
      tx,
      { contractId: contract.id, round: contract.round, stage: step.stage.name, approverId: recipient.id, ...(request.occasion ? { occasion: request.occasion } : {}) },
      recipient,
      {
        contract: this.mailer.contractView(contract, submitter),
        stage: { name: step.stage.name, position: step.stage.position + 1, total: stageCount },
        round: contract.round,
        dueAt: step.stage.dueAt?.toISOString() ?? null,
        ...(await this.mailer.decisionContext(tx, contract, policy, now)),
        actionTokenId,
        onBehalfOf: onBehalfOf ? { name: onBehalfOf.name, email: onBehalfOf.email } : null,
      },
      request.correlationId,
    );
  }
}
