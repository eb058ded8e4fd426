import { idempotencyKeyOf, waitFor } from '#libs/testing';
import { ORG, SMALL_CONTRACT, seedOrg } from '../support/org-fixture.js';
import type { TestSystem } from '../support/test-system.js';
import { FaultCluster, SERVICES } from './support/fault-cluster.js';

/**
 * Issue 12 item 10, the fault suite (`npm run test:faults`): the services as processes of their
 * own, their own Postgres and Redis, and an SMTP server that can refuse, fail or hang. Each
 * scenario submits contracts approved at once (each acknowledged 201 owes its submitter exactly
 * one outcome email) while the fault happens, then prints and checks:
 * - lost: acknowledged contracts whose email neither arrived nor is dead with a dead letter: 0;
 * - duplicated: extra copies. The documented bound: an email may arrive twice only when its send
 *   was interrupted after the relay took it (a killed notifier, a lost reply): the second copy
 *   has the same Message-ID and its ledger row is flagged `resentAfterInterrupt`; never 3 copies;
 * - retried: ledger rows sent in more than one attempt; dead: ledger rows dead.
 */
const OUTCOME = 'approval-outcome';

interface Tally {
  acknowledged: number;
  lost: number;
  duplicated: number;
  retried: number;
  dead: number;
}

