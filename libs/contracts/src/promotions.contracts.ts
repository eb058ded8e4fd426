import type { z } from 'zod/v4';
import { rpcContract } from './rpc-contract.js';
import type { PromotionNominationPage, PromotionNominationView } from './schemas/promotion.schemas.js';

export * from './schemas/promotion.schemas.js';

export const PROMOTION_DECISIONS = ['confirm', 'decline'] as const;
export type PromotionDecision = (typeof PROMOTION_DECISIONS)[number];
export const PROMOTION_STATUSES = ['PENDING', 'CONFIRMED', 'DECLINED'] as const;
export type PromotionStatus = (typeof PROMOTION_STATUSES)[number];

export const ListPromotionNominations = rpcContract<{ status?: PromotionStatus; cursor?: string; limit: number }, z.infer<typeof PromotionNominationPage>>('appraisal.promotions.list');
export const GetPromotionNomination = rpcContract<{ id: string }, z.infer<typeof PromotionNominationView>>('appraisal.promotions.get');
export const DecidePromotionNomination = rpcContract<{ id: string; decision: PromotionDecision; reason: string }, z.infer<typeof PromotionNominationView>>('appraisal.promotions.decide');
