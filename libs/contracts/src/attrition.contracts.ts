import type { z } from 'zod/v4';
import { rpcContract } from './rpc-contract.js';
import type { VersionedAttritionPolicy } from './schemas/attrition.schemas.js';

export * from './schemas/attrition.schemas.js';

export const PutAttritionPolicy = rpcContract<{ policy: unknown }, z.infer<typeof VersionedAttritionPolicy>>('appraisal.attrition-policy.put');
export const GetAttritionPolicy = rpcContract<Record<string, never>, z.infer<typeof VersionedAttritionPolicy>>('appraisal.attrition-policy.get');
