import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type Employee } from '#generated/prisma';
import { AuditWriter } from '#libs/audit';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { lostReasonProblems, type ContractRequest, type DecisionRequest, type WithdrawalRequest } from '#libs/contracts';
import { Database, IdempotentCreator, OutboxSignal, type Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { BadRequestError, ConflictError, ForbiddenError, GoneError, NotFoundError, UnprocessableError, type Caller } from '#libs/rpc';
import { Clock } from '#libs/time';
import { TimerWriter } from '#libs/workflow';
import { ApprovalFlow, type FlowContext, type KeptStage } from '../approval/approval-flow.service.js';
import { ApprovalMailer } from '../approval/approval.mailer.js';
import { lockContract, lockContractWithPeople } from '../approval/contract-lock.js';
import { FxRatesService } from '../fx/fx-rates.service.js';
import { PolicyStore } from '../policy/policy-store.service.js';
import { CompetitorsRepository } from '../pricing/competitors.repository.js';
import { discountForApproval, placeDiscount, type PricePolicyDocument } from '../pricing/price-policy.rules.js';
import { PricePolicyStore } from '../pricing/price-policy.store.js';
import { explainAutoApproval, selectStages } from '../policy/policy.rules.js';
import type { ContractFacts } from '../policy/policy.types.js';
import { ContractReader } from './contract-reader.service.js';
import { ContractsRepository } from './contracts.repository.js';
import { isRiskier, mayResubmit, mayReverse, mayWithdraw, REVERSING_ROLES, withdrawalReach } from './contracts.rules.js';
import type { Contract } from './contract-views.js';

const SUBMIT_SCOPE = 'contracts.submit';

/** Submitting, resubmitting, withdrawing and deciding contracts: each one transaction. */
@Injectable()
export class ContractsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: Database,
    private readonly idempotent: IdempotentCreator,
    private readonly clock: Clock,
    private readonly directory: OrgDirectory,
    private readonly fx: FxRatesService,
    private readonly policies: PolicyStore,
    private readonly prices: PricePolicyStore,
    private readonly competitors: CompetitorsRepository,
    private readonly flow: ApprovalFlow,
    private readonly mailer: ApprovalMailer,
    private readonly timers: TimerWriter,
    private readonly audit: AuditWriter,
    private readonly signal: OutboxSignal,
    private readonly reader: ContractReader,
    private readonly contracts: ContractsRepository,
  ) {}

  /** A replayed Idempotency-Key answers with the first submission's result (IdempotentCreator). */
  async submit(caller: Caller, input: ContractRequest, idempotencyKey: string | undefined, correlationId: string) {
    return this.idempotent.create({ scope: SUBMIT_SCOPE, callerId: caller.id, key: idempotencyKey || undefined, body: input }, async (tx) => {
      const contract = await this.createContract(tx, caller, input, correlationId);
      return this.reader.submissionView(tx, contract);
    });
  }

  private async createContract(tx: Tx, caller: Caller, input: ContractRequest, correlationId: string): Promise<Contract> {
    const now = this.clock.now();
    const submitter = await this.employee(tx, caller.id);
    const { amountBase } = await this.fx.toBase(input.amount, input.currency, tx);
    const policy = await this.policies.active(tx);
    const prices = await this.prices.active(tx);
    const customerTier = await this.prices.customerTier(tx, input.customerId ?? null);
    refuseAboveCeiling(prices.document, customerTier, input.productLine ?? null, input.discountPct);
    const contract = await this.contracts.insert(tx, {
      ownerId: submitter.id, customerId: input.customerId ?? null, customerName: input.customerName, title: input.title,
      amount: input.amount, currency: input.currency, amountBase, discountPct: input.discountPct, paymentTermDays: input.paymentTermDays,
      productLine: input.productLine ?? null, region: input.region ?? null, status: 'PENDING_APPROVAL', policyVersion: policy.version,
      pricePolicyVersion: prices.version, customerTier, createdAt: now,
    });
    await this.audit.record(tx, {
      entityType: 'contract', entityId: contract.id, action: 'contract.submitted', actorId: submitter.id,
      after: { ...input, amountBase: amountBase.toFixed(2), policyVersion: policy.version, pricePolicyVersion: prices.version, customerTier }, correlationId, at: now,
    });
    const ctx: FlowContext = { tx, contract, submitter, policy: policy.document, now, correlationId };
    await this.route(ctx, new Map());
    return ctx.contract;
  }

  /** Writes the current round's route and starts it; no applicable stage approves at once. */
  private async route(ctx: FlowContext, kept: Map<string, KeptStage>): Promise<void> {
    const facts = await this.facts(ctx.tx, ctx.contract);
    const stages = selectStages(ctx.policy, facts);
    const written = await this.flow.writeRoute(ctx, stages, kept);
    if (stages.length === 0) {
      await this.flow.finish(ctx, 'APPROVED', null, null, explainAutoApproval(ctx.policy, facts));
      return;
    }
    await this.flow.activateNext(ctx, written);
  }

  /** What the approval policy's stages read; a discount within the first band of the price policy needs no approval. */
  private async facts(tx: Tx, contract: Contract): Promise<ContractFacts> {
    const prices = await this.prices.byVersion(contract.pricePolicyVersion, tx);
    const discountPct = Number(contract.discountPct);
    const placement = prices && placeDiscount(prices, contract.customerTier, contract.productLine, discountPct);
    return {
      amount: Number(contract.amountBase),
      discountPct: discountForApproval(placement, discountPct),
      paymentTermDays: contract.paymentTermDays,
      currency: contract.currency,
      productLine: contract.productLine,
      region: contract.region,
    };
  }

  /** Decisions, withdrawals and resubmissions answer with the contract and its route as their transaction left them. */
  async decide(caller: Caller, contractId: string, input: DecisionRequest, correlationId: string) {
    return this.inTransaction(async (tx) => {
      const { ctx, actor } = await this.flowContextActedBy(tx, contractId, caller.id, correlationId);
      await this.flow.decide(ctx, actor, input.decision, input.comment ?? null);
      return this.reader.decisionView(tx, ctx.contract, ctx.submitter);
    });
  }

  /** The owner withdraws with why the business was lost (and to which competitor, for competitor). */
  async withdraw(caller: Caller, contractId: string, lost: WithdrawalRequest, correlationId: string) {
    const problems = lostReasonProblems(lost.reason, lost.competitorId);
    if (problems.length > 0) throw new BadRequestError('Say why the business was lost; the contract was not withdrawn.', problems);
    return this.inTransaction(async (tx) => {
      const ctx = await this.flowContext(tx, contractId, correlationId);
      if (ctx.contract.ownerId !== caller.id) throw new ForbiddenError('Only the contract\u2019s owner may withdraw it.');
      if (!mayWithdraw(ctx.contract.status)) {
        throw new ConflictError(`Contract ${contractId} is ${ctx.contract.status} and can no longer be withdrawn.`);
      }
      await this.competitors.requireKnown(tx, lost.competitorId ?? null);
      ctx.contract = await this.contracts.recordLoss(tx, contractId, lost.reason, lost.competitorId ?? null);
      const { stepIds, approverIds } = withdrawalReach(await this.contracts.pendingAssignments(tx, contractId));
      await this.contracts.closeOpenSteps(tx, contractId);
      await this.timers.cancelForSubjects(tx, stepIds, ctx.now);
      await this.flow.finish(ctx, 'WITHDRAWN', ctx.submitter, null);
      const approvers = await this.directory.findManyById(approverIds, tx);
      for (const approver of approvers) {
        await this.mailer.outcome(tx, ctx.contract, approver, {
          outcome: 'WITHDRAWN', comment: null, decidedBy: ctx.submitter, autoApprovalReason: null, contract: this.mailer.contractView(ctx.contract, ctx.submitter),
        }, correlationId);
      }
      return this.reader.decisionView(tx, ctx.contract, ctx.submitter);
    });
  }

  /** FINANCE or ADMIN undo an approved contract (audited with the reason); nobody is emailed. */
  async reverse(caller: Caller, contractId: string, reason: string, correlationId: string) {
    if (!REVERSING_ROLES.includes(caller.role)) throw new ForbiddenError('Only FINANCE and ADMIN may reverse a contract.');
    return this.inTransaction(async (tx) => {
      const ctx = await this.flowContext(tx, contractId, correlationId);
      if (!mayReverse(ctx.contract.status)) {
        throw new ConflictError(`Contract ${contractId} is ${ctx.contract.status}; only an approved contract can be reversed.`, 'contract.not_approved');
      }
      const updated = await this.contracts.recordReversal(tx, contractId, ctx.now);
      await this.audit.record(tx, {
        entityType: 'contract', entityId: contractId, action: 'contract.reversed', actorId: caller.id,
        before: { status: ctx.contract.status }, after: { status: updated.status, reason }, correlationId, at: ctx.now,
      });
      return this.reader.decisionView(tx, updated, ctx.submitter);
    });
  }

  /**
   * After request_changes: same policy version, a new round. A stage stays approved only if it
   * still applies, has the same approvers, and no figure went up.
   */
  async resubmit(caller: Caller, contractId: string, input: ContractRequest, correlationId: string) {
    return this.inTransaction(async (tx) => {
      const ctx = await this.flowContext(tx, contractId, correlationId);
      const before = ctx.contract;
      if (before.ownerId !== caller.id) throw new ForbiddenError('Only the contract\u2019s owner may resubmit it.');
      if (!mayResubmit(before.status)) throw new ConflictError(`Contract ${contractId} is ${before.status}; only a contract with changes requested can be resubmitted.`);
      const { amountBase } = await this.fx.toBase(input.amount, input.currency, tx);
      const prices = await this.prices.byVersion(before.pricePolicyVersion, tx);
      if (prices) refuseAboveCeiling(prices, before.customerTier, input.productLine ?? null, input.discountPct);
      const updated = await this.contracts.startNewRound(tx, before, input, amountBase);
      const riskier = isRiskier(before, updated);
      await this.audit.record(tx, {
        entityType: 'contract', entityId: contractId, action: 'contract.resubmitted', actorId: caller.id,
        before: { amount: new Prisma.Decimal(before.amount).toFixed(2), currency: before.currency, discountPct: Number(before.discountPct), paymentTermDays: before.paymentTermDays, round: before.round },
        after: { ...input, round: updated.round, riskier }, correlationId, at: ctx.now,
      });
      ctx.contract = updated;
      const kept = riskier ? new Map<string, KeptStage>() : await this.flow.stagesToKeep(ctx, before.round, selectStages(ctx.policy, await this.facts(tx, updated)));
      await this.route(ctx, kept);
      return this.reader.decisionView(tx, ctx.contract, ctx.submitter);
    });
  }

  /** Opens a link's page: nothing changes on GET. */
  async viewAction(token: string) {
    return this.reader.actionView(token);
  }

  /** Decides through a single-use email link, as the person the link was made for. */
  async decideByAction(token: string, input: DecisionRequest, correlationId: string) {
    return this.inTransaction(async (tx) => {
      const now = this.clock.now();
      const link = await this.reader.usableLink(tx, token, now);
      const contractId = await this.contracts.ofStep(tx, link.stepId);
      const { ctx, actor } = await this.flowContextActedBy(tx, contractId, link.employeeId, correlationId);
      if (link.round !== ctx.contract.round) throw new GoneError('This link belongs to an earlier round of the contract.');
      await this.reader.consumeLink(tx, link.id, now);
      await this.flow.decide(ctx, actor, input.decision, input.comment ?? null);
      return this.reader.decisionView(tx, ctx.contract, ctx.submitter);
    });
  }

  private async flowContext(tx: Tx, contractId: string, correlationId: string): Promise<FlowContext> {
    const contract = await lockContract(tx, contractId);
    const submitter = await this.employee(tx, contract.ownerId);
    const policy = await this.policies.byVersion(contract.policyVersion, tx);
    return { tx, contract, submitter, policy, now: this.clock.now(), correlationId };
  }

  /** The flow context with the employee acting on it, both people read in one statement, inside the transaction. */
  private async flowContextActedBy(tx: Tx, contractId: string, actorId: string, correlationId: string): Promise<{ ctx: FlowContext; actor: Employee }> {
    const { contract, people } = await lockContractWithPeople(tx, contractId, [actorId]);
    const submitter = existing(people, contract.ownerId);
    const actor = existing(people, actorId);
    const policy = await this.policies.byVersion(contract.policyVersion, tx);
    return { ctx: { tx, contract, submitter, policy, now: this.clock.now(), correlationId }, actor };
  }

  private async employee(tx: Tx, id: string): Promise<Employee> {
    const employee = await this.directory.findById(id, tx);
    if (!employee) throw new NotFoundError(`Employee ${id} does not exist.`);
    return employee;
  }

  private async inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const result = await this.database.transaction(work);
    this.signal.notify();
    return result;
  }
}

/** 422 above the hard ceiling of the customer's tier and product line, naming the ceiling. */
function refuseAboveCeiling(prices: PricePolicyDocument, tier: string | null, productLine: string | null, discountPct: number): void {
  const placement = placeDiscount(prices, tier, productLine, discountPct);
  if (placement?.aboveCeiling) {
    throw new UnprocessableError(
      `A discount of ${discountPct}% is above the ceiling of ${placement.ceilingPct}% for tier ${placement.tier} and product line ${placement.productLine}; the contract was not submitted.`,
      'discount.above_ceiling',
    );
  }
}

function existing(people: Employee[], id: string): Employee {
  const employee = people.find((e) => e.id === id);
  if (!employee) throw new NotFoundError(`Employee ${id} does not exist.`);
  return employee;
}
