import { ORG, SMALL_CONTRACT, seedOrg } from '../support/org-fixture.js';
import { startTestSystem } from '../support/test-system.js';
import { useTestSystem } from '../support/use-test-system.js';

describe('operability', () => {
  const system = useTestSystem({ setUp: () => seedOrg(system) });

  it('carries the HTTP correlation id through the queues to the email and the ledger', async () => {
    const correlationId = 'corr-approval-e2e-0001';
    const submitted = await system.as(ORG.rep).post('/contracts').set('x-correlation-id', correlationId)
      .send({ ...SMALL_CONTRACT, title: 'Correlated order', discountPct: 9 }).expect(201);
    const email = await system.smtp.waitForEmail('the approval request', (mail) => mail.subject.includes(submitted.body.id));
    expect(email.headers.get('x-correlation-id')).toBe(correlationId);
    const ledger = await system.prisma.notification.findMany({ where: { correlationId } });
    expect(ledger.length).toBeGreaterThan(0);
    const outbox = await system.prisma.outbox.findMany({ where: { correlationId } });
    expect(outbox.every((row) => row.doneAt !== null || row.publishedAt !== null)).toBe(true);
  });

  it('reports every dependency healthy when all answer', async () => {
    const health = await system.http.get('/health').expect(200);
    expect(Object.keys(health.body.details).sort()).toEqual(['nats', 'postgres', 'redis', 'smtp']);
  });

  it('reports SMTP down with 503 when the SMTP server is gone, naming it', async () => {
    const other = await startTestSystem({ env: { SMTP_URL: 'smtp://127.0.0.1:1' } });
    try {
      const health = await other.http.get('/health').expect(503);
      expect(health.body.error.smtp.status).toBe('down');
      expect(health.body.details.postgres.status).toBe('up');
    } finally {
      await other.close();
    }
  });

  it('lists each endpoint\u2019s roles in the OpenAPI document', async () => {
    const doc = await system.http.get('/docs-json').expect(200);
    expect(doc.body.paths['/contracts'].post.description).toBe('Roles: SALES_SPECIALIST, SALES_MANAGER, SALES_DIRECTOR.');
    expect(doc.body.paths['/approval-policy'].put.description).toBe('Roles: ADMIN.');
    expect(doc.body.paths['/org/employees'].put.description).toBe('Roles: ADMIN, HR.');
    const operations = Object.values(doc.body.paths as Record<string, Record<string, { description?: string }>>).flatMap((p) => Object.values(p));
    expect(operations.every((operation) => operation.description?.startsWith('Roles:'))).toBe(true);
  });

  it('exposes Prometheus metrics including emails sent', async () => {
    const metrics = await system.http.get('/metrics').expect(200);
    expect(metrics.text).toContain('salesflow_emails_sent_total');
  });
});
