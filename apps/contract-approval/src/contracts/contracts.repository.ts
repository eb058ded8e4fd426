import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Prisma, ContractStatus, Employee, StepAssignee } from '#generated/prisma';
import type { ContractRequest } from '#libs/contracts';
import type { Tx } from '#libs/database';
import type { Contract } from './contract-views.js';
import type { PendingAssignment } from './contracts.rules.js';

/** The Contract model's columns, for the statements written as SQL. */
const CONTRACT = sql`"Contract".id, "ownerId", "customerId", "customerName", title, amount, currency, "amountBase", "discountPct", "paymentTermDays",
  "productLine", region, "Contract".status, "policyVersion", "pricePolicyVersion", "customerTier", "lostReason", "lostCompetitorId",
  round, version, "decidedAt", "reversedAt", "createdAt", "updatedAt"`;

export interface EarlierContract {
  id: string;
  title: string;
  /** Two decimals, as stored. */
  amount: string;
  currency: string;
  status: ContractStatus;
  createdAt: string;
}

/** An employee's columns beside a contract's, prefixed (a LEFT JOIN: null when nobody matched). */
type PersonColumns = { [K in keyof Employee as `p_${K}`]: Employee[K] } & { p_id: string | null };

/** A step waiting for someone's decision, with its contract (the inbox's rows). */
export interface AwaitingDecision {
  contract: Contract;
  stage: string;
  approver: string;
  dueAt: Date | null;
  as: StepAssignee['kind'];
  onBehalfOfId: string | null;
}

export type NewContract = Pick<
  Contract,
  'ownerId' | 'customerId' | 'customerName' | 'title' | 'currency' | 'paymentTermDays' | 'productLine' | 'region' | 'status' | 'policyVersion' | 'pricePolicyVersion' | 'customerTier' | 'createdAt'
> & { amount: number; amountBase: Prisma.Decimal; discountPct: number };

