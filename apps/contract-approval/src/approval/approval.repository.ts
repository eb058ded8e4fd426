import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { ApprovalStage, ApprovalStep, ContractStatus, StepAssignee } from '#generated/prisma';
import type { Tx } from '#libs/database';
import type { PersonView } from '#libs/org';
import type { Contract, StageWithSteps } from '../contracts/contract-views.js';

/** One row of the route join: a stage, one of its steps and one of that step's assignees. */
interface RouteRow {
  stageId: string; contractId: string; round: number; position: number; name: string; mode: string; quorum: number | null; sla: string;
  stageStatus: ApprovalStage['status']; startedAt: Date | null; dueAt: Date | null; stageDecidedAt: Date | null;
  stepId: string | null; entryIndex: number; ref: string; stepStatus: ApprovalStep['status']; decision: string | null; comment: string | null;
  decidedById: string | null; stepOnBehalfOfId: string | null; stepDecidedAt: Date | null; escalationLevel: number; topReachedAt: Date | null;
  assigneeId: string | null; employeeId: string; kind: StepAssignee['kind']; assigneeOnBehalfOfId: string | null; active: boolean; assigneeCreatedAt: Date;
}

/** The people a route row names (assignee, decider, the approver acted for), when asked for. */
interface RouteRowPeople {
  assigneeEmail: string | null; assigneeName: string | null;
  deciderEmail: string | null; deciderName: string | null;
  actedForEmail: string | null; actedForName: string | null;
}

const ROUTE_COLUMNS = sql`
  g.id AS "stageId", g."contractId", g.round, g.position, g.name, g.mode, g.quorum, g.sla, g.status::text AS "stageStatus",
  g."startedAt", g."dueAt", g."decidedAt" AS "stageDecidedAt",
  s.id AS "stepId", s."entryIndex", s.ref, s.status::text AS "stepStatus", s.decision, s.comment, s."decidedById",
  s."onBehalfOfId" AS "stepOnBehalfOfId", s."decidedAt" AS "stepDecidedAt", s."escalationLevel", s."topReachedAt",
  a.id AS "assigneeId", a."employeeId", a.kind::text AS kind, a."onBehalfOfId" AS "assigneeOnBehalfOfId", a.active,
  a."createdAt" AS "assigneeCreatedAt"`;

const ROUTE_JOINS = sql`
  FROM "ApprovalStage" g
  LEFT JOIN "ApprovalStep" s ON s."stageId" = g.id AND s."contractId" = g."contractId"
  LEFT JOIN "StepAssignee" a ON a."stepId" = s.id`;

const ROUTE_ORDER = sql`ORDER BY g.position, s."entryIndex", a."createdAt", a.id`;

/**
 * The approval route's rows (stages, steps, assignees). Each method is one statement: Prisma's
 * nested include costs a query per level, and every model query has a compile cost of its own.
 */
@Injectable()
export class ApprovalRepository {
  /** The round's stages by position, each with its steps (by entry) and their assignees. */
  async stagesOfRound(tx: Tx, contractId: string, round: number): Promise<StageWithSteps[]> {
    const { rows } = await sql<RouteRow>`
      SELECT ${ROUTE_COLUMNS} ${ROUTE_JOINS}
      WHERE g."contractId" = ${contractId}::uuid AND g.round = ${round}
      ${ROUTE_ORDER}`.execute(tx);
    return groupRoute(rows);
  }

  /** As stagesOfRound, with everyone the route names (what a route view shows of them). */
  async stagesOfRoundWithPeople(tx: Tx, contractId: string, round: number): Promise<{ stages: StageWithSteps[]; people: Map<string, PersonView> }> {
    const { rows } = await sql<RouteRow & RouteRowPeople>`
      SELECT ${ROUTE_COLUMNS},
             ae.email AS "assigneeEmail", ae.name AS "assigneeName", de.email AS "deciderEmail", de.name AS "deciderName",
             oe.email AS "actedForEmail", oe.name AS "actedForName"
      ${ROUTE_JOINS}
      LEFT JOIN "Employee" ae ON ae.id = a."employeeId"
      LEFT JOIN "Employee" de ON de.id = s."decidedById"
      LEFT JOIN "Employee" oe ON oe.id = s."onBehalfOfId"
      WHERE g."contractId" = ${contractId}::uuid AND g.round = ${round}
      ${ROUTE_ORDER}`.execute(tx);
    const people = new Map<string, PersonView>();
    const add = (id: string | null, email: string | null, name: string | null) => {
      if (id && email !== null && name !== null) people.set(id, { id, email, name });
    };
    for (const row of rows) {
      add(row.employeeId, row.assigneeEmail, row.assigneeName);
      add(row.decidedById, row.deciderEmail, row.deciderName);
      add(row.stepOnBehalfOfId, row.actedForEmail, row.actedForName);
    }
    return { stages: groupRoute(rows), people };
  }

