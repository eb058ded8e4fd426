import { z } from 'zod/v4';
import { pageOf, PersonView } from './common.schemas.js';

export const PromotionEvidenceView = z.object({
  appraisalId: z.string(),
  cycleId: z.string(),
  period: z.string(),
  score: z.number(),
  band: z.string(),
});

export const PromotionNominationView = z.object({
  id: z.string(),
  employee: PersonView,
  manager: PersonView.nullable().describe('the reviewer of record of the appraisal that completed the streak'),
  band: z.string(),
  streak: z.number().int(),
  evidence: z.array(PromotionEvidenceView).describe('the signed-off appraisals of the streak, oldest first'),
  status: z.enum(['PENDING', 'CONFIRMED', 'DECLINED']),
  reason: z.string().nullable().describe('the manager\u2019s reason for the decision'),
  decidedBy: PersonView.nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const PromotionNominationPage = pageOf(PromotionNominationView);
