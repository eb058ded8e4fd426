import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { ManualClock } from '#libs/time';
import { TimerSweeper } from '#libs/workflow';
import { deleteRedisPrefix, waitFor, type ReceivedEmail, type SmtpSink } from '#libs/testing';
import { ORG, SMALL_CONTRACT } from './org-fixture.js';
import type { TestSystem } from './test-system.js';

/** Helpers shared by the reliability tests (test/reliability). */

export { IDEMPOTENCY_HEADER } from '#libs/testing';
import { IDEMPOTENCY_HEADER } from '#libs/testing';

/** The send ledger key the notifier stamps on every email. */
export function idempotencyKeyOf(mail: ReceivedEmail): string {
  const value = mail.headers.get(IDEMPOTENCY_HEADER);
  if (typeof value !== 'string' || value.length === 0) throw new Error(`Email "${mail.subject}" to ${mail.to.join(',')} has no ${IDEMPOTENCY_HEADER} header`);
  return value;
}

/** How many emails arrived per idempotency key, for the emails that `match`. */
export function countByKey(smtp: SmtpSink, match: (mail: ReceivedEmail) => boolean = () => true): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mail of smtp.received.filter(match)) {
    const key = idempotencyKeyOf(mail);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Keys that arrived more than once (should always be empty). */
export function duplicatedKeys(smtp: SmtpSink, match?: (mail: ReceivedEmail) => boolean): [string, number][] {
  return [...countByKey(smtp, match)].filter(([, count]) => count > 1);
}

export interface LedgerRow {
  id: string;
  idempotencyKey: string;
  recipient: { id: string | null; email: string };
  kind: string;
  status: string;
  attempts: number;
  lastError: string | null;
  messageId: string;
  sentAt: string | null;
  resentAfterInterrupt: boolean;
}

/** The whole send ledger (every page) through GET /notifications as ADMIN. */
export async function ledger(system: TestSystem, query: Record<string, string> = {}): Promise<LedgerRow[]> {
  const rows: LedgerRow[] = [];
  let cursor: string | null = null;
  do {
    const params: URLSearchParams = new URLSearchParams({ ...query, limit: '200', ...(cursor ? { cursor } : {}) });
    const page: { items: LedgerRow[]; nextCursor: string | null } = (await system.as(ORG.admin).get(`/notifications?${params}`).expect(200)).body;
    rows.push(...page.items);
    cursor = page.nextCursor ?? null;
  } while (cursor);
  return rows;
}

/** PUT /approval-policy as ADMIN. */
export async function putPolicy(system: TestSystem, policy: object): Promise<void> {
  await system.as(ORG.admin).put('/approval-policy').send(policy).expect(200);
}

/**
 * Bounded "let time pass" without sleeping: arms a no-op timer (a reminder for a step that does
 * not exist, which its handler skips) due at `at`, and waits until the engine has swept it and
 * finished its job. Anything due before `at` has had its chance to fire by then.
 */
export async function engineHasPassed(system: TestSystem, at: Date, description = 'the engine to pass a probe timer'): Promise<void> {
  const id = randomUUID();
  await system.prisma.timer.create({
    data: { id, kind: 'approval.remind', queue: 'approval-urgent', subjectId: randomUUID(), dueAt: at, uniqueKey: `test-probe:${id}` },
  });
  await waitFor(
    `${description} (probe timer due ${at.toISOString()})`,
    () => system.prisma.$queryRaw<{ doneAt: Date | null }[]>`SELECT "doneAt" FROM "Outbox" WHERE payload->>'timerId' = ${id}`,
    (rows) => rows.length === 1 && rows[0].doneAt !== null,
    { timeoutMs: Math.max(0, at.getTime() - Date.now()) + 20_000, intervalMs: 100 },
  );
}

/** The email kind, read from the idempotency key (`approval-request:...` -> `approval-request`); locale-proof. */
export function kindOf(mail: ReceivedEmail): string {
  return idempotencyKeyOf(mail).split(':')[0];
}

/** An email about this contract (every such email names its id in the subject), optionally of one kind. */
export function about(mail: ReceivedEmail, contractId: string, kind?: string): boolean {
  return mail.subject.includes(contractId) && (kind === undefined || kindOf(mail) === kind);
}

export const KIND = {
  request: 'approval-request',
  reminder: 'approval-reminder',
  escalation: 'approval-escalation',
  ladderTop: 'approval-ladder-top',
  outcome: 'approval-outcome',
} as const;

/** A calendar that is always working time, so second-long SLAs count in wall-clock seconds. */
export const ALWAYS = '24x7';

/**
 * Deletes every Redis key of this system's queue prefix (never another test file's) and checks
 * Redis really lost something. It does not check that nothing is left afterwards: the running
 * engine (sweeper, relay, sentinel) may write new keys within milliseconds, which is the point.
 */
export async function flushRedis(system: TestSystem): Promise<void> {
  const { config } = system;
  expect(await deleteRedisPrefix(config.REDIS_URL, config.QUEUE_PREFIX)).toBeGreaterThan(0);
}

/** Submits a contract no stage applies to (approved at once: its submitter is owed one outcome email); returns its id. */
export async function submitApprovedAtOnce(system: TestSystem, submitter: string, title: string): Promise<string> {
  const response = await system.as(submitter).post('/contracts').send({ ...SMALL_CONTRACT, title }).expect(201);
  if (response.body.status !== 'APPROVED') throw new Error(`Contract "${title}" was not approved at once: ${response.body.status}`);
  return response.body.id;
}

/** The ledger row of a contract's outcome email to `recipient`. */
export async function outcomeRow(system: TestSystem, recipient: string, contractId: string): Promise<LedgerRow | undefined> {
  return (await ledger(system, { recipient, kind: KIND.outcome })).find((row) => row.idempotencyKey.includes(contractId));
}

/** Moves the clock to `at`, then both replicas sweep the same due timers at once, twice (a race for every timer). */
export async function sweepWithReplicas(system: TestSystem, replica: INestApplication, clock: ManualClock, at: Date): Promise<void> {
  clock.set(at);
  const sweepers = [system.app.get(TimerSweeper), replica.get(TimerSweeper)];
  await Promise.all([sweepers[0].sweep(), sweepers[1].sweep(), sweepers[0].sweep(), sweepers[1].sweep()]);
}
