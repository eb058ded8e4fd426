import { Writable } from 'node:stream';
import { contractBody, linkToken, submit, waitForRequest } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

/** Everything the system logged, as pino wrote it. */
class CapturedLog extends Writable {
  text = '';

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe('nothing secret in the logs: no bearer token, no email-link token, no recipient address (issue 12 item 2)', () => {
  const log = new CapturedLog();
  const system = useTestSystem({ env: { LOG_LEVEL: 'info' }, logStream: log, setUp: () => seedOrg(system) });

  it('a run with a bearer token, an action link, a survey link and an email send logs none of them', async () => {
    const bearer = system.token(ORG.rep);
    await system.http.get('/org/employees').set('Authorization', `Bearer ${bearer}`).expect(200);
    const { id } = await submit(system, ORG.rep, contractBody('Quiet logs', { discountPct: 8 }));
    const mail = await waitForRequest(system, ORG.manager, id);
    const actionToken = linkToken(mail);
    await system.http.get(`/actions/${actionToken}`).expect(200);
    await system.http.post(`/actions/${actionToken}`).send({ decision: 'approve' }).expect(200);
    const surveyToken = 'a-survey-token-that-was-never-issued-0123456789';
    await system.http.get(`/surveys/${surveyToken}`).expect(404);

    // The requests and the send were logged (so the grep below reads a real log), by ledger id.
    const sentRow = await system.prisma.notification.findFirstOrThrow({ where: { recipientEmail: ORG.manager } });
    expect(log.text).toContain('/actions/[redacted]');
    expect(log.text).toContain('/surveys/[redacted]');
    expect(log.text).toContain(`email ${sentRow.id}`);
    expect(log.text).toContain('"authorization":"[redacted]"');

    for (const secret of [bearer, bearer.split('.')[2], actionToken, surveyToken, ORG.manager]) expect(log.text).not.toContain(secret);
  });
});
