import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUES } from '#libs/queue';
import { waitFor, type ReceivedEmail } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { addEmployees } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';
import { engineIdle } from './engine-idle.js';
import { employeeId, keyOf } from './revisit-test-helpers.js';

/**
 * Issue 3, item 8: imports, scans and digests run on the bulk queues, so an alert is never stuck
 * behind them. Here the bulk queues of follow-up and notifier are paused (as if busy for as long
 * as the test runs) with an import waiting on them; a low satisfaction score must still alert the
 * owner and their manager, and the import must still finish once the bulk queues run again.
 */
const T0 = new Date('2027-03-12T06:30:00Z');
const CS = 'cs@salesflow.test';
const HEADER = 'code,name,ownerEmail,tier,status,industry,region,contactName,contactEmail,contactPhone,contactLocale';

describe('urgent work is never stuck behind bulk work', () => {
  const clock = new ManualClock(T0);
  let redis: Redis;
  let bulkQueues: Queue[];
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      await addEmployees(system, [{ email: CS, name: 'Cora Service', role: 'CUSTOMER_SERVICE', region: 'Shanghai', managerEmail: ORG.manager }]);
      redis = new Redis(system.config.REDIS_URL, { maxRetriesPerRequest: null });
      bulkQueues = [QUEUES.followUpBulk, QUEUES.notifierBulk].map((name) => new Queue(name, { connection: redis, prefix: system.config.QUEUE_PREFIX }));
    },
    async tearDown() {
      for (const queue of bulkQueues ?? []) await queue.close();
      redis?.disconnect();
    },
  });

  async function surveyToken(): Promise<{ token: string; customerCode: string }> {
    const customer = await system.prisma.customer.create({
      data: {
        code: 'U-1', name: 'Gamma Retail', ownerId: await employeeId(system, ORG.rep), tier: 'B', status: 'active', region: 'Shanghai',
        contacts: [{ name: 'Gao Buyer', email: 'gao@gamma.example', phone: null, locale: 'en' }], createdAt: clock.now(),
      },
    });
    const complaint = await system.as(ORG.rep).post('/complaints').send({ customerId: customer.id, severity: 'low', channel: 'email', description: 'Invoice sent twice' }).expect(201);
    await system.as(CS).post(`/complaints/${complaint.body.id}/resolve`).send({ resolution: 'Cancelled the duplicate invoice.' }).expect(200);
    const mail: ReceivedEmail = await system.smtp.waitForEmail('the survey email', (m) => keyOf(m).startsWith('survey-request:') && m.to.includes('gao@gamma.example'));
    const token = /\/surveys\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    if (!token) throw new Error(`No survey link in: ${mail.text.slice(0, 300)}`);
    await engineIdle(system, clock, 'the survey sent');
    return { token, customerCode: customer.code };
  }

  it('guarantee: with the bulk queues stalled and an import waiting on them, a low score still alerts the owner and their manager; the import finishes once they run again', async () => {
    const { token, customerCode } = await surveyToken();
    for (const queue of bulkQueues) await queue.pause();

    const csv = [HEADER, `U-2,Delta Foods,${ORG.rep},C,prospect,Food,Shanghai,Dai,dai@delta.example,,en`].join('\n');
    const upload = await system.as(ORG.admin).post('/customers/import').set('Content-Type', 'text/csv').send(csv).expect(202);
    const importStatus = async () => (await system.as(ORG.admin).get(`/customers/import/${upload.body.jobId}`).expect(200)).body as { status: string };
    await waitFor('the import job to wait on the paused bulk queue', () => bulkQueues[0].getWaitingCount(), (waiting) => waiting >= 1);

    await system.http.post(`/surveys/${token}`).send({ score: 1, comment: 'Still double-billed.' }).expect(200);
    const alertTo = (email: string) =>
      system.smtp.waitForEmail(`the low-score alert to ${email}`, (m) => keyOf(m).startsWith('survey-low-score:') && m.to.includes(email));
    const alerts = await Promise.all([alertTo(ORG.rep), alertTo(ORG.manager)]);
    expect(alerts.map((mail) => mail.subject)).toEqual([
      `Low satisfaction score from Gamma Retail (${customerCode}): 1 of 5`,
      `Low satisfaction score from Gamma Retail (${customerCode}): 1 of 5`,
    ]);
    // The bulk work was still waiting while the alerts went out.
    expect((await importStatus()).status).not.toBe('done');
    expect(await system.prisma.customer.count({ where: { code: 'U-2' } })).toBe(0);

    for (const queue of bulkQueues) await queue.resume();
    await waitFor('the import to finish', importStatus, (status) => status.status === 'done', { timeoutMs: 30_000, intervalMs: 100 });
    expect(await system.prisma.customer.count({ where: { code: 'U-2' } })).toBe(1);
  });
});