/** The contract row's hot statements (every decision and submission), each one round trip. */
@Injectable()
export class ContractsRepository {
  async insert(tx: Tx, contract: NewContract): Promise<Contract> {
    return tx
      .insertInto('Contract')
      .values({
        id: randomUUID(), ownerId: contract.ownerId, customerId: contract.customerId, customerName: contract.customerName, title: contract.title,
        amount: String(contract.amount), currency: contract.currency, amountBase: contract.amountBase.toString(), discountPct: String(contract.discountPct),
        paymentTermDays: contract.paymentTermDays, productLine: contract.productLine, region: contract.region, status: contract.status,
        policyVersion: contract.policyVersion, pricePolicyVersion: contract.pricePolicyVersion, customerTier: contract.customerTier,
        createdAt: contract.createdAt, updatedAt: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Why a contract being withdrawn was lost; the withdrawal itself follows in the same transaction. */
  async recordLoss(tx: Tx, contractId: string, reason: string, competitorId: string | null): Promise<Contract> {
    return tx.updateTable('Contract').set({ lostReason: reason, lostCompetitorId: competitorId }).where('id', '=', contractId).returningAll().executeTakeFirstOrThrow();
  }

  /** A resubmission's figures on the contract, pending approval again in its next round. */
  async startNewRound(tx: Tx, before: Contract, input: ContractRequest, amountBase: Prisma.Decimal): Promise<Contract> {
    return tx
      .updateTable('Contract')
      .set((eb) => ({
        customerId: input.customerId ?? null, customerName: input.customerName, title: input.title, amount: String(input.amount), currency: input.currency,
        amountBase: amountBase.toString(), discountPct: String(input.discountPct), paymentTermDays: input.paymentTermDays, productLine: input.productLine ?? null,
        region: input.region ?? null, status: 'PENDING_APPROVAL', round: before.round + 1, version: eb('version', '+', 1), decidedAt: null, updatedAt: new Date(),
      }))
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** The pending steps with their active assignees, in one statement (a step without any still counts). */
  async pendingAssignments(tx: Tx, contractId: string): Promise<PendingAssignment[]> {
    return tx
      .selectFrom('ApprovalStep as s')
      .leftJoin('StepAssignee as a', (join) => join.onRef('a.stepId', '=', 's.id').on('a.active', '=', true))
      .select(['s.id as stepId', 'a.employeeId'])
      .where('s.contractId', '=', contractId)
      .where('s.status', '=', 'PENDING')
      .execute();
  }

  /** Closes the steps still pending or waiting their turn. */
  async closeOpenSteps(tx: Tx, contractId: string): Promise<void> {
    await tx.updateTable('ApprovalStep').set({ status: 'CLOSED' }).where('contractId', '=', contractId).where('status', 'in', ['PENDING', 'WAITING']).execute();
  }

  async find(db: Tx, contractId: string): Promise<Contract | null> {
    return (await db.selectFrom('Contract').selectAll().where('id', '=', contractId).executeTakeFirst()) ?? null;
  }

  /** The contract an approval step belongs to (a link names its step). */
  async ofStep(tx: Tx, stepId: string): Promise<string> {
    const step = await tx.selectFrom('ApprovalStep').select('contractId').where('id', '=', stepId).executeTakeFirst();
    if (!step) throw new Error(`Approval step ${stepId} does not exist.`);
    return step.contractId;
  }

  /** The employee's active assignments on pending steps of pending stages of contracts awaiting approval, oldest first. */
  async awaitingDecisionBy(db: Tx, employeeId: string): Promise<AwaitingDecision[]> {
    const { rows } = await sql<Contract & { stageName: string; ref: string; stageDueAt: Date | null; assigneeKind: StepAssignee['kind']; assigneeOnBehalfOfId: string | null }>`
      SELECT ${CONTRACT}, m."stageName", m.ref, m."stageDueAt", m."assigneeKind", m."assigneeOnBehalfOfId"
      FROM (
        SELECT s."contractId", g.name AS "stageName", s.ref, g."dueAt" AS "stageDueAt", a.kind::text AS "assigneeKind",
               a."onBehalfOfId" AS "assigneeOnBehalfOfId", a."createdAt" AS "askedAt", a.id AS "assigneeId"
        FROM "StepAssignee" a
        JOIN "ApprovalStep" s ON s.id = a."stepId" AND s.status = 'PENDING'
        JOIN "ApprovalStage" g ON g.id = s."stageId" AND g.status = 'PENDING'
        WHERE a."employeeId" = ${employeeId}::uuid AND a.active
      ) m
      JOIN "Contract" ON "Contract".id = m."contractId" AND "Contract".status = 'PENDING_APPROVAL'
      ORDER BY m."askedAt", m."assigneeId"`.execute(db);
    return rows.map(({ stageName, ref, stageDueAt, assigneeKind, assigneeOnBehalfOfId, ...contract }) => ({
      contract, stage: stageName, approver: ref, dueAt: stageDueAt, as: assigneeKind, onBehalfOfId: assigneeOnBehalfOfId,
    }));
  }

  /** Whether the employee is named anywhere on the contract's route, in any round. */
  async isOnRoute(db: Tx, employeeId: string, contractId: string): Promise<boolean> {
    const { rows } = await sql<{ onRoute: boolean }>`
      SELECT EXISTS (
        SELECT 1 FROM "StepAssignee" a JOIN "ApprovalStep" s ON s.id = a."stepId"
        WHERE a."employeeId" = ${employeeId}::uuid AND s."contractId" = ${contractId}::uuid
      ) AS "onRoute"`.execute(db);
    return rows[0].onRoute;
  }

  async lockForUpdate(tx: Tx, contractId: string): Promise<Contract | null> {
    return (await tx.selectFrom('Contract').selectAll().where('id', '=', contractId).forUpdate().executeTakeFirst()) ?? null;
  }

  /**
   * lockForUpdate and the people a decision needs (the contract's owner and `peopleIds`, those
   * that exist), in one statement. Only the contract's row is locked.
   */
  async lockWithPeople(tx: Tx, contractId: string, peopleIds: string[]): Promise<{ contract: Contract; people: Employee[] } | null> {
    const { rows } = await sql<Contract & PersonColumns>`
      WITH c AS (SELECT * FROM "Contract" WHERE id = ${contractId}::uuid FOR UPDATE)
      SELECT c.*, e.id AS "p_id", e.email AS "p_email", e.name AS "p_name", e.role AS "p_role", e."managerId" AS "p_managerId", e.team AS "p_team",
             e.region AS "p_region", e."productLines" AS "p_productLines", e.timezone AS "p_timezone", e.locale AS "p_locale", e.calendar AS "p_calendar", e."createdAt" AS "p_createdAt",
             e."updatedAt" AS "p_updatedAt"
      FROM c LEFT JOIN "Employee" e ON e.id = c."ownerId" OR e.id = ANY(${peopleIds}::uuid[])`.execute(tx);
    if (rows.length === 0) return null;
    const people: Employee[] = [];
    let contract!: Contract;
    for (const row of rows) {
      const { p_id, p_email, p_name, p_role, p_managerId, p_team, p_region, p_productLines, p_timezone, p_locale, p_calendar, p_createdAt, p_updatedAt, ...rest } = row;
      contract = rest;
      if (p_id !== null) {
        people.push({ id: p_id, email: p_email, name: p_name, role: p_role, managerId: p_managerId, team: p_team, region: p_region, productLines: p_productLines, timezone: p_timezone,
          locale: p_locale, calendar: p_calendar, createdAt: p_createdAt, updatedAt: p_updatedAt });
      }
    }
    return { contract, people };
  }

  async bumpVersion(tx: Tx, contractId: string): Promise<Contract> {
    return tx
      .updateTable('Contract')
      .set((eb) => ({ version: eb('version', '+', 1), updatedAt: new Date() }))
      .where('id', '=', contractId)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** APPROVED to REVERSED; decidedAt keeps the approval instant. */
  async recordReversal(tx: Tx, contractId: string, at: Date): Promise<Contract> {
    return tx
      .updateTable('Contract')
      .set((eb) => ({ status: 'REVERSED', reversedAt: at, version: eb('version', '+', 1), updatedAt: new Date() }))
      .where('id', '=', contractId)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async recordOutcome(tx: Tx, contractId: string, status: ContractStatus, decidedAt: Date | null): Promise<Contract> {
    return tx
      .updateTable('Contract')
      .set((eb) => ({ status, version: eb('version', '+', 1), decidedAt, updatedAt: new Date() }))
      .where('id', '=', contractId)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /**
   * In one statement: the customer's latest other contracts (by customerName's index, or by
   * customerId, which has none) and the owner's average discount since `since` (owner/createdAt index).
   * The average is numeric: a string, or null when there is none.
   */
  async decisionHistory(tx: Tx, contract: Contract, limit: number, since: Date): Promise<{ history: EarlierContract[]; averageDiscount: string | null }> {
    const sameCustomer = contract.customerId ? sql`"customerId" = ${contract.customerId}::uuid` : sql`"customerName" = ${contract.customerName}`;
    const { rows } = await sql<{ history: (EarlierContract & { createdAt: string })[]; averageDiscount: string | null }>`
      SELECT
        (SELECT COALESCE(json_agg(h ORDER BY h."createdAt" DESC), '[]'::json) FROM (
           SELECT id, title, amount::text AS amount, currency, status::text AS status, "createdAt" FROM "Contract"
           WHERE id <> ${contract.id}::uuid AND ${sameCustomer}
           ORDER BY "createdAt" DESC LIMIT ${limit}
         ) h) AS history,
        (SELECT avg("discountPct") FROM "Contract"
          WHERE "ownerId" = ${contract.ownerId}::uuid AND id <> ${contract.id}::uuid AND "createdAt" >= ${since}) AS "averageDiscount"`.execute(tx);
    const { history, averageDiscount } = rows[0];
    // json renders a timestamp without its zone; the column holds UTC.
    return { history: history.map((h) => ({ ...h, createdAt: new Date(`${h.createdAt}Z`).toISOString() })), averageDiscount };
  }
}
