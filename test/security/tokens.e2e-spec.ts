import jwt from 'jsonwebtoken';
import { actionTokenFor, hashActionToken } from '#libs/notifications';
import { contractBody, linkToken, submit, waitForRequest } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { TEST_JWT_SECRET } from '../support/test-system.js';
import { useTestSystem } from '../support/use-test-system.js';

const HOUR = 3600;

describe('bearer tokens must expire, and email-link tokens are keyed apart from them (issue 12 item 1)', () => {
  const system = useTestSystem({ setUp: () => seedOrg(system) });
  const now = () => Math.floor(Date.now() / 1000);
  const signed = (claims: object, secret = TEST_JWT_SECRET) => jwt.sign(claims, secret, { algorithm: 'HS256', noTimestamp: true });
  const listAs = (token: string) => system.http.get('/org/employees').set('Authorization', `Bearer ${token}`);

  it('a token with exp within JWT_MAX_LIFETIME (12 h) is accepted', async () => {
    await listAs(signed({ sub: ORG.rep, iat: now(), exp: now() + 12 * HOUR })).expect(200);
  });

  it('a token without exp is 401: it would never expire', async () => {
    const answer = await listAs(signed({ sub: ORG.rep, iat: now() }));
    expect(answer.status).toBe(401);
    expect(answer.body.message).toMatch(/exp/);
  });

  it('a token living longer than JWT_MAX_LIFETIME is 401, also when it omits iat', async () => {
    expect((await listAs(signed({ sub: ORG.rep, iat: now(), exp: now() + 12 * HOUR + 60 }))).status).toBe(401);
    expect((await listAs(signed({ sub: ORG.rep, exp: now() + 30 * 24 * HOUR }))).status).toBe(401);
  });

  it('an email link is derived from LINK_SECRET, not JWT_SECRET; the link token is not a bearer token, nor is a JWT signed with the link key', async () => {
    const { id } = await submit(system, ORG.rep, contractBody('Keys apart', { discountPct: 8 }));
    const token = linkToken(await waitForRequest(system, ORG.manager, id));
    const row = await system.prisma.actionToken.findUniqueOrThrow({ where: { tokenHash: hashActionToken(token) } });
    expect(system.config.LINK_SECRET).not.toBe(system.config.JWT_SECRET);
    expect(token).toBe(actionTokenFor(system.config.LINK_SECRET, row.id));
    expect(token).not.toBe(actionTokenFor(system.config.JWT_SECRET, row.id));

    expect((await listAs(token)).status).toBe(401);
    expect((await listAs(signed({ sub: ORG.admin, iat: now(), exp: now() + HOUR }, system.config.LINK_SECRET))).status).toBe(401);
    // The link still works: refusing it as a bearer token used nothing up.
    expect((await system.http.get(`/actions/${token}`)).status).toBe(200);
  });

  it('a bearer token is not an email-link token (404 on the action and survey pages)', async () => {
    const bearer = system.token(ORG.manager);
    expect((await system.http.get(`/actions/${bearer}`)).status).toBe(404);
    expect((await system.http.post(`/actions/${bearer}`).send({ decision: 'approve' })).status).toBe(404);
    expect((await system.http.get(`/surveys/${bearer}`)).status).toBe(404);
  });
});
