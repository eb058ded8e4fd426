import type { z } from 'zod/v4';
import { rpcContract } from './rpc-contract.js';
import type { Ok } from './schemas/common.schemas.js';

export const PingAppraisal = rpcContract<Record<string, never>, z.infer<typeof Ok>>('appraisal.ping');