  /** One step with its stage and its assignees (as Prisma's include gave them), in one statement. */
  async stepWithStage(tx: Tx, stepId: string): Promise<StageWithSteps['steps'][number] & { stage: ApprovalStage }> {
    const { rows } = await sql<RouteRow>`
      SELECT ${ROUTE_COLUMNS} ${ROUTE_JOINS}
      WHERE s.id = ${stepId}::uuid
      ${ROUTE_ORDER}`.execute(tx);
    const [stage] = groupRoute(rows);
    const step = stage?.steps[0];
    if (!step) throw new Error(`Approval step ${stepId} does not exist.`);
    const { steps: _steps, ...stageRow } = stage;
    return { ...step, stage: stageRow };
  }

  /** The contract a step belongs to; undefined when there is no such step. */
  async contractIdOfStep(tx: Tx, stepId: string): Promise<string | undefined> {
    const step = await tx.selectFrom('ApprovalStep').select('contractId').where('id', '=', stepId).executeTakeFirst();
    return step?.contractId;
  }

  /** Writes a route built in memory, stages, steps and assignees, in one statement. */
  async insertRoute(tx: Tx, stages: StageWithSteps[]): Promise<void> {
    const steps = stages.flatMap((stage) => stage.steps);
    const stageRows = stages.map(({ steps: _steps, ...stage }) => stage);
    const stepRows = steps.map(({ assignees: _assignees, ...step }) => step);
    const assigneeRows = steps.flatMap((step) => step.assignees);
    await sql`
      WITH stages AS (
        INSERT INTO "ApprovalStage" SELECT * FROM json_populate_recordset(NULL::"ApprovalStage", ${JSON.stringify(stageRows)}::json)
      ), steps AS (
        INSERT INTO "ApprovalStep" SELECT * FROM json_populate_recordset(NULL::"ApprovalStep", ${JSON.stringify(stepRows)}::json)
      )
      INSERT INTO "StepAssignee" SELECT * FROM json_populate_recordset(NULL::"StepAssignee", ${JSON.stringify(assigneeRows)}::json)`.execute(tx);
  }

  /** The step's assignees become exactly `assignees`, as fresh rows (as a delete and insert would leave them). */
  async replaceAssignees(tx: Tx, stepId: string, assignees: StepAssignee[]): Promise<void> {
    await sql`
      WITH removed AS (
        DELETE FROM "StepAssignee" WHERE "stepId" = ${stepId}::uuid AND NOT ("employeeId" = ANY(${assignees.map((a) => a.employeeId)}::uuid[]))
      )
      INSERT INTO "StepAssignee" SELECT * FROM json_populate_recordset(NULL::"StepAssignee", ${JSON.stringify(assignees)}::json)
      ON CONFLICT ("stepId", "employeeId") DO UPDATE
      SET id = EXCLUDED.id, kind = EXCLUDED.kind, "onBehalfOfId" = EXCLUDED."onBehalfOfId", active = EXCLUDED.active, "createdAt" = EXCLUDED."createdAt"`.execute(tx);
  }

  /** The manager an escalation reached joins the step on the approver's behalf (again active, if reached before). */
  async addEscalation(tx: Tx, stepId: string, managerId: string, approverId: string): Promise<void> {
    await tx
      .insertInto('StepAssignee')
      .values({ id: randomUUID(), stepId, employeeId: managerId, kind: 'ESCALATION', onBehalfOfId: approverId, active: true, createdAt: new Date() })
      .onConflict((oc) => oc.columns(['stepId', 'employeeId']).doUpdateSet({ active: true }))
      .execute();
  }

  /** The step's escalation ladder is at `level`. */
  async setEscalationLevel(tx: Tx, stepId: string, level: number): Promise<void> {
    await tx.updateTable('ApprovalStep').set({ escalationLevel: level }).where('id', '=', stepId).execute();
  }

  /** The ladder reached the top of the reporting line for this step (ADMIN is told once). */
  async markTopReached(tx: Tx, stepId: string, at: Date): Promise<void> {
    await tx.updateTable('ApprovalStep').set({ topReachedAt: at }).where('id', '=', stepId).execute();
  }

  /** The stage and its steps become PENDING. */
  async startStage(tx: Tx, stageId: string, startedAt: Date, dueAt: Date): Promise<void> {
    await sql`
      WITH steps AS (
        UPDATE "ApprovalStep" SET status = 'PENDING' WHERE "stageId" = ${stageId}::uuid
      )
      UPDATE "ApprovalStage" SET status = 'PENDING', "startedAt" = ${startedAt}, "dueAt" = ${dueAt} WHERE id = ${stageId}::uuid`.execute(tx);
  }

