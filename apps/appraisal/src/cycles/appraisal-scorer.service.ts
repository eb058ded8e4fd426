import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import { scoreSheet, type KpiValues, type Sheet } from '../templates/scoring.rules.js';
import type { TemplateDocument } from '../templates/templates.rules.js';
import { CyclesRepository } from './cycles.repository.js';

/**
 * Recomputes appraisal sheets from their KPI rows with the template's rules (scoring.rules.ts):
 * the cycle's opening scores everyone with it, and the review steps call it again for the
 * appraisals whose manual KPI (teamwork, the manager's rating) they have just filled in
 * (AppraisalKpi.value). Three statements whatever the number of appraisals.
 */
@Injectable()
export class AppraisalScorer {
  constructor(private readonly repository: CyclesRepository) {}

  /** `manualClosed`: the manager has reviewed, so a manual KPI still without input has no data (not "not rated yet"). */
  async rescore(tx: Tx, template: TemplateDocument, where: { cycleId: string } | { appraisalIds: string[] }, at: Date, manualClosed = false): Promise<Map<string, Sheet>> {
    const rows = await this.repository.kpiRows(tx, where);
    const values = new Map<string, KpiValues>();
    for (const row of rows) {
      const of = values.get(row.appraisalId) ?? {};
      of[row.kpi] = row.value === null ? null : Number(row.value);
      values.set(row.appraisalId, of);
    }
    const sheets = new Map<string, Sheet>();
    for (const [appraisalId, kpiValues] of values) sheets.set(appraisalId, scoreSheet(template, kpiValues, manualClosed));
    await this.repository.writeSheets(tx, sheets, at);
    return sheets;
  }
}
