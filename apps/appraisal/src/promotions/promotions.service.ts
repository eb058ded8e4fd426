import { Injectable } from '@nestjs/common';
import type { Employee } from '#generated/prisma';
import { AuditWriter } from '#libs/audit';
import type { PromotionDecision, PromotionStatus } from '#libs/contracts';
import { Database, OutboxSignal, type Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, toPage, type Caller, type Page } from '#libs/rpc';
import { Clock } from '#libs/time';
import { nominationView, peopleOf, type NominationView } from './promotion-view.js';
import { PromotionsMailer } from './promotions.mailer.js';
import { PromotionsRepository, type NominationRow } from './promotions.repository.js';
import { decisionProblems, mayDecide, maySee, seesAll } from './promotions.rules.js';

/** Promotion nominations (issue 11 item 7): read by HR and the manager line, decided by the manager with a reason. */
@Injectable()
export class PromotionsService {
  constructor(
    private readonly database: Database,
    private readonly repository: PromotionsRepository,
    private readonly directory: OrgDirectory,
    private readonly mailer: PromotionsMailer,
    private readonly audit: AuditWriter,
    private readonly signal: OutboxSignal,
    private readonly clock: Clock,
  ) {}

  /** The manager confirms or declines; HR (everyone with the role) is emailed the decision. */
  async decide(caller: Caller, id: string, decision: PromotionDecision, reason: string, correlationId: string): Promise<NominationView> {
    const problems = decisionProblems(decision, reason);
    if (problems.length > 0) throw new BadRequestError('The decision is invalid; nothing was written.', problems);
    const view = await this.database.transaction(async (tx) => {
      const nomination = await this.repository.find(tx, id, true);
      if (!nomination) throw new NotFoundError(`Promotion nomination ${id} does not exist.`, 'promotion_nomination.not_found');
      const person = await this.person(tx, nomination);
      if (!mayDecide(caller.id, nomination, await this.directory.isAbove(caller.id, person, tx))) {
        throw new ForbiddenError('A promotion nomination is decided by the person\u2019s manager (the reviewer of record, or anyone above them).');
      }
      if (nomination.status !== 'PENDING') throw new ConflictError(`Promotion nomination ${id} is already ${nomination.status.toLowerCase()}.`, 'promotion_nomination.decided');
      const now = this.clock.now();
      const status = decision === 'confirm' ? 'CONFIRMED' : 'DECLINED';
      const decided = await this.repository.update(tx, id, { status, reason: reason.trim(), decidedById: caller.id, decidedAt: now });
      const decider = (await this.directory.findById(caller.id, tx))!;
      for (const hr of await this.directory.withRole('HR', tx)) if (hr.id !== person.id) await this.mailer.send(tx, hr, 'hr', decided, person, decider, correlationId);
      await this.audit.record(tx, {
        entityType: 'promotion-nomination', entityId: id, action: `promotion-nomination.${decision === 'confirm' ? 'confirmed' : 'declined'}`, actorId: caller.id,
        before: { status: nomination.status }, after: { status, reason: decided.reason }, correlationId, at: now,
      });
      return nominationView(decided, await this.people(tx, [decided]));
    });
    this.signal.notify();
    return view;
  }

  async get(caller: Caller, id: string): Promise<NominationView> {
    const tx = this.database.db;
    const nomination = await this.repository.find(tx, id);
    if (!nomination) throw new NotFoundError(`Promotion nomination ${id} does not exist.`, 'promotion_nomination.not_found');
    const person = await this.person(tx, nomination);
    if (!maySee(caller, nomination, await this.directory.isAbove(caller.id, person, tx))) {
      throw new ForbiddenError('Promotion nominations are read by HR, ADMIN and the person\u2019s manager line.');
    }
    return nominationView(nomination, await this.people(tx, [nomination]));
  }

  /** HR and ADMIN list all; anyone else the people below them in their reporting line (never their own). */
  async list(caller: Caller, query: { status?: PromotionStatus; cursor?: string; limit: number }): Promise<Page<NominationView>> {
    const tx = this.database.db;
    const employeeIds = seesAll(caller) ? null : (await this.directory.reportingSubtree(caller.id, tx)).filter((id) => id !== caller.id);
    const rows = await this.repository.page(tx, { ...query, employeeIds });
    const people = await this.people(tx, rows);
    return toPage(rows, query.limit, (row) => nominationView(row, people));
  }

  private async person(tx: Tx, nomination: NominationRow): Promise<Employee> {
    const person = await this.directory.findById(nomination.employeeId, tx);
    if (!person) throw new NotFoundError(`Employee ${nomination.employeeId} does not exist.`, 'employee.not_found');
    return person;
  }

  private async people(tx: Tx, rows: NominationRow[]): Promise<Map<string, Employee>> {
    return new Map((await this.directory.findManyById(peopleOf(rows), tx)).map((e) => [e.id, e]));
  }
}
