import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Tx } from '#libs/database';
import type { KpiLine, Sheet, SheetNote } from '../templates/scoring.rules.js';
import type { KpiKind, TemplateKpi } from '../templates/templates.rules.js';
import { KPI_KINDS } from '../templates/templates.rules.js';
import type { CycleRequest } from './cycles.rules.js';

export interface CycleRow {
  id: string;
  period: string;
  scopeKind: 'TEAM' | 'ROLE';
  scopeValue: string;
  templateId: string;
  selfDueAt: Date;
  peerDueAt: Date;
  managerDueAt: Date;
  calibrationDueAt: Date;
  openedById: string;
  openedAt: Date;
  appraisals: number;
  peersPerPerson: number;
  reminderAt: number;
}

export interface AppraisalRow {
  id: string;
  cycleId: string;
  employeeId: string;
  managerId: string | null;
  status: 'SELF_REVIEW' | 'PEER_REVIEW' | 'MANAGER_REVIEW' | 'CALIBRATION' | 'SIGN_OFF' | 'SIGNED_OFF';
  score: string | null;
  band: string | null;
  notes: SheetNote[];
  scoredAt: Date | null;
}

export interface KpiRow {
  appraisalId: string;
  kpi: KpiKind;
  manual: boolean;
  weight: number;
  status: 'SCORED' | 'NO_DATA' | 'PENDING';
  value: string | null;
  samples: number;
  score: string | null;
  effectiveWeight: string | null;
}

export interface EvidenceRow {
  appraisalId: string;
  kpi: string;
  sourceKind: string;
  sourceId: string;
  value: string;
}

/**
 * How each automatic KPI's number comes out of its evidence rows (AppraisalEvidence), in SQL:
 * sales attainment is the contracts' sum over the target in percent, satisfaction the average
 * score, the on-time KPIs the share of 1s in percent.
 */
const VALUE_FROM_EVIDENCE = sql`CASE ev."kpi"
    WHEN 'salesAttainment' THEN 100 * COALESCE(sum(ev."value") FILTER (WHERE ev."sourceKind" = 'contract'), 0)
      / NULLIF(max(ev."value") FILTER (WHERE ev."sourceKind" = 'sales-target'), 0)
    WHEN 'customerSatisfaction' THEN avg(ev."value")
    ELSE 100 * avg(ev."value") END`;
const SAMPLES_FROM_EVIDENCE = sql`count(*) FILTER (WHERE ev."sourceKind" <> 'sales-target')`;

@Injectable()
export class CyclesRepository {
  async insertCycle(tx: Tx, row: { id: string; cycle: CycleRequest; templateId: string; openedById: string; at: Date }): Promise<void> {
    const { cycle } = row;
    await tx.insertInto('AppraisalCycle').values({
      id: row.id, period: cycle.period.text, scopeKind: cycle.scope.kind, scopeValue: cycle.scope.value, templateId: row.templateId,
      selfDueAt: cycle.deadlines.self, peerDueAt: cycle.deadlines.peer, managerDueAt: cycle.deadlines.manager, calibrationDueAt: cycle.deadlines.calibration,
      openedById: row.openedById, openedAt: row.at, appraisals: 0, peersPerPerson: cycle.peersPerPerson, reminderAt: cycle.reminderAt, createdAt: row.at,
    }).execute();
  }

  async setAppraisalCount(tx: Tx, cycleId: string, count: number): Promise<void> {
    await tx.updateTable('AppraisalCycle').set({ appraisals: count }).where('id', '=', cycleId).execute();
  }

  async cycle(tx: Tx, id: string): Promise<CycleRow | null> {
    return ((await tx.selectFrom('AppraisalCycle').selectAll().where('id', '=', id).executeTakeFirst()) as CycleRow | undefined) ?? null;
  }

  /** One appraisal per person in scope, in one statement; their manager now is the reviewer of record. */
  async createAppraisals(tx: Tx, cycleId: string, scope: CycleRequest['scope'], at: Date): Promise<number> {
    const match = scope.kind === 'TEAM' ? sql`e."team" = ${scope.value}` : sql`e."role" = ${scope.value}::"Role"`;
    const result = await sql`
      INSERT INTO "Appraisal" ("id", "cycleId", "employeeId", "managerId", "status", "notes", "version", "createdAt")
      SELECT gen_random_uuid(), ${cycleId}::uuid, e."id", e."managerId", 'SELF_REVIEW', '[]'::jsonb, 1, ${at}
      FROM "Employee" e WHERE ${match}`.execute(tx);
    return Number(result.numAffectedRows ?? 0);
  }

  /** The template's KPIs as rows of every appraisal of the cycle, in one statement: automatic NO_DATA, manual PENDING until filled. */
  async createKpiRows(tx: Tx, cycleId: string, kpis: TemplateKpi[]): Promise<void> {
    const kinds = kpis.map((kpi) => kpi.kind);
    const manual = kpis.map((kpi) => KPI_KINDS[kpi.kind].manual);
    const weights = kpis.map((kpi) => kpi.weight);
    await sql`
      INSERT INTO "AppraisalKpi" ("appraisalId", "kpi", "manual", "weight", "status", "samples")
      SELECT a."id", k.kind, k.manual, k.weight, (CASE WHEN k.manual THEN 'PENDING' ELSE 'NO_DATA' END)::"AppraisalKpiStatus", 0
      FROM "Appraisal" a CROSS JOIN unnest(${kinds}::text[], ${manual}::boolean[], ${weights}::int[]) AS k(kind, manual, weight)
      WHERE a."cycleId" = ${cycleId}::uuid`.execute(tx);
  }

