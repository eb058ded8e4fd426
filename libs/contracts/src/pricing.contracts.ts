import type { z } from 'zod/v4';
import { rpcContract } from './rpc-contract.js';
import type { CompetitorList, CompetitorView, VersionedPricePolicy } from './schemas/pricing.schemas.js';

type Nothing = Record<string, never>;

/** Why business was lost (a withdrawn contract, a visit with outcome lost). */
export const LOST_REASONS = ['price', 'product_fit', 'competitor', 'timing', 'other'] as const;
export type LostReason = (typeof LOST_REASONS)[number];

/** What is wrong with a loss's reason and competitor, field by field (empty when nothing is). */
export function lostReasonProblems(reason: unknown, competitorId: unknown, reasonField = 'reason'): { field: string; message: string }[] {
  if (!LOST_REASONS.includes(reason as LostReason)) return [{ field: reasonField, message: `${reasonField} is required: one of ${LOST_REASONS.join(', ')}` }];
  if (reason === 'competitor' && typeof competitorId !== 'string') return [{ field: 'competitorId', message: 'competitorId (GET /competitors) is required when the reason is competitor' }];
  if (reason !== 'competitor' && competitorId !== undefined) return [{ field: 'competitorId', message: 'competitorId names a competitor only when the reason is competitor' }];
  return [];
}

/** The price policy document is validated by the service, so it travels as it came. */
export const PutPricePolicy = rpcContract<{ policy: unknown }, z.infer<typeof VersionedPricePolicy>>('contract-approval.price-policy.put');
export const GetPricePolicy = rpcContract<Nothing, z.infer<typeof VersionedPricePolicy>>('contract-approval.price-policy.get');

export interface CompetitorRequest {
  name: string;
  active?: boolean;
}
export const ListCompetitors = rpcContract<Nothing, z.infer<typeof CompetitorList>>('contract-approval.competitors.list');
export const CreateCompetitor = rpcContract<{ competitor: CompetitorRequest }, z.infer<typeof CompetitorView>>('contract-approval.competitors.create');
export const UpdateCompetitor = rpcContract<{ id: string; competitor: CompetitorRequest }, z.infer<typeof CompetitorView>>('contract-approval.competitors.update');
