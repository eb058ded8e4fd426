import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod/v4';
import { AuditWriter } from '#libs/audit';
import type { AppraisalCycleView, AppraisalList, AppraisalView, OpenAppraisalCycleRequest } from '#libs/contracts';
import { Database, IdempotentCreator } from '#libs/database';
import { OrgDirectory, personView } from '#libs/org';
import { BadRequestError, ForbiddenError, NotFoundError, UnprocessableError, type Caller } from '#libs/rpc';
import { Clock } from '#libs/time';
import { KpiEvidenceFacts, type EvidenceScope } from '../facts/kpi-evidence.facts.js';
import { parsePeriod } from '../periods/period.js';
import { TemplatesRepository, type TemplateRow } from '../templates/templates.repository.js';
import { KPI_KINDS, type KpiKind } from '../templates/templates.rules.js';
import { ReviewDeadlines } from '../reviews/review-deadlines.service.js';
import { ReviewsRepository, type PeerReviewRow, type ReviewedAppraisal } from '../reviews/reviews.repository.js';
import { AppraisalScorer } from './appraisal-scorer.service.js';
import { CyclesRepository, type AppraisalRow, type CycleRow } from './cycles.repository.js';
import { validateCycle } from './cycles.rules.js';

type CycleViewBody = z.infer<typeof AppraisalCycleView>;
type AppraisalViewBody = z.infer<typeof AppraisalView>;
type AppraisalListBody = z.infer<typeof AppraisalList>;

/** Who reads every appraisal; anyone else reads their own and their reporting line's. */
const SEE_ALL = new Set(['HR', 'ADMIN']);
const OPEN_SCOPE = 'appraisal-cycle.open';

/** The fact reader of each automatic KPI. */
const READERS: Record<Exclude<KpiKind, 'teamwork' | 'managerRating'>, (facts: KpiEvidenceFacts, tx: Parameters<KpiEvidenceFacts['salesAttainment']>[0], scope: EvidenceScope) => Promise<number>> = {
  salesAttainment: (facts, tx, scope) => facts.salesAttainment(tx, scope),
  customerSatisfaction: (facts, tx, scope) => facts.customerSatisfaction(tx, scope),
  followUpTimeliness: (facts, tx, scope) => facts.followUpTimeliness(tx, scope),
  complaintsResolvedOnTime: (facts, tx, scope) => facts.complaintsResolvedOnTime(tx, scope),
  mandatoryTrainingOnTime: (facts, tx, scope) => facts.mandatoryTrainingOnTime(tx, scope),
};

