import type { z } from 'zod/v4';
import { BULK_RPC_TIMEOUT_MS, rpcContract } from './rpc-contract.js';
import type { AppraisalCycleView, AppraisalList, AppraisalTemplateView, AppraisalView, PeerRating, PeerReviewPageView } from './schemas/appraisal-cycles.schemas.js';

export * from './schemas/appraisal-cycles.schemas.js';

export interface OpenAppraisalCycleRequest {
  period: string;
  scope: { team?: string; role?: string };
  template: string;
  deadlines: { self: string; peer: string; manager: string; calibration: string };
  peers?: number;
  reminderAt?: number;
}

export const PutAppraisalTemplate = rpcContract<{ name: string; template: unknown }, z.infer<typeof AppraisalTemplateView>>('appraisal.templates.put');
export const GetAppraisalTemplate = rpcContract<{ name: string }, z.infer<typeof AppraisalTemplateView>>('appraisal.templates.get');
/** A bulk operation: opening a cycle for 10,000 people took 13-30 s in bench:appraisal, past the gateway's default wait. */
export const OpenAppraisalCycle = rpcContract<{ cycle: OpenAppraisalCycleRequest; idempotencyKey?: string }, z.infer<typeof AppraisalCycleView>>('appraisal.cycles.open', { timeoutMs: BULK_RPC_TIMEOUT_MS });
export const GetAppraisalCycle = rpcContract<{ id: string }, z.infer<typeof AppraisalCycleView>>('appraisal.cycles.get');
export const ListAppraisals = rpcContract<{ cycle: string }, z.infer<typeof AppraisalList>>('appraisal.appraisals.list');
export const GetAppraisal = rpcContract<{ id: string }, z.infer<typeof AppraisalView>>('appraisal.appraisals.get');

/** The review steps: each answers the appraisal as it stands after the step. */
export const SubmitSelfReview = rpcContract<{ id: string; review: unknown }, z.infer<typeof AppraisalView>>('appraisal.reviews.self');
export const PickPeers = rpcContract<{ id: string; pick: unknown }, z.infer<typeof AppraisalView>>('appraisal.reviews.peers');
export const SubmitManagerReview = rpcContract<{ id: string; review: unknown }, z.infer<typeof AppraisalView>>('appraisal.reviews.manager');
export const CalibrateAppraisal = rpcContract<{ id: string; calibration: unknown }, z.infer<typeof AppraisalView>>('appraisal.reviews.calibrate');
export const SignOffAppraisal = rpcContract<{ id: string }, z.infer<typeof AppraisalView>>('appraisal.reviews.sign-off');
/** The peer's link page: the token is the authority. */
export const ViewPeerReview = rpcContract<{ token: string }, z.infer<typeof PeerReviewPageView>>('appraisal.peer-reviews.view');
export const AnswerPeerReview = rpcContract<{ token: string; answer: unknown }, z.infer<typeof PeerRating>>('appraisal.peer-reviews.answer');
