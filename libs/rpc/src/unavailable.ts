import type { RpcErrorBody } from './domain-errors.js';

/** What a client is told to wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = 5;

/** The 503 answer for an outage; it names no host, subject or other internal detail. */
export const UNAVAILABLE: RpcErrorBody = {
  status: 503,
  code: 'service_unavailable',
  message: 'A service salesflow depends on is unavailable; the request may not have been carried out. Retry shortly.',
};

/**
 * Error codes of a dependency that is down or unreachable, not of a bad request: socket errors,
 * Postgres connection exceptions (class 08), shutdown and start-up (57P01-57P03), too many
 * connections (53300), and Prisma's "cannot reach", "timed out", "pool timeout" and "closed".
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN',
  '08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '53300',
  'P1001', 'P1002', 'P1008', 'P1017', 'P2024',
]);
/** The kinds Prisma's pg adapter gives socket and connection-limit errors. */
const UNAVAILABLE_ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
/** Errors that carry no code: pg's lost connection and pool timeout, ioredis' closed or offline connection. */
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /^Connection is closed/,
  /Stream isn't writeable and enableOfflineQueue options is false/,
  /Reached the max retries per request limit/,
];

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  kind?: unknown;
  cause?: unknown;
  errors?: unknown;
  meta?: { driverAdapterError?: { cause?: unknown } };
}

function says(error: ErrorLike): boolean {
  if (typeof error.code === 'string' && UNAVAILABLE_CODES.has(error.code)) return true;
  if (typeof error.kind === 'string' && UNAVAILABLE_ADAPTER_KINDS.has(error.kind)) return true;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  return typeof error.message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message as string));
}

/**
 * Whether an error means Postgres or Redis could not be reached (as opposed to a bug or bad data):
 * looks at the error, its `cause` chain, Prisma's adapter cause and an AggregateError's errors.
 */
export function isUnavailable(error: unknown): boolean {
  const pending: unknown[] = [error];
  for (let seen = 0; pending.length > 0 && seen < 20; seen += 1) {
    const current = pending.pop();
    if (typeof current !== 'object' || current === null) continue;
    const candidate = current as ErrorLike;
    if (says(candidate)) return true;
    pending.push(candidate.cause, candidate.meta?.driverAdapterError?.cause);
    if (Array.isArray(candidate.errors)) pending.push(...(candidate.errors as unknown[]));
  }
  return false;
}
