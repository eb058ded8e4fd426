import { z } from 'zod/v4';

const Indicator = z.looseObject({ status: z.enum(['up', 'degraded', 'down']), message: z.string().optional() });

/** /health: each dependency up or down; a 503 carries the same report naming what is down. */
export const HealthReport = z.object({
  status: z.enum(['ok', 'degraded', 'error', 'shutting_down']),
  info: z.record(z.string(), Indicator.optional()).optional(),
  error: z.record(z.string(), Indicator.optional()).optional(),
  details: z.record(z.string(), Indicator),
});