describe('fault suite: separate processes, kill -9, Redis restart, Postgres stop, SMTP failures', () => {
  let cluster: FaultCluster;
  let scenario = 0;

  beforeAll(async () => {
    // Short enough for the suite, long enough that a busy 2-core machine (a service booting while
    // the load runs) does not pass for a silent relay or a dead sender. With a 2 s socket timeout
    // and a 3 s lease, CI once saw two flagged resends while appraisal was killed and restarted,
    // where that kill owes none. A duplicate now prints what the notifier logged about it.
    cluster = await FaultCluster.start({
      env: { SMTP_SOCKET_TIMEOUT: 'PT5S', SMTP_UNKNOWN_RESEND_DELAY: 'PT3S', SMTP_RETRY_MAX_DELAY: 'PT2S', SEND_LEASE: 'PT5S' },
    });
    await seedOrg(cluster as unknown as TestSystem);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  afterEach(() => cluster.smtp.acceptAll());

  /** Submits contracts (4 at a time) until `enough` says stop; returns the acknowledged ids. */
  function workload(label: string, submitter: string = ORG.rep) {
    const acknowledged: string[] = [];
    let stopped = false;
    let refused = 0;
    const run = async (worker: number) => {
      for (let i = 0; !stopped; i += 1) {
        const response = await cluster
          .as(submitter)
          .post('/contracts')
          .send({ ...SMALL_CONTRACT, title: `${label} ${worker}.${i}` })
          .timeout(10_000)
          .then((r) => r, () => null);
        if (response?.status === 201) acknowledged.push(response.body.id as string);
        else {
          refused += 1;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    };
    const running = Promise.all([0, 1, 2, 3].map(run));
    return {
      acknowledged,
      reached: (count: number) => waitFor(`${count} acknowledged submissions (${label})`, () => acknowledged.length, (n) => n >= count, { timeoutMs: 90_000 }),
      async stop() {
        stopped = true;
        await running;
        return { acknowledged: [...acknowledged], refused };
      },
    };
  }

  /** Waits until every acknowledged contract's email is sent or dead, then counts and prints. */
  async function tally(name: string, ids: string[]): Promise<Tally> {
    const started = Date.now();
    const rowsOf = async () => {
      const { rows } = await cluster.query<{ id: string; key: string; status: string; attempts: number; flagged: boolean; messageId: string }>(
        `SELECT id, "idempotencyKey" AS key, status::text AS status, attempts, "resentAfterInterrupt" AS flagged, "messageId" FROM "Notification" WHERE kind = $1`,
        [OUTCOME],
      );
      const byContract = new Map(rows.map((row) => [row.key.split(':')[1], row]));
      return ids.map((id) => byContract.get(id));
    };
    const rows = await waitFor(
      `every email of "${name}" to be sent or dead`,
      rowsOf,
      (found) => found.every((row) => row !== undefined && (row.status === 'sent' || row.status === 'dead')),
      { timeoutMs: 90_000 },
    ).catch(rowsOf);
    const copies = new Map<string, { count: number; messageIds: Set<string> }>();
    for (const mail of cluster.smtp.received) {
      const key = idempotencyKeyOf(mail);
      const entry = copies.get(key) ?? { count: 0, messageIds: new Set<string>() };
      entry.count += 1;
      entry.messageIds.add(mail.messageId);
      copies.set(key, entry);
    }
    const result: Tally = { acknowledged: ids.length, lost: 0, duplicated: 0, retried: 0, dead: 0 };
    const letters = await cluster.query<{ id: string }>(`SELECT payload->>'notificationId' AS id FROM "DeadLetter"`);
    for (const [index, row] of rows.entries()) {
      if (!row) {
        result.lost += 1;
        continue;
      }
      const copy = copies.get(row.key);
      if (row.status === 'dead') result.dead += 1;
      if (row.attempts > 1) result.retried += 1;
      if (!copy && row.status !== 'dead') result.lost += 1;
      if (copy && copy.count > 1) {
        result.duplicated += copy.count - 1;
        process.stdout.write(`[faults] ${name}: email ${row.id} arrived ${copy.count} times; the notifier logged:\n${cluster.logLinesAbout('notifier', row.id).join('\n') || '(nothing)'}\n`);
        // The bound: two copies at most, one Message-ID, the row flagged.
        expect([ids[index], copy.count, copy.messageIds.size, row.flagged]).toEqual([ids[index], 2, 1, true]);
      }
    }
    expect(letters.rowCount).toBeGreaterThanOrEqual(result.dead);
    scenario += 1;
    process.stdout.write(
      `[faults] ${scenario}. ${name}: acknowledged ${result.acknowledged}, lost ${result.lost}, duplicated ${result.duplicated} (${((100 * result.duplicated) / Math.max(result.acknowledged, 1)).toFixed(1)}%), retried ${result.retried}, dead ${result.dead}; settled ${((Date.now() - started) / 1000).toFixed(1)} s after the load stopped\n`,
    );
    return result;
  }

  it.each(SERVICES)('guarantee: kill -9 of %s mid-work, restarted: 0 lost, duplicates only flagged resends (at most one each)', async (name) => {
    // A slow relay keeps sends in flight, so a killed notifier dies mid-send.
    cluster.smtp.respondWith(() => (name === 'notifier' ? { acceptAfterMs: 300 } : undefined));
    const work = workload(`kill ${name}`);
    await work.reached(8);
    await cluster.service(name).kill9();
    await new Promise((resolve) => setTimeout(resolve, 500));
    cluster.service(name).start();
    await cluster.waitUntilHealthy();
    const before = work.acknowledged.length;
    await work.reached(before + 8);
    const { acknowledged } = await work.stop();
    const result = await tally(`kill -9 ${name}`, acknowledged);
    expect(result.lost).toBe(0);
    expect(result.dead).toBe(0);
    if (name !== 'notifier') expect(result.duplicated).toBe(0);
  });

  it('guarantee: Redis restarted without persistence mid-work (every queued job gone): 0 lost, 0 duplicated, recovered without restarting a service', async () => {
    const work = workload('redis restart');
    await work.reached(8);
    await cluster.redis.kill();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await cluster.redis.start();
    await cluster.waitUntilHealthy();
    await work.reached(work.acknowledged.length + 8);
    const { acknowledged } = await work.stop();
    const result = await tally('Redis restart', acknowledged);
    expect(result).toMatchObject({ lost: 0, duplicated: 0, dead: 0 });
  });

  it('guarantee: Postgres stopped for 30 s mid-work: refused writes are not acknowledged; 0 acknowledged lost, duplicates only flagged resends', async () => {
    const work = workload('postgres stop');
    await work.reached(8);
    cluster.postgres.stop();
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    cluster.postgres.start();
    await cluster.waitUntilHealthy();
    await work.reached(work.acknowledged.length + 8);
    const { acknowledged } = await work.stop();
    const result = await tally('Postgres stopped 30 s', acknowledged);
    expect(result.lost).toBe(0);
    expect(result.dead).toBe(0);
  });

  /** Answers `refusal` to the first `times` deliveries of each message. */
  function failFirst(times: number, refusal: { code: number; message: string } | 'hang') {
    const seen = new Map<string, number>();
    cluster.smtp.respondWith(({ messageId }) => {
      const count = (seen.get(messageId) ?? 0) + 1;
      seen.set(messageId, count);
      return count <= times ? refusal : undefined;
    });
  }

  it('guarantee: SMTP 451 for the first 3 tries of every email: all retried and delivered once, none dead', async () => {
    failFirst(3, { code: 451, message: '4.7.1 Try again later' });
    const work = workload('smtp 451');
    await work.reached(10);
    const { acknowledged } = await work.stop();
    const result = await tally('SMTP 451', acknowledged);
    expect(result).toMatchObject({ lost: 0, duplicated: 0, dead: 0, retried: acknowledged.length });
  });

  it('guarantee: SMTP 550 for one recipient: those emails are dead with a dead letter at once, the others delivered once', async () => {
    cluster.smtp.respondWith(({ to }) => (to.includes(ORG.rep2) ? { code: 550, message: '5.1.1 Mailbox unavailable' } : undefined));
    const refusedWork = workload('smtp 550', ORG.rep2);
    const acceptedWork = workload('smtp 550 others');
    await Promise.all([refusedWork.reached(5), acceptedWork.reached(5)]);
    const refused = (await refusedWork.stop()).acknowledged;
    const accepted = (await acceptedWork.stop()).acknowledged;
    const dead = await tally('SMTP 550 (refused recipient)', refused);
    expect(dead).toMatchObject({ lost: 0, duplicated: 0, retried: 0, dead: refused.length });
    expect(await tally('SMTP 550 (other recipients)', accepted)).toMatchObject({ lost: 0, duplicated: 0, dead: 0 });
  });

  it('guarantee: SMTP hang after DATA on the first try of every email: at most one flagged duplicate each, none lost', async () => {
    failFirst(1, 'hang');
    const work = workload('smtp hang');
    await work.reached(5);
    const { acknowledged } = await work.stop();
    const result = await tally('SMTP hang after DATA', acknowledged);
    expect(result).toMatchObject({ lost: 0, dead: 0 });
    expect(result.duplicated).toBeLessThanOrEqual(acknowledged.length);
  });

  it('guarantee: SMTP refusing connections for 8 s: retried on the time budget, delivered once when it is back, none dead', async () => {
    await cluster.smtpProxy.cut();
    const work = workload('smtp refuse');
    try {
      await work.reached(10);
      await new Promise((resolve) => setTimeout(resolve, 8000));
    } finally {
      await cluster.smtpProxy.restore();
    }
    const { acknowledged } = await work.stop();
    const result = await tally('SMTP refusing connections', acknowledged);
    expect(result).toMatchObject({ lost: 0, duplicated: 0, dead: 0 });
    expect(result.retried).toBeGreaterThan(0);
  });
});
