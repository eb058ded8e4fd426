import { z } from 'zod/v4';
import { PersonView } from './common.schemas.js';

const KPI_KIND = z.enum(['salesAttainment', 'customerSatisfaction', 'followUpTimeliness', 'complaintsResolvedOnTime', 'teamwork', 'mandatoryTrainingOnTime', 'managerRating']);

export const AppraisalTemplateDocument = z.object({
  kpis: z.array(z.object({
    kind: KPI_KIND,
    weight: z.number().int().describe('1-100; the weights of a template sum to 100'),
    scoring: z.object({ kind: z.literal('linear'), floor: z.number(), target: z.number(), cap: z.number().describe('the highest score (100-200)') })
      .describe('score 0 at or below the floor, 100 at the target, linear between and on above it up to the cap'),
    threshold: z.number().optional().describe('a score below this names courseCategory for the person at sign-off'),
    courseCategory: z.enum(['product_knowledge', 'sales_skills', 'customer_relationship', 'compliance', 'management']).optional(),
  })),
  bands: z.array(z.object({ name: z.string(), min: z.number() })).describe('ordered by min; the first at 0'),
  formula: z.string().optional().describe('filtrex over weighted and each KPI score by kind; absent: the weighted score'),
  promotion: z.object({ streak: z.number().int().describe('1-12 signed-off appraisals in a row, by cycle period'), band: z.string().describe('default: the top band') })
    .optional().describe('a streak of this band nominates the person for promotion to HR'),
});

export const AppraisalTemplateView = z.object({
  name: z.string(),
  version: z.number().int(),
  template: AppraisalTemplateDocument,
  createdAt: z.string(),
});

export const AppraisalCycleView = z.object({
  id: z.string(),
  period: z.string(),
  scope: z.object({ team: z.string().optional(), role: z.string().optional() }),
  template: z.object({ name: z.string(), version: z.number().int() }),
  deadlines: z.object({ self: z.string(), peer: z.string(), manager: z.string(), calibration: z.string() }),
  appraisals: z.number().int().describe('one per person in scope when the cycle opened'),
  peers: z.number().int().describe('how many peers the manager picks for each person'),
  reminderAt: z.number().describe('where in each step\u2019s window (of its owner\u2019s working time) the reminder goes out'),
  openedBy: z.string(),
  openedAt: z.string(),
});

export const AppraisalSummary = z.object({
  id: z.string(),
  cycleId: z.string(),
  employee: PersonView,
  status: z.enum(['SELF_REVIEW', 'PEER_REVIEW', 'MANAGER_REVIEW', 'CALIBRATION', 'SIGN_OFF', 'SIGNED_OFF'])
    .describe('the step it waits for: self review, peer ratings (or the manager), the manager\u2019s review, calibration, sign-off; SIGNED_OFF is final'),
  score: z.number().nullable().describe('provisional until sign-off; null while no KPI has data'),
  band: z.string().nullable(),
});
export const AppraisalList = z.object({ items: z.array(AppraisalSummary) });

export const AppraisalEvidenceView = z.object({
  sourceKind: z.enum(['contract', 'sales-target', 'survey', 'visit', 'complaint', 'training-outcome', 'peer-review', 'manager-review']),
  sourceId: z.string(),
  value: z.number().describe('what the record contributes: an amount, a score, 1 (on time) or 0'),
});

export const AppraisalKpiView = z.object({
  kind: KPI_KIND,
  manual: z.boolean(),
  unit: z.string(),
  weight: z.number().int(),
  status: z.enum(['SCORED', 'NO_DATA', 'PENDING']).describe('NO_DATA: left out, the other weights renormalised; PENDING: a manual KPI not rated yet'),
  value: z.number().nullable(),
  samples: z.number().int(),
  score: z.number().nullable(),
  effectiveWeight: z.number().nullable().describe('the share of the overall score after renormalisation (0-1)'),
  evidence: z.array(AppraisalEvidenceView),
});

export const AppraisalReviewView = z.object({
  self: z.object({ comment: z.string(), at: z.string() }).nullable(),
  peers: z.object({
    asked: z.number().int(),
    answered: z.number().int(),
    names: z.array(z.object({ name: z.string(), answered: z.boolean() })).nullable()
      .describe('who was asked: for the manager line and HR only; null for the person (ratings are anonymous to them)'),
    comments: z.array(z.string()).describe('the peers\u2019 comments, without names'),
  }),
  manager: z.object({ comment: z.string(), at: z.string() }).nullable(),
  calibration: z.object({ from: z.string().nullable(), band: z.string(), reason: z.string().nullable(), at: z.string() }).nullable(),
  signedOffAt: z.string().nullable(),
});

export const PeerReviewPageView = z.object({ person: z.object({ name: z.string() }), period: z.string(), dueAt: z.string(), locale: z.string(), timezone: z.string() });
export type PeerReviewPageView = z.infer<typeof PeerReviewPageView>;
export const PeerRating = z.object({ rating: z.number().int() });

export const AppraisalView = AppraisalSummary.extend({
  review: AppraisalReviewView,
  cycle: z.object({ id: z.string(), period: z.string(), template: z.object({ name: z.string(), version: z.number().int() }) }),
  manager: PersonView.nullable(),
  notes: z.array(z.object({ kpi: KPI_KIND.nullable(), message: z.string() })).describe('what the score left out and why'),
  kpis: z.array(AppraisalKpiView),
  scoredAt: z.string().nullable(),
});
