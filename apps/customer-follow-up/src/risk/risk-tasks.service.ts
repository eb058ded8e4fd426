import { Injectable } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { Database, type Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, toPage, type Caller, type Page } from '#libs/rpc';
import { Clock } from '#libs/time';
import { TimerWriter } from '#libs/workflow';
import type { EmployeeRow as Employee } from '../rows.js';
import { riskTaskTimerKey } from './risk-countermeasures.rules.js';
import { parseNewOwner, parseTaskNote } from './risk-task-input.js';
import { riskTaskView, type RiskTaskView } from './risk-task-view.js';
import { RiskTasksRepository, type RiskTaskRow } from './risk-tasks.repository.js';

export interface ListRiskTasksQuery {
  owner?: string;
  status?: RiskTaskRow['status'];
  cursor?: string;
  limit: number;
}

/**
 * GET /risk-tasks, done and reassign. Everyone sees the tasks they own and those of their
 * reporting line (a specialist: only their own), ADMIN all. A task is done by its owner, anyone
 * above the owner, or ADMIN; it is reassigned by anyone above the owner (to someone in their own
 * line) or ADMIN. A refusal never names anyone.
 */
@Injectable()
export class RiskTasksService {
  constructor(
    private readonly database: Database,
    private readonly tasks: RiskTasksRepository,
    private readonly directory: OrgDirectory,
    private readonly timers: TimerWriter,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, query: ListRiskTasksQuery): Promise<Page<RiskTaskView>> {
    const db = this.database.db;
    const visible = caller.role === 'ADMIN' ? null : await this.directory.reportingSubtree(caller.id, db);
    let ownerIds = visible;
    if (query.owner !== undefined) {
      const owner = await this.directory.findByIdOrEmail(query.owner, db);
      if (!owner) throw new BadRequestError('No task was listed.', [{ field: 'owner', message: 'owner must be the id or email of an employee' }]);
      if (visible && !visible.includes(owner.id)) throw new ForbiddenError('You may list only your own tasks and those of your reporting line.');
      ownerIds = [owner.id];
    }
    const rows = await this.tasks.list(db, { ownerIds, status: query.status }, query);
    return this.views(db, rows, query.limit);
  }

  async done(caller: Caller, id: string, input: { note?: unknown }, correlationId: string): Promise<RiskTaskView> {
    const note = parseTaskNote(input);
    return this.change(caller, id, correlationId, async (tx, task, owner, now) => {
      if (!(await this.mayAct(tx, caller, owner, true))) throw new ForbiddenError(`Only the task\u2019s owner, those above them and ADMIN may mark risk task ${task.id} done.`);
      if (task.status === 'DONE') throw new ConflictError(`Risk task ${task.id} is done already.`);
      await this.timers.cancelByKeys(tx, [riskTaskTimerKey(task.id, 'remind'), riskTaskTimerKey(task.id, 'escalate')], now);
      return { action: 'risk-task.done', data: { status: 'DONE', doneAt: now, doneById: caller.id, note } };
    });
  }

  /** The task keeps its due date; its reminder and escalation, read when they fire, reach the new owner. */
  async reassign(caller: Caller, id: string, input: { ownerId?: unknown }, correlationId: string): Promise<RiskTaskView> {
    const ownerId = parseNewOwner(input);
    return this.change(caller, id, correlationId, async (tx, task, owner) => {
      if (!(await this.mayAct(tx, caller, owner, false))) throw new ForbiddenError(`Only those above the task\u2019s owner and ADMIN may reassign risk task ${task.id}.`);
      if (task.status === 'DONE') throw new ConflictError(`Risk task ${task.id} is done already.`);
      const next = await this.directory.findById(ownerId, tx);
      if (!next) throw new BadRequestError('The task was not changed.', [{ field: 'ownerId', message: 'ownerId must be the id of an employee' }]);
      if (caller.role !== 'ADMIN' && !(await this.directory.reportingSubtree(caller.id, tx)).includes(next.id)) {
        throw new ForbiddenError('A task may be reassigned only to someone in your reporting line.');
      }
      return { action: 'risk-task.reassigned', data: { ownerId: next.id } };
    });
  }

  private async change(
    caller: Caller,
    id: string,
    correlationId: string,
    decide: (tx: Tx, task: RiskTaskRow, owner: Employee | null, now: Date) => Promise<{ action: string; data: Partial<RiskTaskRow> }>,
  ): Promise<RiskTaskView> {
    return this.database.transaction(async (tx) => {
      const task = await this.tasks.lock(tx, id);
      if (!task) throw new NotFoundError(`Risk task ${id} does not exist.`);
      const owner = await this.directory.findById(task.ownerId, tx);
      const now = this.clock.now();
      const { action, data } = await decide(tx, task, owner, now);
      const updated = await this.tasks.update(tx, task.id, data);
      await this.audit.record(tx, {
        entityType: 'risk-alert', entityId: task.alertId, action, actorId: caller.id,
        before: { taskId: task.id, status: task.status, ownerId: task.ownerId }, after: { taskId: task.id, status: updated.status, ownerId: updated.ownerId, note: updated.note },
        correlationId, at: now,
      });
      return (await this.views(tx, [updated], 1)).items[0];
    });
  }

  /** The owner (when `ownerMay`), anyone above the owner, ADMIN. */
  private async mayAct(tx: Tx, caller: Caller, owner: Employee | null, ownerMay: boolean): Promise<boolean> {
    if (caller.role === 'ADMIN') return true;
    if (!owner) return false;
    if (owner.id === caller.id) return ownerMay;
    return this.directory.isAbove(caller.id, owner, tx);
  }

  private async views(tx: Tx, rows: RiskTaskRow[], limit: number): Promise<Page<RiskTaskView>> {
    const alertIds = [...new Set(rows.map((r) => r.alertId))];
    const alerts = await this.tasks.alertRefs(tx, alertIds);
    const people = await this.directory.findManyById([...new Set(rows.flatMap((r) => [r.ownerId, ...(r.doneById ? [r.doneById] : [])]))], tx);
    const alertById = new Map(alerts.map((a) => [a.id, a]));
    const peopleById = new Map(people.map((p) => [p.id, p]));
    return toPage(rows, limit, (row) => riskTaskView(row, alertById.get(row.alertId) ?? null, peopleById));
  }
}
