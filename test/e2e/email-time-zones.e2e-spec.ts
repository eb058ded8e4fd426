// Every email shows its instants in the zone its reader works in: the work calendar's zone when
// the calendar names one, else the employee's own (SPEC: the calendar's timezone wins). Approval
// emails once used the employee's zone and complaint emails the calendar's; one rule now
// (EmailRecipients), checked here on an approval request whose reader's calendar is in Berlin
// while the employee record says Shanghai.
import { formatInstant } from '#libs/mail';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';
import { addEmployees, contractBody, submit, waitForRequest } from '../support/approval-helpers.js';

const BERLIN_MANAGER = 'berlin.manager@salesflow.test';
const BERLIN_REP = 'berlin.rep@salesflow.test';

describe('the zone instants are shown in', () => {
  const system = useTestSystem({
    async setUp() {
      await seedOrg(system);
      await system.as(ORG.admin).put('/org/calendars/berlin-office')
        .send({ timezone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00', holidays: [], workdays: [] })
        .expect(200);
      await addEmployees(system, [
        { email: BERLIN_MANAGER, name: 'Bea Berlin', role: 'SALES_MANAGER', managerEmail: ORG.director, timezone: 'Asia/Shanghai', calendar: 'berlin-office' },
        { email: BERLIN_REP, name: 'Ben Berlin', role: 'SALES_SPECIALIST', managerEmail: BERLIN_MANAGER, timezone: 'Asia/Shanghai' },
      ]);
    },
  });

  it("is the approver's calendar zone when the calendar names one, not the employee record's", async () => {
    const submitted = await submit(system, BERLIN_REP, contractBody('Zone check', { discountPct: 8 }));
    const dueAt = submitted.route[0].dueAt;
    expect(dueAt).toEqual(expect.any(String));
    const request = await waitForRequest(system, BERLIN_MANAGER, submitted.id);
    expect(request.text).toContain(formatInstant(dueAt!, 'Europe/Berlin'));
    expect(request.text).not.toContain('(Asia/Shanghai)');
  });
});
