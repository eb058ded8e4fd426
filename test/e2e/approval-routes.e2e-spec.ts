import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';
import {
  addEmployees, contractBody, decide, getContract, ledgerFor, putPolicy, requestRecipients, requestsReceived, rowCounts,
  expectEveryEmailNamesItsContract, SPEC_DEFAULT_POLICY, submit, waitForOutcome, waitForRequest,
} from '../support/approval-helpers.js';

// Extra people for this file: a second FINANCE (role entries ask everyone with the role),
// and a zh-CN speaking team (per-recipient locale).
const FINANCE2 = 'finance2@salesflow.test';
const ZH_MANAGER = 'zh.manager@salesflow.test';
const ZH_REP = 'zh.rep@salesflow.test';
const EN_REP_UNDER_ZH = 'en.rep@salesflow.test';

describe('approval routes through the HTTP API', () => {
  const system = useTestSystem({
    async setUp() {
      await seedOrg(system);
      await addEmployees(system, [
        { email: FINANCE2, name: 'Fred Finance', role: 'FINANCE' },
        { email: ZH_MANAGER, name: '王经理', role: 'SALES_MANAGER', managerEmail: ORG.director, locale: 'zh-CN' },
        { email: ZH_REP, name: '李销售', role: 'SALES_SPECIALIST', managerEmail: ZH_MANAGER, locale: 'zh-CN' },
        { email: EN_REP_UNDER_ZH, name: 'Evan Rep', role: 'SALES_SPECIALIST', managerEmail: ZH_MANAGER, locale: 'en' },
      ]);
    },
  });

  describe('default policy', () => {
    it('manager only: discount 8 routes to the manager alone, who approves; the submitter hears the outcome', async () => {
      const body = contractBody('Manager-only order', { discountPct: 8 });
      const submitted = await submit(system, ORG.rep, body);
      expect(submitted.status).toBe('PENDING_APPROVAL');
      expect(submitted.route.map((s) => s.name)).toEqual(['manager']);
      expect(submitted.route[0]).toMatchObject({ name: 'manager', mode: 'all', status: 'PENDING', approvers: [{ ref: 'manager', emails: [ORG.manager] }] });
      expect(submitted.route[0].dueAt).toEqual(expect.any(String));

      const request = await waitForRequest(system, ORG.manager, submitted.id);
      expect(request.subject + request.text).toContain(body.title);
      expect(await requestRecipients(system, submitted.id)).toEqual([ORG.manager]);

      const decided = await decide(system, ORG.manager, submitted.id, 'approve').expect(200);
      expect(decided.body.status).toBe('APPROVED');
      expect(decided.body.route[0]).toMatchObject({ status: 'APPROVED', approvers: [{ ref: 'manager', decision: 'approve', decidedBy: { email: ORG.manager } }] });
      const outcome = await waitForOutcome(system, ORG.rep, submitted.id, 'APPROVED');
      expect(outcome.subject + outcome.text).toContain(body.title);
    });

    it('mode all, manager -> director -> finance + legal (amount >= 5,000,000): each stage is asked only when it starts; APPROVED after the last', async () => {
      const body = contractBody('Big framework agreement', { amount: 6_000_000, discountPct: 3, paymentTermDays: 30 });
      const submitted = await submit(system, ORG.rep, body);
      expect(submitted.status).toBe('PENDING_APPROVAL');
      expect(submitted.route.map((s) => [s.name, s.status])).toEqual([['manager', 'PENDING'], ['director', 'WAITING'], ['finance', 'WAITING']]);
      expect(submitted.route[1].dueAt).toBeNull();
      expect(submitted.route[2].approvers.map((a) => a.ref)).toEqual(['role:FINANCE', 'role:LEGAL']);
      expect([...submitted.route[2].approvers[0].emails].sort()).toEqual([ORG.finance, FINANCE2].sort());
      expect(submitted.route[2].approvers[1].emails).toEqual([ORG.legal]);
      const id = submitted.id;

      // Stage 1: only the manager is asked.
      await waitForRequest(system, ORG.manager, id);
      expect(await requestRecipients(system, id)).toEqual([ORG.manager]);
      expect(requestsReceived(system, ORG.director, id)).toHaveLength(0);

      await decide(system, ORG.manager, id, 'approve').expect(200);
      // Stage 2: the director now, still not finance or legal.
      await waitForRequest(system, ORG.director, id);
      expect(await requestRecipients(system, id)).toEqual([ORG.director, ORG.manager].sort());
      let contract = await getContract(system, ORG.rep, id);
      expect(contract.route.map((s) => s.status)).toEqual(['APPROVED', 'PENDING', 'WAITING']);

      await decide(system, ORG.director, id, 'approve').expect(200);
      // Stage 3: both finance people (one entry) and legal.
      await Promise.all([waitForRequest(system, ORG.finance, id), waitForRequest(system, FINANCE2, id), waitForRequest(system, ORG.legal, id)]);
      expect(await requestRecipients(system, id)).toEqual([ORG.director, FINANCE2, ORG.finance, ORG.legal, ORG.manager].sort());

      // role:FINANCE is one entry: the first finance person to decide speaks for it.
      const byFinance2 = await decide(system, FINANCE2, id, 'approve').expect(200);
      expect(byFinance2.body.status).toBe('PENDING_APPROVAL');
      await decide(system, ORG.finance, id, 'approve').expect(409);
      expect((await ledgerFor(system, id)).filter((r) => r.kind === 'approval-outcome')).toHaveLength(0);

      const final = await decide(system, ORG.legal, id, 'approve').expect(200);
      expect(final.body.status).toBe('APPROVED');
      contract = await getContract(system, ORG.rep, id);
      expect(contract.route.map((s) => s.status)).toEqual(['APPROVED', 'APPROVED', 'APPROVED']);
      expect(contract.route[2].approvers[0]).toMatchObject({ decision: 'approve', decidedBy: { email: FINANCE2 } });
      const outcome = await waitForOutcome(system, ORG.rep, id, 'APPROVED');
      expect(outcome.subject + outcome.text).toContain(body.title);
    });

    it('legal is only asked when amount >= 5,000,000 (entry-level when)', async () => {
      const submitted = await submit(system, ORG.rep, contractBody('Two million order', { amount: 2_000_000, discountPct: 3 }));
      expect(submitted.route.map((s) => s.name)).toEqual(['manager', 'director', 'finance']);
      expect(submitted.route[2].approvers.map((a) => a.ref)).toEqual(['role:FINANCE']);
    });

    it('a SALES_MANAGER submitting is never asked about their own contract: their own manager (the director) is asked instead', async () => {
      const body = contractBody('Manager own deal', { discountPct: 8 });
      const submitted = await submit(system, ORG.manager, body);
      expect(submitted.route).toHaveLength(1);
      expect(submitted.route[0].approvers).toEqual([expect.objectContaining({ ref: 'manager', emails: [ORG.director] })]);
      await waitForRequest(system, ORG.director, submitted.id);
      expect(await requestRecipients(system, submitted.id)).toEqual([ORG.director]);
      expect(requestsReceived(system, ORG.manager, submitted.id)).toHaveLength(0);
      await decide(system, ORG.manager, submitted.id, 'approve').expect(403);
      expect((await getContract(system, ORG.manager, submitted.id)).status).toBe('PENDING_APPROVAL');
      await decide(system, ORG.director, submitted.id, 'approve').expect(200);
      await waitForOutcome(system, ORG.manager, submitted.id, 'APPROVED');
    });

    it('a contract in USD is compared in CNY through the rates: USD 20,000 at 7.1 = CNY 142,000 >= 100,000 routes to the manager', async () => {
      await system.as(ORG.admin).put('/fx-rates').send({ rates: { USD: 7.1, JPY: 0.05 } }).expect(200);
      const submitted = await submit(system, ORG.rep, contractBody('Dollar deal', { amount: 20_000, currency: 'USD', discountPct: 3 }));
      expect(submitted.status).toBe('PENDING_APPROVAL');
      expect(submitted.route.map((s) => s.name)).toEqual(['manager']);
      const contract = await getContract(system, ORG.rep, submitted.id);
      expect(contract.amountBase).toBeCloseTo(142_000, 2);
      await waitForRequest(system, ORG.manager, submitted.id);

      // USD 800,000 = CNY 5,680,000: director and finance with legal, although 800,000 < 1,000,000.
      const large = await submit(system, ORG.rep, contractBody('Large dollar deal', { amount: 800_000, currency: 'USD', discountPct: 3 }));
      expect(large.route.map((s) => s.name)).toEqual(['manager', 'director', 'finance']);
      expect(large.route[2].approvers.map((a) => a.ref)).toEqual(['role:FINANCE', 'role:LEGAL']);
    });

    it('a contract in JPY is compared in CNY too: JPY 1,000,000 at 0.05 = CNY 50,000 is APPROVED at once', async () => {
      await system.as(ORG.admin).put('/fx-rates').send({ rates: { USD: 7.1, JPY: 0.05 } }).expect(200);
      const submitted = await submit(system, ORG.rep, contractBody('Yen deal', { amount: 1_000_000, currency: 'JPY', discountPct: 3 }));
      expect(submitted.status).toBe('APPROVED');
      expect(submitted.route).toEqual([]);
      await waitForOutcome(system, ORG.rep, submitted.id, 'APPROVED');
    });

    it('a currency with no rate is refused with 422 and nothing is written', async () => {
      const before = await rowCounts(system);
      const response = await system.as(ORG.rep).post('/contracts').send(contractBody('Pound deal', { amount: 20_000, currency: 'GBP', discountPct: 8 }));
      expect(response.status).toBe(422);
      expect(JSON.stringify(response.body)).toMatch(/GBP/);
      expect(await rowCounts(system)).toEqual(before);
    });

    it('emails speak the recipient\u2019s locale: a zh-CN approver gets Chinese, an en submitter gets English (and vice versa)', async () => {
      // en submitter, zh-CN approver.
      const enBody = contractBody('Locale check A', { discountPct: 8 });
      const fromEn = await submit(system, EN_REP_UNDER_ZH, enBody);
      expect(fromEn.route[0].approvers[0].emails).toEqual([ZH_MANAGER]);
      const zhRequest = await waitForRequest(system, ZH_MANAGER, fromEn.id);
      expect(zhRequest.subject).toContain('合同审批');
      expect(zhRequest.subject).not.toMatch(/Approval request/);
      expect(zhRequest.text).toContain('合同编号');
      expect(zhRequest.text).toContain(enBody.title);
      expect(zhRequest.html).toContain('合同');
      await decide(system, ZH_MANAGER, fromEn.id, 'approve').expect(200);
      const enOutcome = await waitForOutcome(system, EN_REP_UNDER_ZH, fromEn.id, 'APPROVED');
      expect(enOutcome.subject).toMatch(/Contract approved/);
      expect(enOutcome.subject + enOutcome.text).not.toMatch(/合同/);
      expect(enOutcome.html.length).toBeGreaterThan(0);

      // zh-CN submitter; their zh-CN manager is asked; the outcome comes in Chinese.
      const zhBody = contractBody('Locale check B', { discountPct: 8 });
      const fromZh = await submit(system, ZH_REP, zhBody);
      await waitForRequest(system, ZH_MANAGER, fromZh.id);
      await decide(system, ZH_MANAGER, fromZh.id, 'reject', '价格过低').expect(200);
      const zhOutcome = await waitForOutcome(system, ZH_REP, fromZh.id, 'REJECTED');
      expect(zhOutcome.subject).toContain('合同已驳回');
      expect(zhOutcome.text).toContain('价格过低');
      expect(zhOutcome.text).toContain(zhBody.title);

      // An en approver gets English.
      const enApprover = await submit(system, ORG.rep, contractBody('Locale check C', { discountPct: 8 }));
      const enRequest = await waitForRequest(system, ORG.manager, enApprover.id);
      expect(enRequest.subject).toMatch(/^Approval request/);
      expect(enRequest.subject + enRequest.text).not.toMatch(/合同/);
    });

    it('the approval request carries what the approver needs: the discount against the thresholds, the customer\u2019s earlier contracts, the submitter\u2019s 90-day average discount', async () => {
      const rep3 = 'rep3@salesflow.test';
      await addEmployees(system, [{ email: rep3, name: 'Rosa Rep', role: 'SALES_SPECIALIST', managerEmail: ORG.manager }]);
      const customerName = `Globex ${Date.now()}`;
      const earlier = await submit(system, rep3, contractBody('Earlier Globex order', { customerName, discountPct: 4 }));
      expect(earlier.status).toBe('APPROVED');
      const current = await submit(system, rep3, contractBody('Current Globex order', { customerName, discountPct: 6.5 }));
      const mail = await waitForRequest(system, ORG.manager, current.id);
      expect(mail.text).toContain('6.5%');
      expect(mail.text).toContain('discountPct > 5');
      expect(mail.text).toContain(earlier.id);
      expect(mail.text).toMatch(/average discount[^\n]*4%/i);
      expect(mail.text).toContain('50,000.00 CNY');
      expect(mail.html).toContain('6.5%');
    });

    it('GET /approvals/inbox shows a pending step to its approver only; GET /contracts?status=PENDING_APPROVAL shows a rep only their own', async () => {
      const mine = await submit(system, ORG.rep, contractBody('Inbox check rep', { discountPct: 20 }));
      const theirs = await submit(system, ORG.rep2, contractBody('Inbox check rep2', { discountPct: 8 }));

      const managerInbox = await system.as(ORG.manager).get('/approvals/inbox').expect(200);
      const managerIds = managerInbox.body.items.map((i: { contract: { id: string } }) => i.contract.id);
      expect(managerIds).toEqual(expect.arrayContaining([mine.id, theirs.id]));
      expect(managerInbox.body.items.find((i: { contract: { id: string } }) => i.contract.id === mine.id)).toMatchObject({
        stage: 'manager', approver: 'manager', as: 'APPROVER', dueAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        contract: { id: mine.id, title: expect.stringContaining('Inbox check rep'), status: 'PENDING_APPROVAL', discountPct: 20 },
      });
      // The director is on the route of `mine` but the director stage has not started.
      const directorIds = (await system.as(ORG.director).get('/approvals/inbox').expect(200)).body.items.map((i: { contract: { id: string } }) => i.contract.id);
      expect(directorIds).not.toContain(mine.id);
      for (const other of [ORG.rep, ORG.rep2, ORG.finance]) {
        const ids = (await system.as(other).get('/approvals/inbox').expect(200)).body.items.map((i: { contract: { id: string } }) => i.contract.id);
        expect(ids).not.toContain(mine.id);
        expect(ids).not.toContain(theirs.id);
      }

      // Once the manager approves, the step moves from the manager's inbox to the director's.
      await decide(system, ORG.manager, mine.id, 'approve').expect(200);
      const afterManager = (await system.as(ORG.manager).get('/approvals/inbox').expect(200)).body.items.map((i: { contract: { id: string } }) => i.contract.id);
      expect(afterManager).not.toContain(mine.id);
      const afterDirector = await system.as(ORG.director).get('/approvals/inbox').expect(200);
      expect(afterDirector.body.items.find((i: { contract: { id: string } }) => i.contract.id === mine.id)).toMatchObject({ stage: 'director' });

      const repList = await system.as(ORG.rep).get('/contracts?status=PENDING_APPROVAL').expect(200);
      const repIds = repList.body.items.map((c: { id: string }) => c.id);
      expect(repIds).toContain(mine.id);
      expect(repIds).not.toContain(theirs.id);
      for (const item of repList.body.items) {
        expect(item.owner.email).toBe(ORG.rep);
        expect(item.status).toBe('PENDING_APPROVAL');
      }
      const rep2Ids = (await system.as(ORG.rep2).get('/contracts?status=PENDING_APPROVAL').expect(200)).body.items.map((c: { id: string }) => c.id);
      expect(rep2Ids).toContain(theirs.id);
      expect(rep2Ids).not.toContain(mine.id);
      // owner= takes an email; a rep naming another rep's contracts sees none of them.
      expect((await system.as(ORG.rep).get(`/contracts?status=PENDING_APPROVAL&owner=${ORG.rep2}`).expect(200)).body.items).toEqual([]);
      const byOwner = (await system.as(ORG.manager).get(`/contracts?status=PENDING_APPROVAL&owner=${ORG.rep2}`).expect(200)).body.items;
      expect(byOwner.map((c: { id: string }) => c.id)).toContain(theirs.id);
      expect(byOwner.every((c: { owner: { email: string } }) => c.owner.email === ORG.rep2)).toBe(true);
    });
  });

  describe('policies replaced by ADMIN', () => {
    afterAll(async () => {
      await putPolicy(system, SPEC_DEFAULT_POLICY);
    });

    it('a contract keeps the policy version it started with, through later decisions and a resubmission; new contracts use the new version', async () => {
      const running = await submit(system, ORG.rep, contractBody('Started under the old policy', { discountPct: 20 }));
      const toResubmit = contractBody('Resubmitted under the old policy', { discountPct: 20 });
      const changed = await submit(system, ORG.rep, toResubmit);
      await decide(system, ORG.manager, changed.id, 'request_changes', 'Fix the customer name').expect(200);

      await putPolicy(system, { reminderAt: 0.5, stages: [] });
      const fresh = await submit(system, ORG.rep, contractBody('Under the new policy', { discountPct: 20 }));
      expect(fresh.status).toBe('APPROVED');

      await decide(system, ORG.manager, running.id, 'approve').expect(200);
      expect((await getContract(system, ORG.rep, running.id)).route.map((s) => [s.name, s.status])).toEqual([['manager', 'APPROVED'], ['director', 'PENDING']]);
      await waitForRequest(system, ORG.director, running.id);

      const resubmitted = await system.as(ORG.rep).put(`/contracts/${changed.id}`).send({ ...toResubmit, customerName: 'Acme Shanghai Ltd' }).expect(200);
      expect(resubmitted.body.status).toBe('PENDING_APPROVAL');
      expect(resubmitted.body.route.map((s: { name: string }) => s.name)).toEqual(['manager', 'director']);
    });

    it('quorum 2 of three email: approvers: all three are asked at once; two approvals complete the stage; the third is then refused with 409', async () => {
      await putPolicy(system, {
        reminderAt: 0.5,
        stages: [{
          name: 'committee', when: 'discountPct > 5', mode: 'quorum', quorum: 2, sla: 'PT8H',
          approvers: [`email:${ORG.finance}`, `email:${ORG.legal}`, `email:${ORG.hr}`],
        }],
      });
      const body = contractBody('Committee deal', { discountPct: 8 });
      const submitted = await submit(system, ORG.rep, body);
      expect(submitted.route).toHaveLength(1);
      expect(submitted.route[0]).toMatchObject({ name: 'committee', mode: 'quorum', quorum: 2, status: 'PENDING' });
      expect(submitted.route[0].approvers.map((a) => a.emails)).toEqual([[ORG.finance], [ORG.legal], [ORG.hr]]);
      await Promise.all([ORG.finance, ORG.legal, ORG.hr].map((who) => waitForRequest(system, who, submitted.id)));
      expect(requestsReceived(system, ORG.manager, submitted.id)).toHaveLength(0);

      const first = await decide(system, ORG.finance, submitted.id, 'approve').expect(200);
      expect(first.body.status).toBe('PENDING_APPROVAL');
      expect(first.body.route[0].status).toBe('PENDING');
      const second = await decide(system, ORG.hr, submitted.id, 'approve').expect(200);
      expect(second.body.status).toBe('APPROVED');
      expect(second.body.route[0].status).toBe('APPROVED');
      await waitForOutcome(system, ORG.rep, submitted.id, 'APPROVED');
      await decide(system, ORG.legal, submitted.id, 'approve').expect(409);
    });

    it('quorum counts people, not entries: one person named by two entries approves both with one decision but is one voice', async () => {
      await putPolicy(system, {
        reminderAt: 0.5,
        stages: [{
          name: 'committee', when: 'discountPct > 5', mode: 'quorum', quorum: 2, sla: 'PT8H',
          // Leo is the only LEGAL employee: the first two entries are the same person.
          approvers: ['role:LEGAL', `email:${ORG.legal}`, `email:${ORG.hr}`],
        }],
      });
      const submitted = await submit(system, ORG.rep, contractBody('One voice each', { discountPct: 8 }));
      expect(submitted.route[0].approvers.map((a) => a.emails)).toEqual([[ORG.legal], [ORG.legal], [ORG.hr]]);
      const legal = await decide(system, ORG.legal, submitted.id, 'approve').expect(200);
      expect(legal.body.status).toBe('PENDING_APPROVAL');
      expect(legal.body.route[0].status).toBe('PENDING');
      const hr = await decide(system, ORG.hr, submitted.id, 'approve').expect(200);
      expect(hr.body.status).toBe('APPROVED');
      await waitForOutcome(system, ORG.rep, submitted.id, 'APPROVED');
    });

    it('quorum is capped at the people a stage can ask: quorum 2 over two entries naming one person completes with that person', async () => {
      await putPolicy(system, {
        reminderAt: 0.5,
        stages: [{ name: 'legal-twice', when: 'discountPct > 5', mode: 'quorum', quorum: 2, sla: 'PT8H', approvers: ['role:LEGAL', `email:${ORG.legal}`] }],
      });
      const submitted = await submit(system, ORG.rep, contractBody('Only one person to ask', { discountPct: 8 }));
      const legal = await decide(system, ORG.legal, submitted.id, 'approve').expect(200);
      expect(legal.body.status).toBe('APPROVED');
    });

    it('quorum: a rejection by anyone rejects the contract, even after one approval', async () => {
      await putPolicy(system, {
        reminderAt: 0.5,
        stages: [{
          name: 'committee', when: 'discountPct > 5', mode: 'quorum', quorum: 2, sla: 'PT8H',
          approvers: [`email:${ORG.finance}`, `email:${ORG.legal}`, `email:${ORG.hr}`],
        }],
      });
      const submitted = await submit(system, ORG.rep, contractBody('Committee reject', { discountPct: 8 }));
      expect(submitted.route[0].mode).toBe('quorum');
      await decide(system, ORG.finance, submitted.id, 'approve').expect(200);
      const rejected = await decide(system, ORG.legal, submitted.id, 'reject', 'Liability clause unacceptable').expect(200);
      expect(rejected.body.status).toBe('REJECTED');
      await waitForOutcome(system, ORG.rep, submitted.id, 'REJECTED');
    });

    it('mode any: one approval completes the stage; the other approver is then refused with 409', async () => {
      await putPolicy(system, {
        reminderAt: 0.5,
        stages: [{ name: 'either', when: 'discountPct > 5', mode: 'any', sla: 'PT8H', approvers: [`email:${ORG.finance}`, `email:${ORG.legal}`] }],
      });
      const submitted = await submit(system, ORG.rep, contractBody('Either deal', { discountPct: 8 }));
      expect(submitted.route[0]).toMatchObject({ name: 'either', mode: 'any', status: 'PENDING' });
      await Promise.all([waitForRequest(system, ORG.finance, submitted.id), waitForRequest(system, ORG.legal, submitted.id)]);
      const decided = await decide(system, ORG.legal, submitted.id, 'approve').expect(200);
      expect(decided.body.status).toBe('APPROVED');
      await waitForOutcome(system, ORG.rep, submitted.id, 'APPROVED');
      await decide(system, ORG.finance, submitted.id, 'approve').expect(409);
    });

    it('self-approval impossible: an email: approver equal to the submitter resolves to the submitter\u2019s manager', async () => {
      await putPolicy(system, {
        reminderAt: 0.5,
        stages: [{ name: 'peer', when: 'discountPct > 5', mode: 'all', sla: 'PT8H', approvers: [`email:${ORG.rep}`] }],
      });
      // Control: for another submitter, email:rep is rep.
      const other = await submit(system, ORG.rep2, contractBody('Peer review by rep', { discountPct: 8 }));
      expect(other.route[0].approvers[0].emails).toEqual([ORG.rep]);
      await waitForRequest(system, ORG.rep, other.id);

      const own = await submit(system, ORG.rep, contractBody('Own deal with self as approver', { discountPct: 8 }));
      expect(own.route[0].approvers[0].emails).toEqual([ORG.manager]);
      await waitForRequest(system, ORG.manager, own.id);
      expect(await requestRecipients(system, own.id)).toEqual([ORG.manager]);
      await decide(system, ORG.rep, own.id, 'approve').expect(403);
      expect((await getContract(system, ORG.rep, own.id)).status).toBe('PENDING_APPROVAL');
      await decide(system, ORG.manager, own.id, 'approve').expect(200);
    });

    it('self-approval impossible: a role: entry that includes the submitter (role:SALES_MANAGER, submitted by a manager) asks their manager instead of them', async () => {
      await putPolicy(system, {
        reminderAt: 0.5,
        stages: [{ name: 'managers', when: 'discountPct > 5', mode: 'all', sla: 'PT8H', approvers: ['role:SALES_MANAGER'] }],
      });
      const own = await submit(system, ORG.manager, contractBody('Manager deal, role entry', { discountPct: 8 }));
      const emails = own.route[0].approvers[0].emails;
      expect(emails).not.toContain(ORG.manager);
      expect(emails).toContain(ORG.director);
      await waitForRequest(system, ORG.director, own.id);
      expect(await requestRecipients(system, own.id)).not.toContain(ORG.manager);
    });
  });

  it('every email about a contract names its title and id', async () => {
    expect(await expectEveryEmailNamesItsContract(system)).toBeGreaterThan(10);
  });
});
