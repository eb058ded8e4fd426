import { addEmployees, contractBody, linkToken, submit, waitForRequest } from '../support/approval-helpers.js';
import { employeeId } from '../followup/revisit-test-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { CapturedLog } from '../support/captured-log.js';
import { useTestSystem } from '../support/use-test-system.js';

describe('nothing secret in the logs: no bearer token, no email-link token, no recipient address (issue 12 item 2)', () => {
  const log = new CapturedLog();
  const CS = 'cs@salesflow.test';
  const CONTACT = 'lee.buyer@customer.example';
  const system = useTestSystem({
    env: { LOG_LEVEL: 'info' },
    logStream: log,
    async setUp() {
      await seedOrg(system);
      await addEmployees(system, [{ email: CS, name: 'Cora Service', role: 'CUSTOMER_SERVICE', region: 'Shanghai', managerEmail: ORG.manager }]);
    },
  });

  /** A resolved complaint asks the customer's contact for a survey: an email to a customer, and a survey link. */
  async function surveyLinkSentTo(contactEmail: string): Promise<string> {
    const customer = await system.prisma.customer.create({
      data: { code: 'LOG-1', name: 'Quiet Customer', ownerId: await employeeId(system, ORG.rep), tier: 'B', status: 'active', region: 'Shanghai', contacts: [{ name: 'Lee Buyer', email: contactEmail, phone: null, locale: 'en' }] },
    });
    const complaint = await system.as(ORG.rep).post('/complaints').send({ customerId: customer.id, severity: 'low', channel: 'email', description: 'Late delivery' }).expect(201);
    await system.as(CS).post(`/complaints/${complaint.body.id}/resolve`).send({ resolution: 'Expedited.' }).expect(200);
    const mail = await system.smtp.waitForEmail('the survey email', (received) => received.to.includes(contactEmail));
    const match = /\/surveys\/([A-Za-z0-9_-]+)/.exec(mail.text);
    if (!match) throw new Error(`No survey link in: ${mail.text.slice(0, 500)}`);
    return match[1];
  }

  it('a run with a bearer token, an action link, a survey link and an email send logs none of them', async () => {
    const bearer = system.token(ORG.rep);
    await system.http.get('/org/employees').set('Authorization', `Bearer ${bearer}`).expect(200);
    const { id } = await submit(system, ORG.rep, contractBody('Quiet logs', { discountPct: 8 }));
    const mail = await waitForRequest(system, ORG.manager, id);
    const actionToken = linkToken(mail);
    await system.http.get(`/actions/${actionToken}`).expect(200);
    await system.http.post(`/actions/${actionToken}`).send({ decision: 'approve' }).expect(200);
    const surveyToken = await surveyLinkSentTo(CONTACT);
    await system.http.get(`/surveys/${surveyToken}`).expect(200);
    const guessedToken = 'a-survey-token-that-was-never-issued-0123456789';
    await system.http.get(`/surveys/${guessedToken}`).expect(404);

    // The requests and the send were logged (so the grep below reads a real log), by ledger id.
    const toManager = await system.prisma.notification.findFirstOrThrow({ where: { recipientEmail: ORG.manager } });
    const toContact = await system.prisma.notification.findFirstOrThrow({ where: { recipientEmail: CONTACT } });
    expect(log.text).toContain('/actions/[redacted]');
    expect(log.text).toContain('/surveys/[redacted]');
    expect(log.text).toContain(`email ${toManager.id}`);
    expect(log.text).toContain(`email ${toContact.id}`);
    expect(log.text).toContain('"authorization":"[redacted]"');

    for (const secret of [bearer, bearer.split('.')[2], actionToken, surveyToken, guessedToken, ORG.manager, CONTACT]) expect(log.text).not.toContain(secret);
  });
});
