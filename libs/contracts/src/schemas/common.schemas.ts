import { z } from 'zod/v4';

export const PersonView = z.object({ id: z.string(), email: z.string(), name: z.string() });
export type PersonView = z.infer<typeof PersonView>;

/** Lists answer {items, nextCursor}; nextCursor is null on the last page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const FieldError = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldError>;

/** Every error answer of the HTTP API. */
export const ErrorBody = z.object({
  statusCode: z.number().int(),
  code: z.string().describe('stable, machine-readable: validation_failed, contract.not_found, conflict.stale_version, ...'),
  message: z.string(),
  errors: z.array(FieldError).optional().describe('field-level problems of a 400'),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Ok = z.object({ ok: z.boolean() });
