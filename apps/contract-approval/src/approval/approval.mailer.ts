import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type Employee } from '#generated/prisma';
import type { Contract } from '../contracts/contract-views.js';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import type { Tx } from '#libs/database';
import type {
  ApprovalEscalationData, ApprovalLadderTopData, ApprovalOutcome, ApprovalOutcomeData, ApprovalReminderData,
  ApprovalRequestData, ContractView, EmailKind, EmailSnapshotByKind,
} from '#libs/mail';
import { EmailRecipients, NotificationRequester } from '#libs/notifications';
import { ContractsRepository } from '../contracts/contracts.repository.js';
import { describeThresholds } from '../policy/policy.rules.js';
import { bandView, placeDiscount } from '../pricing/price-policy.rules.js';
import { PricePolicyStore } from '../pricing/price-policy.store.js';
import type { ApprovalPolicyDocument } from '../policy/policy.types.js';

/** The email snapshot carries the token id; the notifier turns it into the link at render time. */
type WithActionToken<T> = Omit<T, 'actionUrl'> & { actionTokenId: string };

export type ApprovalRequestSnapshot = Omit<WithActionToken<ApprovalRequestData>, 'recipient'>;

/** Names what makes an approval request distinct: one per contract, round, stage and approver. */
export interface ApprovalRequestKey {
  contractId: string;
  round: number;
  stage: string;
  approverId: string;
  /** Asking the same person again for a new reason (a step back after their absence) is another email. */
  occasion?: string;
}

export interface ApprovalRequest {
  key: ApprovalRequestKey;
  recipient: Employee;
  data: ApprovalRequestSnapshot;
}

const HISTORY_LIMIT = 10;
const AVERAGE_WINDOW_MS = 90 * 24 * 3600_000;

function person(employee: Employee) {
  return { name: employee.name, email: employee.email };
}

/**
 * Composes every approval email from the data it owns and asks the notifier for it, in the
 * caller's transaction. Each key names what makes the email distinct.
 */
@Injectable()
export class ApprovalMailer {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationRequester,
    private readonly recipients: EmailRecipients,
    private readonly contracts: ContractsRepository,
    private readonly prices: PricePolicyStore,
  ) {}

  contractView(contract: Contract, submitter: Employee): ContractView {
    return {
      id: contract.id,
      title: contract.title,
      customerName: contract.customerName,
      // numeric columns read as strings with their scale (2): "1200.00", as toFixed(2) gave.
      amount: new Prisma.Decimal(contract.amount).toFixed(2),
      currency: contract.currency,
      amountBase: new Prisma.Decimal(contract.amountBase).toFixed(2),
      baseCurrency: this.config.BASE_CURRENCY,
      discountPct: Number(contract.discountPct),
      paymentTermDays: contract.paymentTermDays,
      productLine: contract.productLine,
      region: contract.region,
      submitter: person(submitter),
    };
  }

  /** What an approver needs to decide, beyond the contract itself. */
  async decisionContext(tx: Tx, contract: Contract, policy: ApprovalPolicyDocument, now: Date) {
    const { history, averageDiscount } = await this.contracts.decisionHistory(tx, contract, HISTORY_LIMIT, new Date(now.getTime() - AVERAGE_WINDOW_MS));
    const prices = await this.prices.byVersion(contract.pricePolicyVersion, tx);
    return {
      discountThresholds: describeThresholds(policy),
      discountBand: bandView(prices && placeDiscount(prices, contract.customerTier, contract.productLine, Number(contract.discountPct))),
      customerHistory: history,
      submitterAvgDiscount90d: averageDiscount === null ? null : Math.round(Number(averageDiscount) * 100) / 100,
    };
  }

  async request(tx: Tx, key: ApprovalRequestKey, recipient: Employee, data: ApprovalRequestSnapshot, correlationId: string | null): Promise<void> {
    await this.requests(tx, [{ key, recipient, data }], correlationId);
  }

  /** A stage's approval requests, asked for in one statement. */
  async requests(tx: Tx, requests: ApprovalRequest[], correlationId: string | null): Promise<void> {
    const recipients = await this.recipients.all(tx, requests.map((request) => request.recipient));
    await this.notifications.requestAll(
      tx,
      requests.map(({ key, recipient, data }) => {
        const to = recipients.get(recipient.id)!;
        return {
          idempotencyKey: `approval-request:${key.contractId}:${key.round}:${key.stage}:${key.approverId}${key.occasion ? `:${key.occasion}` : ''}`,
          recipient: to.address,
          kind: 'approval-request' as const,
          data: { recipient: to.view, ...data },
          correlationId,
        };
      }),
    );
  }

  async reminder(tx: Tx, stepId: string, round: number, recipient: Employee, data: Omit<WithActionToken<ApprovalReminderData>, 'recipient'>, correlationId: string | null) {
    await this.send(tx, `approval-reminder:${stepId}:${round}:${recipient.id}`, recipient, 'approval-reminder', { ...data }, correlationId);
  }

  async escalation(tx: Tx, stepId: string, level: number, recipient: Employee, data: Omit<WithActionToken<ApprovalEscalationData>, 'recipient'>, correlationId: string | null) {
    await this.send(tx, `approval-escalation:${stepId}:${level}:${recipient.id}`, recipient, 'approval-escalation', { ...data }, correlationId);
  }

  async ladderTop(tx: Tx, stepId: string, recipient: Employee, data: Omit<ApprovalLadderTopData, 'recipient'>, correlationId: string | null) {
    await this.send(tx, `approval-ladder-top:${stepId}:${recipient.id}`, recipient, 'approval-ladder-top', { ...data }, correlationId);
  }

  async outcome(
    tx: Tx,
    contract: Contract,
    recipient: Employee,
    data: { outcome: ApprovalOutcome; comment: string | null; decidedBy: Employee | null; autoApprovalReason: string | null; contract: ContractView },
    correlationId: string | null,
  ): Promise<void> {
    const snapshot: Omit<ApprovalOutcomeData, 'recipient'> = {
      contract: data.contract,
      outcome: data.outcome,
      comment: data.comment,
      decidedBy: data.decidedBy ? person(data.decidedBy) : null,
      autoApprovalReason: data.autoApprovalReason,
    };
    await this.send(tx, `approval-outcome:${contract.id}:${contract.round}:${data.outcome}:${recipient.id}`, recipient, 'approval-outcome', snapshot, correlationId);
  }

  /** Asks for one email to an employee, shown in the zone they work in (EmailRecipients). */
  private async send<K extends EmailKind>(
    tx: Tx,
    idempotencyKey: string,
    recipient: Employee,
    kind: K,
    data: Omit<EmailSnapshotByKind[K], 'recipient'>,
    correlationId: string | null,
  ): Promise<void> {
    const to = await this.recipients.of(tx, recipient);
    const snapshot = { recipient: to.view, ...data } as EmailSnapshotByKind[K];
    await this.notifications.request(tx, { idempotencyKey, recipient: to.address, kind, data: snapshot, correlationId });
  }
}
