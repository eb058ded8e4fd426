import { z } from 'zod/v4';
import { pageOf, PersonView } from './common.schemas.js';

/** One person's target in a period and their progress against it (amounts in BASE_CURRENCY). */
export const TargetProgressView = z.object({
  employee: PersonView,
  team: z.string().nullable(),
  target: z.number().describe('the target, BASE_CURRENCY'),
  actual: z.number().describe('approved contract amounts so far, BASE_CURRENCY, counted on the approval date in the person\u2019s zone'),
  contracts: z.number().int().describe('how many approved contracts make the actual'),
  attainmentPct: z.number().nullable().describe('actual / target in %, null for a zero target'),
  expected: z.number().describe('target x the elapsed share of the period in the person\u2019s zone (the linear pace)'),
  elapsedPct: z.number(),
  behindPace: z.boolean().describe('actual below expected'),
  version: z.number().int(),
  setBy: PersonView,
  updatedAt: z.string(),
});

export const TargetTotal = z.object({
  people: z.number().int(),
  target: z.number(),
  actual: z.number(),
  expected: z.number(),
  attainmentPct: z.number().nullable(),
  behindPace: z.boolean(),
  behindCount: z.number().int(),
});

/** GET /targets: a page of people, and the total of the whole view (every page), as of `asOf`. */
export const TargetProgressPage = pageOf(TargetProgressView).extend({
  period: z.string(),
  currency: z.string(),
  asOf: z.string(),
  team: z.string().nullable(),
  total: TargetTotal.describe('the whole view the filters select, not only this page'),
});

export const TargetWritten = z.object({
  employee: PersonView,
  amount: z.number(),
  version: z.number().int(),
  changed: z.boolean().describe('false when the amount was already this (nothing written)'),
});

/** PUT /targets/:period: every target of the body, written all or nothing. */
export const TargetsWritten = z.object({ period: z.string(), currency: z.string(), targets: z.array(TargetWritten) });
