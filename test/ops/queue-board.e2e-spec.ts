import { ALL_QUEUES } from '#libs/queue';
import { waitFor } from '#libs/testing';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { signIn } from '../support/sign-in.js';
import { useTestSystem } from '../support/use-test-system.js';

interface BoardQueue {
  name: string;
  counts: Record<string, number>;
  isPaused: boolean;
}

describe('Bull Board at /admin/queues', () => {
  const system = useTestSystem({ setUp: () => seedOrg(system) });

  it('refuses a visitor without a token with 401, before any page or queue data', async () => {
    const page = await system.http.get('/admin/queues').expect(401);
    expect(page.text).not.toContain('<html');
    const api = await system.http.get('/admin/queues/api/queues').expect(401);
    expect(api.body.queues).toBeUndefined();
  });

  it('refuses an employee who is not ADMIN (HR) with 403', async () => {
    await system.as(ORG.hr).get('/admin/queues').expect(403);
    const api = await system.as(ORG.hr).get('/admin/queues/api/queues').expect(403);
    expect(api.body.queues).toBeUndefined();
  });

  it('refuses a non-ADMIN the board\u2019s actions too: pausing a queue is 403 and the queue keeps running', async () => {
    await system.as(ORG.hr).put('/admin/queues/api/queues/approval-urgent/pause').expect(403);
    await system.http.put('/admin/queues/api/queues/approval-urgent/pause').expect(401);
    const api = await system.as(ORG.admin).get('/admin/queues/api/queues').expect(200);
    expect((api.body.queues as BoardQueue[]).find((queue) => queue.name === 'approval-urgent')?.isPaused).toBe(false);
  });

  it('refuses a forged token with 401', async () => {
    await system.http.get('/admin/queues').set('Authorization', 'Bearer not-a-jwt').expect(401);
  });

  it('serves ADMIN the board page and, through its JSON API, every queue under this installation\u2019s prefix', async () => {
    const page = await system.as(ORG.admin).get('/admin/queues').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('/admin/queues');
    const queues = async () => (await system.as(ORG.admin).get('/admin/queues/api/queues').expect(200)).body.queues as BoardQueue[];
    expect((await queues()).map((queue) => queue.name).sort()).toEqual([...ALL_QUEUES].sort());
    // Seeding the org ran jobs (employee.changed reaches training) under this system's prefix: the board counts them.
    await waitFor('a completed job on the board', queues, (listed) => listed.some((queue) => (queue.counts.completed ?? 0) > 0));
  });

  it('accepts an ADMIN’s sign-in session (cookie) and refuses a non-ADMIN’s with 403', async () => {
    const admin = await signIn(system, ORG.admin);
    const page = await system.http.get('/admin/queues').set('Cookie', admin.cookie).expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    await system.http.get('/admin/queues/api/queues').set('Cookie', admin.cookie).expect(200);
    const hr = await signIn(system, ORG.hr);
    await system.http.get('/admin/queues').set('Cookie', hr.cookie).expect(403);
    await system.http.get('/admin/queues/api/queues').set('Cookie', hr.cookie).expect(403);
  });

  it('with a session, the board’s actions need the CSRF token or the browser’s Sec-Fetch-Site: same-origin; a cross-site one is 403 and pauses nothing', async () => {
    const admin = await signIn(system, ORG.admin);
    const paused = async () => ((await system.as(ORG.admin).get('/admin/queues/api/queues').expect(200)).body.queues as BoardQueue[]).find((queue) => queue.name === 'approval-bulk')?.isPaused;
    await system.http.put('/admin/queues/api/queues/approval-bulk/pause').set('Cookie', admin.cookie).expect(403);
    await system.http.put('/admin/queues/api/queues/approval-bulk/pause').set('Cookie', admin.cookie).set('Sec-Fetch-Site', 'cross-site').expect(403);
    expect(await paused()).toBe(false);
    await system.http.put('/admin/queues/api/queues/approval-bulk/pause').set('Cookie', admin.cookie).set('Sec-Fetch-Site', 'same-origin').expect(200);
    expect(await paused()).toBe(true);
    await system.http.put('/admin/queues/api/queues/approval-bulk/resume').set('Cookie', admin.cookie).set('X-CSRF-Token', admin.csrfToken).expect(200);
    expect(await paused()).toBe(false);
  });
});
