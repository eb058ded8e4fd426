/** Postgres error classes that come back on every retry of the same rows: data exceptions and integrity violations. */
const REFUSED_DATA_CLASSES = ['22', '23'];
/** A unique violation is a race with another writer: the retry sees the winner's row. */
const UNIQUE_VIOLATION = '23505';

interface DriverError {
  code?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; originalMessage?: unknown } } };
}

/**
 * The SQLSTATE and message when Postgres refused the data itself (a value out of range, a check
 * constraint): retrying the batch cannot help. Null for anything else (connection, deadlock, race).
 */
export function refusedData(error: unknown): { sqlState: string; message: string } | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, message, meta } = error as DriverError;
  const cause = meta?.driverAdapterError?.cause;
  const sqlState = typeof cause?.originalCode === 'string' ? cause.originalCode : typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
  if (!sqlState || sqlState === UNIQUE_VIOLATION || !REFUSED_DATA_CLASSES.includes(sqlState.slice(0, 2))) return null;
  const text = typeof cause?.originalMessage === 'string' ? cause.originalMessage : typeof message === 'string' ? message : 'no message';
  return { sqlState, message: text };
}
