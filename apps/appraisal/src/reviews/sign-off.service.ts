import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import type { AppraisalResultData } from '#libs/mail';
import { OrgDirectory } from '#libs/org';
import type { AppraisalSignedOffFacts } from '#libs/queue';
import { EventPublisher } from '#libs/workflow';
import { CyclesRepository, type CycleRow, type EvidenceRow, type KpiRow } from '../cycles/cycles.repository.js';
import { TemplatesRepository } from '../templates/templates.repository.js';
import type { TemplateDocument } from '../templates/templates.rules.js';
import { ReviewsMailer } from './reviews.mailer.js';
import { ReviewsRepository, type ReviewedAppraisal } from './reviews.repository.js';

/** How many record ids the result email lists per KPI; the count says how many there are in all. */
const EVIDENCE_IN_EMAIL = 10;

/**
 * What sign-off sets going, in its transaction: the KPI values frozen, the result emailed to the
 * person in their locale, and `appraisal.signed-off` published for feedback enrollment (training),
 * promotion nomination and the attrition risk.
 */
@Injectable()
export class SignOff {
  constructor(
    private readonly repository: ReviewsRepository,
    private readonly cycles: CyclesRepository,
    private readonly templates: TemplatesRepository,
    private readonly directory: OrgDirectory,
    private readonly mailer: ReviewsMailer,
    private readonly events: EventPublisher,
  ) {}

  async complete(tx: Tx, appraisal: ReviewedAppraisal, cycle: CycleRow, now: Date, correlationId: string | null): Promise<void> {
    await this.repository.freezeKpis(tx, appraisal.id, now);
    const [template, kpis, evidence, peers, person] = await Promise.all([
      this.templates.byId(tx, cycle.templateId),
      this.cycles.kpiRows(tx, { appraisalIds: [appraisal.id] }),
      this.cycles.evidence(tx, appraisal.id),
      this.repository.peerReviews(tx, appraisal.id),
      this.directory.findById(appraisal.employeeId, tx),
    ]);
    await this.mailer.result(tx, person!, resultData(appraisal, cycle, kpis, evidence, peers.flatMap((p) => p.comment ?? [])), correlationId);
    await this.events.publish(tx, 'appraisal.signed-off', signedOffFacts(appraisal, cycle, template!.document, kpis, now), correlationId);
  }
}

const num = (text: string | null) => (text === null ? null : Number(text));

function resultData(appraisal: ReviewedAppraisal, cycle: CycleRow, kpis: KpiRow[], evidence: EvidenceRow[], peerComments: string[]): Omit<AppraisalResultData, 'recipient'> {
  return {
    period: cycle.period,
    appraisalId: appraisal.id,
    score: num(appraisal.score),
    band: appraisal.band ?? '',
    calibration: appraisal.calibrationReason ? { from: appraisal.reviewedBand, reason: appraisal.calibrationReason } : null,
    kpis: kpis.map((kpi) => {
      const records = evidence.filter((e) => e.kpi === kpi.kpi);
      const share = num(kpi.effectiveWeight);
      return {
        kind: kpi.kpi, status: kpi.status, value: num(kpi.value), score: num(kpi.score), weightPct: share === null ? null : Math.round(share * 10000) / 100,
        evidenceCount: records.length, evidence: records.slice(0, EVIDENCE_IN_EMAIL).map((e) => ({ sourceKind: e.sourceKind, sourceId: e.sourceId })),
      };
    }),
    selfComment: appraisal.selfComment,
    managerComment: appraisal.managerComment,
    // Sorted, so the order says nothing of who answered when.
    peerComments: [...peerComments].sort(),
  };
}

/** The KPIs scored below the threshold their template gives them name a course category for the person. */
export function signedOffFacts(appraisal: ReviewedAppraisal, cycle: CycleRow, template: TemplateDocument, kpis: KpiRow[], at: Date): AppraisalSignedOffFacts {
  const weakKpis = template.kpis.flatMap((kpi) => {
    const row = kpis.find((k) => k.kpi === kpi.kind);
    const score = row?.status === 'SCORED' ? num(row.score) : null;
    if (score === null || kpi.threshold === undefined || !kpi.courseCategory || score >= kpi.threshold) return [];
    return [{ kind: kpi.kind, score, threshold: kpi.threshold, courseCategory: kpi.courseCategory }];
  });
  return {
    appraisalId: appraisal.id, cycleId: cycle.id, period: cycle.period, employeeId: appraisal.employeeId, managerId: appraisal.managerId,
    band: appraisal.band ?? '', score: num(appraisal.score) ?? 0, signedOffAt: at.toISOString(), weakKpis,
  };
}