  /** Every automatic KPI's value of the cycle from its evidence rows, in one statement; a KPI without rows keeps NO_DATA. */
  async valuesFromEvidence(tx: Tx, cycleId: string): Promise<void> {
    await sql`
      UPDATE "AppraisalKpi" k SET "value" = v.value, "samples" = v.samples
      FROM (
        SELECT ev."appraisalId", ev."kpi", ${VALUE_FROM_EVIDENCE} AS value, ${SAMPLES_FROM_EVIDENCE} AS samples
        FROM "AppraisalEvidence" ev JOIN "Appraisal" a ON a."id" = ev."appraisalId"
        WHERE a."cycleId" = ${cycleId}::uuid
        GROUP BY ev."appraisalId", ev."kpi"
      ) v
      WHERE k."appraisalId" = v."appraisalId" AND k."kpi" = v."kpi" AND NOT k."manual" AND v.value IS NOT NULL`.execute(tx);
  }

  /** The KPI rows of a cycle's appraisals, or of some appraisals. */
  async kpiRows(tx: Tx, where: { cycleId: string } | { appraisalIds: string[] }): Promise<KpiRow[]> {
    const filter = 'cycleId' in where ? sql`a."cycleId" = ${where.cycleId}::uuid` : sql`a."id" = ANY(${where.appraisalIds}::uuid[])`;
    const { rows } = await sql<KpiRow>`
      SELECT k."appraisalId", k."kpi", k."manual", k."weight", k."status", k."value"::text AS "value", k."samples",
        k."score"::text AS "score", k."effectiveWeight"::text AS "effectiveWeight"
      FROM "AppraisalKpi" k JOIN "Appraisal" a ON a."id" = k."appraisalId"
      WHERE ${filter} ORDER BY k."appraisalId"`.execute(tx);
    return rows;
  }

  /** Writes the sheets: two statements whatever their number (KPI lines, then appraisals). */
  async writeSheets(tx: Tx, sheets: Map<string, Sheet>, at: Date): Promise<void> {
    if (sheets.size === 0) return;
    const lines: (KpiLine & { appraisalId: string })[] = [];
    for (const [appraisalId, sheet] of sheets) for (const line of sheet.kpis) lines.push({ ...line, appraisalId });
    await sql`
      UPDATE "AppraisalKpi" k SET "status" = l.status::"AppraisalKpiStatus", "score" = l.score, "effectiveWeight" = l.share
      FROM unnest(${lines.map((l) => l.appraisalId)}::uuid[], ${lines.map((l) => l.kind)}::text[], ${lines.map((l) => l.status)}::text[],
        ${lines.map((l) => l.score)}::numeric[], ${lines.map((l) => l.effectiveWeight)}::numeric[]) AS l(id, kpi, status, score, share)
      WHERE k."appraisalId" = l.id AND k."kpi" = l.kpi`.execute(tx);
    const ids = [...sheets.keys()];
    const values = [...sheets.values()];
    await sql`
      UPDATE "Appraisal" a SET "score" = s.score, "band" = s.band, "notes" = s.notes, "scoredAt" = ${at}, "version" = a."version" + 1
      FROM unnest(${ids}::uuid[], ${values.map((s) => s.score)}::numeric[], ${values.map((s) => s.band)}::text[],
        ${values.map((s) => JSON.stringify(s.notes))}::jsonb[]) AS s(id, score, band, notes)
      WHERE a."id" = s.id`.execute(tx);
  }

  async appraisal(tx: Tx, id: string): Promise<AppraisalRow | null> {
    const row = await tx.selectFrom('Appraisal').select(['id', 'cycleId', 'employeeId', 'managerId', 'status', 'score', 'band', 'notes', 'scoredAt']).where('id', '=', id).executeTakeFirst();
    return row ? ({ ...row, score: row.score === null ? null : String(row.score) } as AppraisalRow) : null;
  }

  /** A cycle's appraisals, of everyone or of the people named. */
  async appraisals(tx: Tx, cycleId: string, employeeIds: string[] | null): Promise<(AppraisalRow & { email: string; name: string })[]> {
    let query = tx.selectFrom('Appraisal as a').innerJoin('Employee as e', 'e.id', 'a.employeeId')
      .select(['a.id', 'a.cycleId', 'a.employeeId', 'a.managerId', 'a.status', 'a.score', 'a.band', 'a.notes', 'a.scoredAt', 'e.email', 'e.name'])
      .where('a.cycleId', '=', cycleId);
    if (employeeIds !== null) query = query.where('a.employeeId', 'in', employeeIds.length > 0 ? employeeIds : ['00000000-0000-0000-0000-000000000000']);
    const rows = await query.orderBy('e.email').execute();
    return rows.map((row) => ({ ...row, score: row.score === null ? null : String(row.score) }) as AppraisalRow & { email: string; name: string });
  }

  async evidence(tx: Tx, appraisalId: string): Promise<EvidenceRow[]> {
    const { rows } = await sql<EvidenceRow>`
      SELECT "appraisalId", "kpi", "sourceKind", "sourceId", "value"::text AS "value"
      FROM "AppraisalEvidence" WHERE "appraisalId" = ${appraisalId}::uuid ORDER BY "kpi", "sourceKind", "id"`.execute(tx);
    return rows;
  }
}
