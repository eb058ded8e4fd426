import type { ZodError } from 'zod';

/** A zod error as the 400's field messages: `tiers[0].ratePct`, or `(root)` for the document itself. */
export function zodFieldErrors(error: ZodError): { field: string; message: string }[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[') : '(root)',
    message: issue.message,
  }));
}