  /** Records a decision on a step still pending; false when someone decided it meanwhile. */
  async decideStep(
    tx: Tx,
    stepId: string,
    decision: Pick<ApprovalStep, 'status' | 'decision' | 'comment' | 'decidedById' | 'onBehalfOfId' | 'decidedAt'>,
  ): Promise<boolean> {
    const updated = await tx
      .updateTable('ApprovalStep')
      .set({
        status: decision.status, decision: decision.decision, comment: decision.comment,
        decidedById: decision.decidedById, onBehalfOfId: decision.onBehalfOfId, decidedAt: decision.decidedAt,
      })
      .where('id', '=', stepId)
      .where('status', '=', 'PENDING')
      .executeTakeFirst();
    return updated.numUpdatedRows === 1n;
  }

  /**
   * Ends a stage and updates its contract, in one statement (a decision that ends a stage): its
   * undecided steps close, every step's pending timers are cancelled, the stage is decided with
   * `status` or keeps its own (null), and the contract's version goes up by one, as ContractsRepository.bumpVersion does, and with an
   * `outcome` it also takes that status and decidedAt, as ContractsRepository.recordOutcome does.
   * Returns the contract as updated.
   */
  async closeStageAndUpdateContract(
    tx: Tx,
    stage: StageWithSteps,
    status: 'APPROVED' | 'REJECTED' | null,
    now: Date,
    outcome?: { status: ContractStatus; decidedAt: Date | null },
  ): Promise<Contract> {
    const set = outcome
      ? sql`status = ${outcome.status}::"ContractStatus", version = version + 1, "decidedAt" = ${outcome.decidedAt}::timestamp, "updatedAt" = ${new Date()}`
      : sql`version = version + 1, "updatedAt" = ${new Date()}`;
    const { rows } = await sql<Contract>`${closing(stage, status, now)}, timers AS (
        UPDATE "Timer" SET "cancelledAt" = ${now}
        WHERE "subjectId" = ANY(${stage.steps.map((step) => step.id)}::uuid[]) AND "firedAt" IS NULL AND "cancelledAt" IS NULL
      )
      UPDATE "Contract" SET ${set} WHERE id = ${stage.contractId}::uuid RETURNING *`.execute(tx);
    return rows[0];
  }
}

/**
 * The CTEs that close a stage: undecided steps CLOSED, the stage decided with `status` (or left
 * as it is). The timers' cancellation (TimerWriter.cancelForSubjects's statement) follows them.
 */
function closing(stage: StageWithSteps, status: 'APPROVED' | 'REJECTED' | null, now: Date) {
  const decided = status
    ? sql`, decided AS (UPDATE "ApprovalStage" SET status = ${status}::"StageStatus", "decidedAt" = ${now} WHERE id = ${stage.id}::uuid)`
    : sql.raw('');
  return sql`
      WITH steps AS (
        UPDATE "ApprovalStep" SET status = 'CLOSED' WHERE "stageId" = ${stage.id}::uuid AND status IN ('PENDING', 'WAITING')
      )${decided}`;
}

function groupRoute(rows: RouteRow[]): StageWithSteps[] {
  const stages = new Map<string, StageWithSteps>();
  const steps = new Map<string, StageWithSteps['steps'][number]>();
  for (const row of rows) {
    let stage = stages.get(row.stageId);
    if (!stage) {
      stage = {
        id: row.stageId, contractId: row.contractId, round: row.round, position: row.position, name: row.name, mode: row.mode, quorum: row.quorum,
        sla: row.sla, status: row.stageStatus, startedAt: row.startedAt, dueAt: row.dueAt, decidedAt: row.stageDecidedAt, steps: [],
      };
      stages.set(row.stageId, stage);
    }
    if (row.stepId === null) continue;
    let step = steps.get(row.stepId);
    if (!step) {
      step = {
        id: row.stepId, stageId: row.stageId, contractId: row.contractId, entryIndex: row.entryIndex, ref: row.ref, status: row.stepStatus,
        decision: row.decision, comment: row.comment, decidedById: row.decidedById, onBehalfOfId: row.stepOnBehalfOfId, decidedAt: row.stepDecidedAt,
        escalationLevel: row.escalationLevel, topReachedAt: row.topReachedAt, assignees: [],
      };
      steps.set(row.stepId, step);
      stage.steps.push(step);
    }
    if (row.assigneeId === null) continue;
    step.assignees.push({
      id: row.assigneeId, stepId: row.stepId, employeeId: row.employeeId, kind: row.kind, onBehalfOfId: row.assigneeOnBehalfOfId,
      active: row.active, createdAt: row.assigneeCreatedAt,
    });
  }
  return [...stages.values()];
}