/** Review cycles (issue 11 item 4): opening one computes every automatic KPI of everyone in scope, with its evidence. */
@Injectable()
export class CyclesService {
  constructor(
    private readonly database: Database,
    private readonly creator: IdempotentCreator,
    private readonly repository: CyclesRepository,
    private readonly templates: TemplatesRepository,
    private readonly facts: KpiEvidenceFacts,
    private readonly scorer: AppraisalScorer,
    private readonly reviews: ReviewsRepository,
    private readonly deadlines: ReviewDeadlines,
    private readonly directory: OrgDirectory,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  /**
   * Opens a cycle in one transaction, set-based: the statements do not depend on how many people
   * are in scope. With k automatic KPIs in the template an opening takes 8 + k statements: the
   * template read, the cycle row, the appraisals (one INSERT ... SELECT), their KPI rows (one),
   * the evidence (one INSERT ... SELECT per automatic KPI, in facts/), every KPI's value from its
   * evidence (one UPDATE), the sheets (one read, two UPDATEs from arrays) and the count, plus the
   * audit row and the idempotency record.
   */
  async open(caller: Caller, input: OpenAppraisalCycleRequest, idempotencyKey: string | undefined, correlationId: string): Promise<CycleViewBody> {
    const now = this.clock.now();
    const validation = validateCycle(input, now);
    if (!validation.ok) throw new BadRequestError('The appraisal cycle is invalid; nothing was written.', validation.errors);
    const cycle = validation.cycle;
    const template = await this.templates.latest(this.database.db, cycle.template);
    if (!template) throw new BadRequestError('The appraisal cycle is invalid; nothing was written.', [{ field: 'template', message: `no appraisal template is named ${cycle.template}` }]);
    return this.creator.create({ scope: OPEN_SCOPE, callerId: caller.id, key: idempotencyKey, body: input }, async (tx) => {
      const id = randomUUID();
      await this.repository.insertCycle(tx, { id, cycle, templateId: template.id, openedById: caller.id, at: now });
      const count = await this.repository.createAppraisals(tx, id, cycle.scope, now);
      if (count === 0) throw new UnprocessableError(`No one is in the ${cycle.scope.kind === 'TEAM' ? 'team' : 'role'} ${cycle.scope.value}; no cycle was opened.`, 'appraisal_cycle.nobody_in_scope');
      await this.repository.createKpiRows(tx, id, template.document.kpis);
      const scope: EvidenceScope = { cycleId: id, period: cycle.period, now };
      const evidence: Partial<Record<KpiKind, number>> = {};
      for (const kpi of template.document.kpis) {
        if (KPI_KINDS[kpi.kind].manual) continue;
        evidence[kpi.kind] = await READERS[kpi.kind as keyof typeof READERS](this.facts, tx, scope);
      }
      await this.repository.valuesFromEvidence(tx, id);
      await this.scorer.rescore(tx, template.document, { cycleId: id }, now);
      await this.repository.setAppraisalCount(tx, id, count);
      const opened = (await this.repository.cycle(tx, id))!;
      await this.deadlines.armOpening(tx, opened, await this.repository.appraisals(tx, id, null), now, correlationId);
      const view = cycleView(opened, template, caller.email);
      await this.audit.record(tx, {
        entityType: 'appraisal-cycle', entityId: id, action: 'appraisal-cycle.opened', actorId: caller.id,
        after: { ...view, evidenceRows: evidence }, correlationId, at: now,
      });
      return view;
    });
  }

  async get(id: string): Promise<CycleViewBody> {
    const row = await this.foundCycle(id);
    const [template, opener] = await Promise.all([this.templates.byId(this.database.db, row.templateId), this.directory.findById(row.openedById)]);
    return cycleView(row, template!, opener?.email ?? row.openedById);
  }

  /** HR and ADMIN see every appraisal of the cycle; anyone else their own and their reporting line's. */
  async list(caller: Caller, cycleId: string): Promise<AppraisalListBody> {
    await this.foundCycle(cycleId);
    const visible = SEE_ALL.has(caller.role) ? null : await this.directory.reportingSubtree(caller.id);
    const rows = await this.repository.appraisals(this.database.db, cycleId, visible);
    return { items: rows.map((row) => ({ ...summary(row), employee: { id: row.employeeId, email: row.email, name: row.name } })) };
  }

  /** One appraisal with its KPIs and the evidence behind each; 403 outside one's own and one's reporting line's. */
  async appraisal(caller: Caller, id: string): Promise<AppraisalViewBody> {
    if (!isUuid(id)) throw new NotFoundError(`Appraisal ${id} does not exist.`, 'appraisal.not_found');
    const db = this.database.db;
    const row = await this.reviews.find(db, id);
    if (!row) throw new NotFoundError(`Appraisal ${id} does not exist.`, 'appraisal.not_found');
    const employee = (await this.directory.findById(row.employeeId))!;
    if (!SEE_ALL.has(caller.role) && caller.id !== employee.id && !(await this.directory.isAbove(caller.id, employee))) {
      throw new ForbiddenError('You may read your own appraisal and those of your reporting line.');
    }
    const cycle = (await this.repository.cycle(db, row.cycleId))!;
    const [template, manager, kpis, evidence, peers] = await Promise.all([
      this.templates.byId(db, cycle.templateId),
      row.managerId ? this.directory.findById(row.managerId) : Promise.resolve(null),
      this.repository.kpiRows(db, { appraisalIds: [id] }),
      this.repository.evidence(db, id),
      this.reviews.peerReviews(db, id),
    ]);
    // The person never learns who was asked: ratings are anonymous to them.
    const peerNames = caller.id === employee.id ? null : await this.peerNames(peers);
    return {
      ...summary(row),
      review: reviewView(row, peers, peerNames),
      employee: personView(employee),
      cycle: { id: cycle.id, period: cycle.period, template: { name: template!.name, version: template!.version } },
      manager: manager ? personView(manager) : null,
      notes: row.notes,
      scoredAt: row.scoredAt?.toISOString() ?? null,
      kpis: kpis.map((kpi) => ({
        kind: kpi.kpi, manual: kpi.manual, unit: KPI_KINDS[kpi.kpi].unit, weight: kpi.weight, status: kpi.status,
        value: num(kpi.value), samples: kpi.samples, score: num(kpi.score), effectiveWeight: num(kpi.effectiveWeight),
        evidence: evidence.filter((e) => e.kpi === kpi.kpi).map((e) => ({ sourceKind: e.sourceKind as AppraisalViewBody['kpis'][number]['evidence'][number]['sourceKind'], sourceId: e.sourceId, value: Number(e.value) })),
      })),
    };
  }

  private async peerNames(peers: PeerReviewRow[]): Promise<{ name: string; answered: boolean }[]> {
    const people = new Map((await this.directory.findManyById(peers.map((p) => p.peerId))).map((e) => [e.id, e]));
    return peers.map((p) => ({ name: people.get(p.peerId)?.name ?? p.peerId, answered: p.answeredAt !== null }));
  }

  private async foundCycle(id: string): Promise<CycleRow> {
    const row = isUuid(id) ? await this.repository.cycle(this.database.db, id) : null;
    if (!row) throw new NotFoundError(`Appraisal cycle ${id} does not exist.`, 'appraisal_cycle.not_found');
    return row;
  }
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
const num = (text: string | null) => (text === null ? null : Number(text));

function summary(row: AppraisalRow) {
  return { id: row.id, cycleId: row.cycleId, status: row.status, score: num(row.score), band: row.band };
}

function reviewView(row: ReviewedAppraisal, peers: PeerReviewRow[], names: { name: string; answered: boolean }[] | null): AppraisalViewBody['review'] {
  const at = (date: Date | null) => date?.toISOString() ?? null;
  return {
    self: row.selfReviewedAt ? { comment: row.selfComment ?? '', at: at(row.selfReviewedAt)! } : null,
    peers: { asked: peers.length, answered: peers.filter((p) => p.answeredAt).length, names, comments: peers.flatMap((p) => p.comment ?? []).sort() },
    manager: row.managerReviewedAt ? { comment: row.managerComment ?? '', at: at(row.managerReviewedAt)! } : null,
    calibration: row.calibratedAt ? { from: row.reviewedBand, band: row.band ?? '', reason: row.calibrationReason, at: at(row.calibratedAt)! } : null,
    signedOffAt: at(row.signedOffAt),
  };
}

function cycleView(row: CycleRow, template: TemplateRow, openedBy: string): CycleViewBody {
  return {
    id: row.id,
    period: parsePeriod(row.period)!.text,
    scope: row.scopeKind === 'TEAM' ? { team: row.scopeValue } : { role: row.scopeValue },
    template: { name: template.name, version: template.version },
    deadlines: { self: row.selfDueAt.toISOString(), peer: row.peerDueAt.toISOString(), manager: row.managerDueAt.toISOString(), calibration: row.calibrationDueAt.toISOString() },
    appraisals: row.appraisals,
    peers: row.peersPerPerson,
    reminderAt: row.reminderAt,
    openedBy,
    openedAt: row.openedAt.toISOString(),
  };
}
