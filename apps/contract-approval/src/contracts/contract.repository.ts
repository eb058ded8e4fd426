import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Prisma, type Contract, type ContractStatus, type StepAssignee } from '#generated/prisma';
import { sqlOf, type Tx } from '#libs/database';

/** The Contract model's columns, so raw reads return exactly what Prisma's would. */
const CONTRACT = Prisma.sql`id, "ownerId", "customerId", "customerName", title, amount, currency, "amountBase", "discountPct", "paymentTermDays",
  "productLine", region, status::text AS status, "policyVersion", round, version, "decidedAt", "createdAt", "updatedAt"`;

export interface EarlierContract {
  id: string;
  title: string;
  /** Two decimals, as stored. */
  amount: string;
  currency: string;
  status: ContractStatus;
  createdAt: string;
}

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
  'ownerId' | 'customerId' | 'customerName' | 'title' | 'currency' | 'paymentTermDays' | 'productLine' | 'region' | 'status' | 'policyVersion' | 'createdAt'
> & { amount: number; amountBase: Prisma.Decimal; discountPct: number };

/** The contract row's hot statements (every decision and submission), each one round trip. */
@Injectable()
export class ContractRepository {
  async insert(tx: Tx, contract: NewContract): Promise<Contract> {
    const rows = await sqlOf(tx).query<Contract>(Prisma.sql`
      INSERT INTO "Contract" (id, "ownerId", "customerId", "customerName", title, amount, currency, "amountBase", "discountPct", "paymentTermDays",
                              "productLine", region, status, "policyVersion", "createdAt", "updatedAt")
      VALUES (${randomUUID()}::uuid, ${contract.ownerId}::uuid, ${contract.customerId}::uuid, ${contract.customerName}, ${contract.title},
              ${String(contract.amount)}::numeric, ${contract.currency}, ${contract.amountBase.toString()}::numeric, ${String(contract.discountPct)}::numeric,
              ${contract.paymentTermDays}::int, ${contract.productLine}, ${contract.region}, ${contract.status}::"ContractStatus", ${contract.policyVersion}::int,
              ${contract.createdAt}::timestamp, ${new Date()}::timestamp)
      RETURNING ${CONTRACT}`);
    return rows[0];
  }

  async find(tx: Tx, contractId: string): Promise<Contract | null> {
    const rows = await sqlOf(tx).query<Contract>(Prisma.sql`SELECT ${CONTRACT} FROM "Contract" WHERE id = ${contractId}::uuid`);
    return rows[0] ?? null;
  }

  /** The contract an approval step belongs to (a link names its step). */
  async ofStep(tx: Tx, stepId: string): Promise<string> {
    const [step] = await sqlOf(tx).query<{ contractId: string }>(Prisma.sql`SELECT "contractId" FROM "ApprovalStep" WHERE id = ${stepId}::uuid`);
    if (!step) throw new Error(`Approval step ${stepId} does not exist.`);
    return step.contractId;
  }

  /** The employee's active assignments on pending steps of pending stages of contracts awaiting approval, oldest first. */
  async awaitingDecisionBy(db: Tx, employeeId: string): Promise<AwaitingDecision[]> {
    const rows = await sqlOf(db).query<Contract & { stageName: string; ref: string; stageDueAt: Date | null; assigneeKind: StepAssignee['kind']; assigneeOnBehalfOfId: string | null }>(Prisma.sql`
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
      ORDER BY m."askedAt", m."assigneeId"`);
    return rows.map(({ stageName, ref, stageDueAt, assigneeKind, assigneeOnBehalfOfId, ...contract }) => ({
      contract, stage: stageName, approver: ref, dueAt: stageDueAt, as: assigneeKind, onBehalfOfId: assigneeOnBehalfOfId,
    }));
  }

  /** Whether the employee is named anywhere on the contract's route, in any round. */
  async isOnRoute(db: Tx, employeeId: string, contractId: string): Promise<boolean> {
    const [row] = await sqlOf(db).query<{ onRoute: boolean }>(Prisma.sql`
      SELECT EXISTS (
        SELECT 1 FROM "StepAssignee" a JOIN "ApprovalStep" s ON s.id = a."stepId"
        WHERE a."employeeId" = ${employeeId}::uuid AND s."contractId" = ${contractId}::uuid
      ) AS "onRoute"`);
    return row.onRoute;
  }

  async lockForUpdate(tx: Tx, contractId: string): Promise<Contract | null> {
    const rows = await sqlOf(tx).query<Contract>(Prisma.sql`SELECT ${CONTRACT} FROM "Contract" WHERE id = ${contractId}::uuid FOR UPDATE`);
    return rows[0] ?? null;
  }

  async bumpVersion(tx: Tx, contractId: string): Promise<Contract> {
    const rows = await sqlOf(tx).query<Contract>(Prisma.sql`
      UPDATE "Contract" SET version = version + 1, "updatedAt" = ${new Date()} WHERE id = ${contractId}::uuid RETURNING ${CONTRACT}`);
    return rows[0];
  }

  async recordOutcome(tx: Tx, contractId: string, status: ContractStatus, decidedAt: Date | null): Promise<Contract> {
    const rows = await sqlOf(tx).query<Contract>(Prisma.sql`
      UPDATE "Contract" SET status = ${status}::"ContractStatus", version = version + 1, "decidedAt" = ${decidedAt}::timestamp, "updatedAt" = ${new Date()}
      WHERE id = ${contractId}::uuid RETURNING ${CONTRACT}`);
    return rows[0];
  }

  /**
   * In one statement: the customer's latest other contracts (by customerName's index, or by
   * customerId, which has none) and the owner's average discount since `since` (owner/createdAt index).
   */
  async decisionHistory(tx: Tx, contract: Contract, limit: number, since: Date): Promise<{ history: EarlierContract[]; averageDiscount: Prisma.Decimal | null }> {
    const sameCustomer = contract.customerId ? Prisma.sql`"customerId" = ${contract.customerId}::uuid` : Prisma.sql`"customerName" = ${contract.customerName}`;
    const rows = await sqlOf(tx).query<{ history: (EarlierContract & { createdAt: string })[]; averageDiscount: Prisma.Decimal | null }>(Prisma.sql`
      SELECT
        (SELECT COALESCE(json_agg(h ORDER BY h."createdAt" DESC), '[]'::json) FROM (
           SELECT id, title, amount::text AS amount, currency, status::text AS status, "createdAt" FROM "Contract"
           WHERE id <> ${contract.id}::uuid AND ${sameCustomer}
           ORDER BY "createdAt" DESC LIMIT ${limit}
         ) h) AS history,
        (SELECT avg("discountPct") FROM "Contract"
          WHERE "ownerId" = ${contract.ownerId}::uuid AND id <> ${contract.id}::uuid AND "createdAt" >= ${since}) AS "averageDiscount"`);
    const { history, averageDiscount } = rows[0];
    // json renders a timestamp without its zone; the column holds UTC.
    return { history: history.map((h) => ({ ...h, createdAt: new Date(`${h.createdAt}Z`).toISOString() })), averageDiscount };
  }
}
