import { createHash } from 'node:crypto';
import type { Customer } from '#generated/prisma';
import { waitFor, type ReceivedEmail } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { addEmployees } from '../support/approval-helpers.js';
import { ORG, SMALL_CONTRACT, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';
import { engineIdle } from './engine-idle.js';
import { employeeId, keyOf, mailsWithKey } from './revisit-test-helpers.js';

/**
 * Issue 3, item 6 (satisfaction surveys): sent to the customer's primary contact after a resolved
 * complaint and on the contract schedule, at most one per contact per 30 days; the email's link
 * opens a form (GET changes nothing) and answers once (POST), then 410, and 410 once expired; a
 * score of 2 or less alerts the owner and their manager at once and plans an at-risk visit within
 * 2 of the owner's working days.
 *
 * Time is a ManualClock starting on Friday 2027-03-12 14:30 in Shanghai; the owner works Monday to
 * Friday 09:00-18:00.
 */
const T0 = new Date('2027-03-12T06:30:00Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const CS = 'cs@salesflow.test';

let sequence = 0;

function surveyTokenIn(mail: ReceivedEmail): string {
  const match = /\/surveys\/([A-Za-z0-9_-]+)/.exec(mail.text);
  if (!match) throw new Error(`No survey link in: ${mail.text.slice(0, 500)}`);
  return match[1];
}

describe('satisfaction surveys', () => {
  const clock = new ManualClock(T0);
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      await addEmployees(system, [{ email: CS, name: 'Cora Service', role: 'CUSTOMER_SERVICE', region: 'Shanghai', managerEmail: ORG.manager }]);
    },
  });

  async function customer(name: string, contacts: object[]): Promise<Customer> {
    return system.prisma.customer.create({
      data: { code: `S-${++sequence}`, name, ownerId: await employeeId(system, ORG.rep), tier: 'B', status: 'active', region: 'Shanghai', contacts, createdAt: clock.now() },
    });
  }

  /** A complaint recorded by the owner and resolved by customer service: the survey is asked for on resolve. */
  async function resolvedComplaint(customerId: string): Promise<string> {
    const created = await system.as(ORG.rep).post('/complaints').send({ customerId, severity: 'low', channel: 'email', description: 'Late delivery' }).expect(201);
    await system.as(CS).post(`/complaints/${created.body.id}/resolve`).send({ resolution: 'Expedited the next shipment.' }).expect(200);
    await engineIdle(system, clock, 'the resolution and its survey email');
    return created.body.id as string;
  }

  const surveyMailsTo = (email: string) => mailsWithKey(system, 'survey-request:').filter((mail) => mail.to.includes(email));
  /** Bounded wait for the `count`-th survey email to this contact. */
  const surveyMailArrived = (email: string, count = 1) =>
    waitFor(`${count} survey email(s) to ${email}`, () => surveyMailsTo(email), (mails) => mails.length >= count);
  const surveysTo = (email: string) => system.prisma.survey.findMany({ where: { contactEmail: email }, orderBy: { createdAt: 'asc' } });

  it('guarantee: resolving a complaint emails the survey to the first contact with an email, in the contact\u2019s language; the link is stored only as a hash; GET shows the form and changes nothing; the first POST answers, every later use is 410', async () => {
    const acme = await customer('Acme <b>Bold</b> & Sons', [
      { name: 'Front Desk', email: '', phone: '+86 21 5555 0100', locale: 'zh-CN' },
      { name: 'Lee Buyer', email: 'Lee@Acme.Example', phone: null, locale: 'en' },
    ]);
    const complaintId = await resolvedComplaint(acme.id);

    const mails = await surveyMailArrived('lee@acme.example');
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('How satisfied are you? A one-minute survey for Acme <b>Bold</b> & Sons');
    expect(mails[0].text).toContain('Hello Lee Buyer,');
    const token = surveyTokenIn(mails[0]);
    expect(mails[0].text).toContain(`http://salesflow.test/surveys/${token}`);

    const [survey] = await surveysTo('lee@acme.example');
    expect(survey).toMatchObject({ customerId: acme.id, reason: 'complaint', sourceId: complaintId, answeredAt: null });
    expect(survey.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(survey.expiresAt.toISOString()).toBe(new Date(T0.getTime() + 14 * DAY).toISOString());
    const ledger = await system.prisma.notification.findUniqueOrThrow({ where: { idempotencyKey: keyOf(mails[0]) } });
    expect(ledger).toMatchObject({ recipientId: null, recipientEmail: 'lee@acme.example', kind: 'survey-request', locale: 'en' });
    expect(JSON.stringify(ledger.data)).not.toContain(token);

    for (let i = 0; i < 2; i++) {
      const page = await system.http.get(`/surveys/${token}`).expect(200);
      expect(page.text).toContain('<html lang="en">');
      expect(page.text).toContain('<form method="post">');
      expect(page.text).toContain('Acme &lt;b&gt;Bold&lt;/b&gt; &amp; Sons');
      expect(page.text).not.toContain('<b>Bold');
    }
    expect((await system.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).answeredAt).toBeNull();

    const answered = await system.http.post(`/surveys/${token}`).send({ score: 4, comment: 'Good recovery.' }).expect(200);
    expect(answered.body).toEqual({ score: 4, comment: 'Good recovery.', answeredAt: clock.now().toISOString() });
    await system.http.post(`/surveys/${token}`).send({ score: 1 }).expect(410);
    const usedPage = await system.http.get(`/surveys/${token}`).expect(410);
    expect(usedPage.text).toContain('already been answered');
    await system.http.get('/surveys/not-a-real-token').expect(404);
    expect(await system.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).toMatchObject({ score: 4, comment: 'Good recovery.' });

    // A good score alerts nobody and plans nothing.
    await engineIdle(system, clock, 'after a good score');
    expect(mailsWithKey(system, `survey-low-score:${survey.id}`)).toEqual([]);
    expect(await system.prisma.visit.count({ where: { customerId: acme.id, kind: 'at_risk' } })).toBe(0);
  });

  it('guarantee: a score of 2 (form-encoded) alerts the owner and the owner\u2019s manager while the clock stands still, and plans an at-risk visit due 2 of the owner\u2019s working days later', async () => {
    const beta = await customer('Beta Trading', [{ name: '王芳', email: 'wang@beta.example', phone: null, locale: 'zh-CN' }]);
    await resolvedComplaint(beta.id);
    const [mail] = await surveyMailArrived('wang@beta.example');
    expect(mail.subject).toMatch(/[\u4e00-\u9fff]/);
    const token = surveyTokenIn(mail);
    expect((await system.http.get(`/surveys/${token}`).expect(200)).text).toContain('<html lang="zh-CN">');

    const answeredAt = clock.now(); // Friday 14:30 Shanghai; the clock does not move from here
    const thanks = await system.http.post(`/surveys/${token}`).type('form').send('score=2&comment=Late+again').expect(200);
    expect(thanks.headers['content-type']).toMatch(/html/);
    const [survey] = await surveysTo('wang@beta.example');
    expect(survey).toMatchObject({ score: 2, comment: 'Late again' });

    const alertKey = `survey-low-score:${survey.id}:`;
    const toOwner = await system.smtp.waitForEmail('the low-score alert to the owner', (m) => keyOf(m).startsWith(alertKey) && m.to.includes(ORG.rep));
    await system.smtp.waitForEmail('the low-score alert to the manager', (m) => keyOf(m).startsWith(alertKey) && m.to.includes(ORG.manager));
    expect(toOwner.subject).toBe(`Low satisfaction score from Beta Trading (${beta.code}): 2 of 5`);
    expect(toOwner.text).toContain('Late again');
    // The SMTP server has the emails a moment before the ledger records them sent.
    const alerts = await waitFor(
      'both alerts recorded sent in the ledger',
      () => system.prisma.notification.findMany({ where: { idempotencyKey: { startsWith: alertKey } } }),
      (rows) => rows.length === 2 && rows.every((row) => row.status === 'sent'),
    );
    for (const alert of alerts) expect(alert.sentAt!.getTime() - answeredAt.getTime()).toBeLessThanOrEqual(MINUTE);

    // Friday 14:30 + 2 working days = Tuesday 14:30 Shanghai.
    const visits = await system.prisma.visit.findMany({ where: { customerId: beta.id, kind: 'at_risk' } });
    expect(visits.map((v) => [v.status, v.ownerId, v.dueAt.toISOString()])).toEqual([['planned', await employeeId(system, ORG.rep), '2027-03-16T06:30:00.000Z']]);
    // The answer is the visit's source: one at-risk visit per survey answer is a database fact.
    expect(visits.map((v) => v.sourceId)).toEqual([survey.id]);
    const listed = (await system.as(ORG.rep).get('/revisits?due=all').expect(200)).body as { items: { id: string; kind: string }[] };
    expect(listed.items.filter((v) => v.kind === 'at_risk').map((v) => v.id)).toEqual([visits[0].id]);
    expect(toOwner.text).toContain('2027-03-16 14:30');
  });

  it('guarantee: at most one survey per contact email per 30 days: a second resolved complaint, even of another customer with the same contact, sends none, and the audit trail says why', async () => {
    clock.advance(DAY);
    const acme = await system.prisma.customer.findFirstOrThrow({ where: { name: 'Acme <b>Bold</b> & Sons' } });
    const sister = await customer('Acme Sister Co', [{ name: 'Lee Buyer', email: 'lee@acme.example', phone: null, locale: 'en' }]);
    await resolvedComplaint(acme.id);
    await resolvedComplaint(sister.id);

    expect(await surveysTo('lee@acme.example')).toHaveLength(1);
    expect(surveyMailsTo('lee@acme.example')).toHaveLength(1);
    for (const id of [acme.id, sister.id]) {
      const skipped = await system.prisma.auditEntry.findFirstOrThrow({ where: { entityType: 'customer', entityId: id, action: 'survey.skipped' } });
      expect(skipped.after).toMatchObject({ reason: 'complaint', contactEmail: 'lee@acme.example', because: 'frequency-cap', capDays: 30 });
    }
  });

  it('guarantee: a survey link expires after 14 days: the page and the answer are then 410, and nothing is recorded', async () => {
    const delta = await customer('Delta Works', [{ name: 'Dee', email: 'dee@delta.example', phone: null, locale: 'en' }]);
    await resolvedComplaint(delta.id);
    const token = surveyTokenIn((await surveyMailArrived('dee@delta.example'))[0]);
    await system.http.get(`/surveys/${token}`).expect(200);

    clock.advance(14 * DAY + MINUTE);
    await engineIdle(system, clock, 'two weeks later');
    const page = await system.http.get(`/surveys/${token}`).expect(410);
    expect(page.text).toContain('expired');
    const refused = await system.http.post(`/surveys/${token}`).send({ score: 5 }).expect(410);
    expect(refused.body.message).toContain('expired');
    expect((await surveysTo('dee@delta.example'))[0]).toMatchObject({ answeredAt: null, score: null });
  });

  it('guarantee: the contract schedule (survey.send) surveys the contract customer\u2019s primary contact, respecting the cap; after 30 days a contact may be surveyed again', async () => {
    const echo = await customer('Echo Systems', [{ name: 'Ed', email: 'ed@echo.example', phone: null, locale: 'en' }]);
    const fox = await customer('Fox Retail', [{ name: 'Fay', email: 'fay@fox.example', phone: null, locale: 'en' }]);
    const contractOf = async (c: Customer) =>
      (await system.as(ORG.rep).post('/contracts').send({ ...SMALL_CONTRACT, customerId: c.id, customerName: c.name, title: `Supply ${c.code}` }).expect(201)).body.id as string;
    const [echoContract, foxContract] = [await contractOf(echo), await contractOf(fox)];
    // The timer contract events arm on approval (the same unique key, so an armed one is kept).
    const dueAt = new Date(clock.now().getTime() + 30 * DAY);
    await system.prisma.timer.createMany({
      data: [echoContract, foxContract].map((id) => ({ kind: 'survey.send', queue: 'followup-bulk', subjectId: id, dueAt, uniqueKey: `survey-due:${id}` })),
      skipDuplicates: true,
    });
    await engineIdle(system, clock, 'contracts approved');

    clock.advance(20 * DAY);
    await resolvedComplaint(fox.id); // Fay is surveyed now, 10 days before the contract schedule
    expect(await surveyMailArrived('fay@fox.example')).toHaveLength(1);

    clock.advance(10 * DAY + MINUTE);
    await surveyMailArrived('ed@echo.example');
    await engineIdle(system, clock, 'the contract surveys due');
    const [echoSurvey] = await surveysTo('ed@echo.example');
    expect(echoSurvey).toMatchObject({ reason: 'contract', sourceId: echoContract, customerId: echo.id });
    expect(surveyMailsTo('ed@echo.example')).toHaveLength(1);
    expect((await surveysTo('fay@fox.example')).map((s) => s.reason)).toEqual(['complaint']);
    expect(surveyMailsTo('fay@fox.example')).toHaveLength(1);
    const skipped = await system.prisma.auditEntry.findFirstOrThrow({ where: { entityType: 'customer', entityId: fox.id, action: 'survey.skipped' } });
    expect(skipped.after).toMatchObject({ reason: 'contract', sourceId: foxContract, because: 'frequency-cap' });

    // Lee was last surveyed on day 0; more than 30 days later a resolved complaint surveys them again.
    const acme = await system.prisma.customer.findFirstOrThrow({ where: { name: 'Acme <b>Bold</b> & Sons' } });
    await resolvedComplaint(acme.id);
    expect(await surveyMailArrived('lee@acme.example', 2)).toHaveLength(2);
    expect(await surveysTo('lee@acme.example')).toHaveLength(2);
  });
});
