/**
 * One test for "a unique index refused this row", whichever client wrote it: pg (and so Kysely)
 * reports SQLSTATE 23505, Prisma's model calls P2002.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'P2002';
}
