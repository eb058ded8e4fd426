import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

describe('outside development and test: /docs only for an ADMIN, /metrics off without METRICS_TOKEN (issue 12 item 8)', () => {
  const system = useTestSystem({ env: { NODE_ENV: 'production' }, setUp: () => seedOrg(system) });

  it('/docs-json and /docs are 404 without a token and for a non-ADMIN, 200 for an ADMIN', async () => {
    expect((await system.http.get('/docs-json')).status).toBe(404);
    expect((await system.http.get('/docs')).status).toBe(404);
    expect((await system.as(ORG.hr).get('/docs-json')).status).toBe(404);
    const doc = await system.as(ORG.admin).get('/docs-json').expect(200);
    expect(doc.body.paths['/org/employees']).toBeDefined();
  });

  it('/metrics without METRICS_TOKEN configured is refused (403), whatever the caller sends', async () => {
    expect((await system.http.get('/metrics')).status).toBe(403);
    expect((await system.as(ORG.admin).get('/metrics')).status).toBe(403);
  });
});
