import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConflictError } from '#libs/rpc';
import { Database, type Transaction, type Tx } from './database.service.js';
import type { DB } from '#generated/kysely';
import { OutboxSignal } from './outbox-signal.js';
import { isUniqueViolation } from './unique-violation.js';

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

export interface IdempotentRequest {
  /** What is being created (`contracts.submit`): one key space per scope and caller. */
  scope: string;
  callerId: string;
  key: string | undefined;
  body: unknown;
}

/** The stored first answer for this key, or null; the same key with another body is a conflict. */
async function replayed<T>(db: Tx, request: IdempotentRequest & { key: string }, hash: string): Promise<T | null> {
  const record = await db
    .selectFrom('IdempotencyRecord')
    .select(['requestHash', 'response'])
    .where('scope', '=', request.scope)
    .where('callerId', '=', request.callerId)
    .where('key', '=', request.key)
    .executeTakeFirst();
  if (!record) return null;
  if (record.requestHash !== hash) throw new ConflictError(`Idempotency-Key ${request.key} was already used with a different body.`, 'conflict.idempotency_key_reused');
  return record.response as T;
}

async function remember(tx: Tx, request: IdempotentRequest & { key: string }, hash: string, response: object): Promise<void> {
  await tx
    .insertInto('IdempotencyRecord')
    .values({ id: randomUUID(), scope: request.scope, callerId: request.callerId, key: request.key, requestHash: hash, response: JSON.stringify(response), createdAt: new Date() })
    .execute();
}

/**
 * The skeleton of every create endpoint: in one transaction, answer a replayed key with its first
 * result, or create and remember the result under the key; a concurrent twin that lost the race
 * on the key answers with the winner's result. The relay is woken after the commit.
 */
@Injectable()
export class IdempotentCreator {
  constructor(
    private readonly database: Database,
    private readonly signal: OutboxSignal,
  ) {}

  async create<T extends object>(
    request: IdempotentRequest,
    work: (tx: Transaction<DB>) => Promise<T>,
    /** For a unique violation that is not the key's (a taken code): map it to a domain error. */
    onOtherViolation?: (error: unknown) => Promise<never>,
  ): Promise<T> {
    const hash = requestHash(request.body);
    const keyed = request.key === undefined ? null : { ...request, key: request.key };
    try {
      const result = await this.database.transaction(async (tx) => {
        const earlier = keyed && (await replayed<T>(tx, keyed, hash));
        if (earlier) return earlier;
        const created = await work(tx);
        if (keyed) await remember(tx, keyed, hash, created);
        return created;
      });
      this.signal.notify();
      return result;
    } catch (error) {
      // A concurrent twin under the same key may have committed first: this one then fails on the
      // key, or earlier on what the twin created (a trainer's lock, then "already booked by" the
      // twin's own session). Either way the twin's result is the answer.
      if (keyed) {
        const earlier = await replayed<T>(this.database.db, keyed, hash).catch((lookup: unknown) => {
          if (lookup instanceof ConflictError) throw lookup;
          throw error;
        });
        if (earlier) return earlier;
      }
      if (!isUniqueViolation(error)) throw error;
      if (onOtherViolation) await onOtherViolation(error);
      throw error;
    }
  }
}
