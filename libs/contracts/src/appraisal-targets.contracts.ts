import type { z } from 'zod/v4';
import { rpcContract } from './rpc-contract.js';
import type { TargetProgressPage, TargetsWritten } from './schemas/targets.schemas.js';

export interface TargetInput {
  /** An employee id or email. */
  employee: string;
  /** BASE_CURRENCY, >= 0, at most two decimals. */
  amount: number;
}

export const PutTargets = rpcContract<{ period: string; targets: TargetInput[] }, z.infer<typeof TargetsWritten>>('appraisal.targets.put');
export const ListTargets = rpcContract<{ period: string; team?: string; cursor?: string; limit: number }, z.infer<typeof TargetProgressPage>>('appraisal.targets.list');
