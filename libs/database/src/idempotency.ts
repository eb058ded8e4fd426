import { createHash, randomUUID } from 'node:crypto';
import { Prisma } from '#generated/prisma';
import { ConflictError } from '#libs/rpc';
import { sqlOf, type Tx } from './prisma.service.js';

// Create endpoints accept an Idempotency-Key: the same key with the same body returns the first result.

/** Stable over key order, so the same body always hashes the same. */
export function requestHash(body: unknown): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]))
        : value;
  return createHash('sha256').update(JSON.stringify(canonical(body))).digest('hex');
}

/** The stored first answer for this key, or null; the same key with another body is a conflict. */
export async function replayed<T>(tx: Tx, scope: string, callerId: string, key: string, hash: string): Promise<T | null> {
  const [record] = await sqlOf(tx).query<{ requestHash: string; response: T }>(Prisma.sql`
    SELECT "requestHash", response FROM "IdempotencyRecord" WHERE scope = ${scope} AND "callerId" = ${callerId}::uuid AND key = ${key}`);
  if (!record) return null;
  if (record.requestHash !== hash) throw new ConflictError(`Idempotency-Key ${key} was already used with a different body.`, 'conflict.idempotency_key_reused');
  return record.response;
}

/** Stores the first answer; a concurrent twin's insert fails with a unique violation (isUniqueViolation). */
export async function remember(tx: Tx, scope: string, callerId: string, key: string, hash: string, response: object): Promise<void> {
  await sqlOf(tx).execute(Prisma.sql`
    INSERT INTO "IdempotencyRecord" (id, scope, "callerId", key, "requestHash", response, "createdAt")
    VALUES (${randomUUID()}::uuid, ${scope}, ${callerId}::uuid, ${key}, ${hash}, ${JSON.stringify(response)}::jsonb, ${new Date()}::timestamp)`);
}

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'P2002' || code === '23505';
}
