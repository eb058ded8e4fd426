import { HttpException } from '@nestjs/common';
import { ServiceClient } from '../../apps/gateway/src/http/service-client.js';
import { ListContracts } from '#libs/contracts';
import { waitFor } from '#libs/testing';
import { ORG, SMALL_CONTRACT, seedOrg } from '../support/org-fixture.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { startTestSystem } from '../support/test-system.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 12 item 6: while Postgres or a service is unreachable, requests answer 503 with
 * Retry-After and a body naming nothing internal (no NATS subject, queue prefix, host, port,
 * driver error or email), not 500; once it is back, the same requests are served again without a
 * restart. The shared Postgres is never touched: this system reaches its own database through a
 * TCP proxy that the test cuts (connections dropped, new ones refused, as a stopped server does).
 */
describe('faults: an outage answers 503 with Retry-After, naming nothing internal, and the system recovers', () => {
  const proxy = new TcpProxy();
  beforeAll(() => proxy.start());
  const system = useTestSystem({ databaseUrl: (url) => proxy.through(url), setUp: () => seedOrg(system) });
  afterAll(() => proxy.stop());

  /** Nothing a client should learn from an outage. */
  function expectNothingInternal(what: string, body: unknown): void {
    const text = JSON.stringify(body);
    const internal = [system.config.QUEUE_PREFIX, 'nats', 'NATS', '127.0.0.1', String(proxy.port), '5432', 'ECONNREFUSED', 'Connection', '@'];
    expect([what, internal.filter((word) => text.includes(word))]).toEqual([what, []]);
  }

  async function expectUnavailable(what: string, send: () => PromiseLike<{ status: number; headers: Record<string, string>; body: unknown }>): Promise<void> {
    const response = await send();
    expect([what, response.status, response.headers['retry-after'], (response.body as { code?: string }).code]).toEqual([what, 503, '5', 'service_unavailable']);
    expectNothingInternal(what, response.body);
  }

  it('guarantee: with the database cut off, authenticated reads and writes, a public link and an ADMIN list answer 503 + Retry-After; after it is back they are served again', async () => {
    await system.as(ORG.rep).get('/contracts').expect(200);
    await proxy.cut();
    try {
      await expectUnavailable('GET /contracts', () => system.as(ORG.rep).get('/contracts'));
      await expectUnavailable('POST /contracts', () => system.as(ORG.rep).post('/contracts').send({ ...SMALL_CONTRACT, title: 'During the outage' }));
      await expectUnavailable('GET /org/employees', () => system.as(ORG.admin).get('/org/employees'));
      await expectUnavailable('POST /surveys/:token (public)', () => system.http.post('/surveys/some-token').send({ score: 4 }));
    } finally {
      await proxy.restore();
    }
    await waitFor('the API to answer again', async () => (await system.as(ORG.rep).get('/contracts')).status, (status) => status === 200, { timeoutMs: 30_000 });
    const created = await system.as(ORG.rep).post('/contracts').send({ ...SMALL_CONTRACT, title: 'After the outage' }).expect(201);
    expect(await system.prisma.contract.count({ where: { title: 'During the outage' } })).toBe(0);
    expect(await system.prisma.contract.count({ where: { id: created.body.id } })).toBe(1);
  });

  it('guarantee: a request no replica answers (the service is down) is a 503 naming neither the subject nor the queue prefix', async () => {
    // The gateway's own client, on a prefix no replica serves: what it sees when a service is down.
    const prefix = `${system.config.QUEUE_PREFIX}-down`;
    const client = new ServiceClient({ ...system.config, QUEUE_PREFIX: prefix });
    try {
      const refused = await client.call(ListContracts, null, 'corr-outage', { limit: 1 }).then(() => null, (error: unknown) => error);
      expect(refused).toBeInstanceOf(HttpException);
      const exception = refused as HttpException;
      expect(exception.getStatus()).toBe(503);
      expect(exception.getResponse()).toMatchObject({ code: 'service_unavailable' });
      expectNothingInternal('no replica', exception.getResponse());
      expect(JSON.stringify(exception.getResponse())).not.toContain(ListContracts.pattern);
    } finally {
      await client.onApplicationShutdown();
    }
  });

  it('guarantee: with Redis cut off, a write is still served (201, never a 500: the job waits as an outbox row) and its email goes out once Redis is back', async () => {
    const redis = new TcpProxy();
    await redis.start();
    const other = await startTestSystem({ env: { REDIS_URL: redis.through(system.config.REDIS_URL) } });
    try {
      await seedOrg(other);
      await redis.cut();
      let id = '';
      try {
        const submitted = await other.as(ORG.rep).post('/contracts').send({ ...SMALL_CONTRACT, title: 'While Redis is away', discountPct: 8 });
        expect([submitted.status, submitted.body.code]).toEqual([201, undefined]);
        id = submitted.body.id;
      } finally {
        await redis.restore();
      }
      await other.smtp.waitForEmail('the approval request, once Redis is back', (mail) => mail.to.includes(ORG.manager) && mail.text.includes(id), 30_000);
    } finally {
      await other.close();
      await redis.stop();
    }
  });
});
