import { randomUUID } from 'node:crypto';
import { QUEUES } from '#libs/queue';
import { NotDueYetError } from '#libs/workflow';
import { ApprovalJobs } from '../../apps/contract-approval/src/approval/approval.jobs.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';
import {
  expectEveryEmailNamesItsContract, addEmployees, auditOf, contractBody, contractState, decide, getContract, ledgerFor, requestRecipients, requestsReceived, rowCounts, submit,
  waitForOutcome, waitForRequest,
} from '../support/approval-helpers.js';

describe('approval decisions, resubmission, withdrawal and idempotent submission', () => {
  const system = useTestSystem({ setUp: () => seedOrg(system) });

  describe('rejection', () => {
    it('a rejection with a comment ends the contract REJECTED; the comment is in the outcome email and in the history', async () => {
      const body = contractBody('Rejected order', { discountPct: 8 });
      const { id } = await submit(system, ORG.rep, body);
      await waitForRequest(system, ORG.manager, id);
      const comment = 'Discount too deep for a first order';
      const rejected = await decide(system, ORG.manager, id, 'reject', comment).expect(200);
      expect(rejected.body.status).toBe('REJECTED');

      const outcome = await waitForOutcome(system, ORG.rep, id, 'REJECTED');
      expect(outcome.text).toContain(comment);
      expect(outcome.subject + outcome.text).toContain(body.title);
      expect(outcome.subject + outcome.text).toContain(id);

      const contract = await getContract(system, ORG.rep, id);
      expect(contract.status).toBe('REJECTED');
      const rejection = contract.history.find((h) => /reject/.test(h.action) && JSON.stringify(h).includes(comment));
      expect(rejection).toBeDefined();
      expect(rejection!.actor?.email).toBe(ORG.manager);
    });

    it.each([
      ['reject', undefined],
      ['reject', ''],
      ['request_changes', undefined],
      ['request_changes', ''],
    ])('%s without a comment (%p) is 400 with a field message and changes nothing', async (decision, comment) => {
      const { id } = await submit(system, ORG.rep, contractBody(`No comment ${decision}`, { discountPct: 8 }));
      const before = await contractState(system, id);
      const counts = await rowCounts(system);
      const response = await decide(system, ORG.manager, id, decision, comment);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'comment' })]));
      expect(await contractState(system, id)).toEqual(before);
      expect(await rowCounts(system)).toEqual(counts);
      // The step is still open: the manager can still decide.
      await decide(system, ORG.manager, id, 'approve').expect(200);
    });
  });

  describe('request changes -> resubmit (PUT /contracts/:id)', () => {
    /** manager (discount > 5) -> director (discount > 15): the manager approves, the director asks for changes. */
    async function twoStagesWithChangesRequested(label: string) {
      const body = contractBody(label, { discountPct: 20, amount: 50_000 });
      const { id, route } = await submit(system, ORG.rep, body);
      expect(route.map((s) => s.name)).toEqual(['manager', 'director']);
      await waitForRequest(system, ORG.manager, id);
      await decide(system, ORG.manager, id, 'approve').expect(200);
      await waitForRequest(system, ORG.director, id);
      const changes = await decide(system, ORG.director, id, 'request_changes', 'Please lower the discount').expect(200);
      expect(changes.body.status).toBe('CHANGES_REQUESTED');
      const outcome = await waitForOutcome(system, ORG.rep, id, 'CHANGES_REQUESTED');
      expect(outcome.text).toContain('Please lower the discount');
      return { id, body };
    }

    it('not riskier (lower discount, same approvers): the manager stage approved in round 1 stays APPROVED and the manager is not asked again', async () => {
      const { id, body } = await twoStagesWithChangesRequested('Resubmit lower discount');
      const resubmitted = await system.as(ORG.rep).put(`/contracts/${id}`).send({ ...body, discountPct: 16 }).expect(200);
      expect(resubmitted.body.status).toBe('PENDING_APPROVAL');
      expect(resubmitted.body.round).toBe(2);
      expect(resubmitted.body.route.map((s: { name: string; status: string }) => [s.name, s.status])).toEqual([['manager', 'APPROVED'], ['director', 'PENDING']]);

      const round2 = await waitForRequest(system, ORG.director, id, 2);
      expect(round2.subject + round2.text).toMatch(/round 2/i);
      expect(await requestRecipients(system, id, 2)).toEqual([ORG.director]);
      expect(requestsReceived(system, ORG.manager, id, 2)).toHaveLength(0);
      // The manager's part is done: deciding again is refused as not their turn.
      await decide(system, ORG.manager, id, 'approve').expect(409);

      const approved = await decide(system, ORG.director, id, 'approve').expect(200);
      expect(approved.body.status).toBe('APPROVED');
      await waitForOutcome(system, ORG.rep, id, 'APPROVED');
    });

    it('riskier (higher amount): the route starts again from the manager, who is emailed again with "round 2"', async () => {
      const { id, body } = await twoStagesWithChangesRequested('Resubmit higher amount');
      const resubmitted = await system.as(ORG.rep).put(`/contracts/${id}`).send({ ...body, amount: 80_000 }).expect(200);
      expect(resubmitted.body.round).toBe(2);
      expect(resubmitted.body.route.map((s: { name: string; status: string }) => [s.name, s.status])).toEqual([['manager', 'PENDING'], ['director', 'WAITING']]);

      const again = await waitForRequest(system, ORG.manager, id, 2);
      expect(again.subject + again.text).toMatch(/round 2/i);
      expect(await requestRecipients(system, id, 2)).toEqual([ORG.manager]);
      // The director is asked again only when their stage starts again.
      await decide(system, ORG.director, id, 'approve').expect(409);
      await decide(system, ORG.manager, id, 'approve').expect(200);
      await waitForRequest(system, ORG.director, id, 2);
      const approved = await decide(system, ORG.director, id, 'approve').expect(200);
      expect(approved.body.status).toBe('APPROVED');
    });

    it('riskier (longer payment term) also restarts the route', async () => {
      const { id, body } = await twoStagesWithChangesRequested('Resubmit longer term');
      const resubmitted = await system.as(ORG.rep).put(`/contracts/${id}`).send({ ...body, discountPct: 16, paymentTermDays: 60 }).expect(200);
      expect(resubmitted.body.route.map((s: { status: string }) => s.status)).toEqual(['PENDING', 'WAITING']);
      await waitForRequest(system, ORG.manager, id, 2);
    });

    it('not riskier, but the approvers changed (the rep now reports to another manager): the manager stage runs again with the new manager', async () => {
      const rep4 = 'rep4@salesflow.test';
      const manager2 = 'manager2@salesflow.test';
      await addEmployees(system, [
        { email: manager2, name: 'Max Manager', role: 'SALES_MANAGER', managerEmail: ORG.director },
        { email: rep4, name: 'Rob Rep', role: 'SALES_SPECIALIST', managerEmail: ORG.manager },
      ]);
      const body = contractBody('Resubmit after reorg', { discountPct: 20 });
      const { id } = await submit(system, rep4, body);
      await decide(system, ORG.manager, id, 'approve').expect(200);
      await decide(system, ORG.director, id, 'request_changes', 'Lower the discount').expect(200);
      await addEmployees(system, [{ email: rep4, name: 'Rob Rep', role: 'SALES_SPECIALIST', managerEmail: manager2 }]);

      const resubmitted = await system.as(rep4).put(`/contracts/${id}`).send({ ...body, discountPct: 16 }).expect(200);
      const manager = resubmitted.body.route.find((s: { name: string }) => s.name === 'manager');
      expect(manager).toMatchObject({ status: 'PENDING', approvers: [expect.objectContaining({ emails: [manager2] })] });
      await waitForRequest(system, manager2, id, 2);
    });

    it('a resubmission with an invalid body is 400 and changes nothing', async () => {
      const { id, body } = await twoStagesWithChangesRequested('Resubmit invalid');
      const before = await contractState(system, id);
      const counts = await rowCounts(system);
      const response = await system.as(ORG.rep).put(`/contracts/${id}`).send({ ...body, discountPct: 150 });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('discountPct');
      expect(await contractState(system, id)).toEqual(before);
      expect(await rowCounts(system)).toEqual(counts);
    });

    it('resubmitting a contract that is not CHANGES_REQUESTED is 409; by someone else than the owner is 403; nothing changes', async () => {
      const body = contractBody('Resubmit too early', { discountPct: 8 });
      const { id } = await submit(system, ORG.rep, body);
      const before = await contractState(system, id);
      await system.as(ORG.rep).put(`/contracts/${id}`).send({ ...body, discountPct: 7 }).expect(409);
      await decide(system, ORG.manager, id, 'request_changes', 'Fix the term').expect(200);
      const afterChanges = await contractState(system, id);
      await system.as(ORG.rep2).put(`/contracts/${id}`).send({ ...body, discountPct: 7 }).expect(403);
      expect(await contractState(system, id)).toEqual(afterChanges);
      expect(before.status).toBe('PENDING_APPROVAL');
    });
  });

  describe('withdraw', () => {
    it('the owner withdraws: WITHDRAWN; an approver on the route deciding afterwards gets 409', async () => {
      const { id } = await submit(system, ORG.rep, contractBody('Withdrawn order', { discountPct: 8 }));
      await waitForRequest(system, ORG.manager, id);
      const withdrawn = await system.as(ORG.rep).post(`/contracts/${id}/withdraw`).send({ reason: 'timing' }).expect(200);
      expect(withdrawn.body.status).toBe('WITHDRAWN');
      const before = await contractState(system, id);
      const late = await decide(system, ORG.manager, id, 'approve');
      expect(late.status).toBe(409);
      expect(await contractState(system, id)).toEqual(before);
      const inbox = await system.as(ORG.manager).get('/approvals/inbox').expect(200);
      expect(inbox.body.items.map((i: { contract: { id: string } }) => i.contract.id)).not.toContain(id);
      // Withdrawing twice is a conflict too.
      await system.as(ORG.rep).post(`/contracts/${id}/withdraw`).send({ reason: 'timing' }).expect(409);
    });

    it('someone other than the owner (another rep, or the manager on the route) withdrawing gets 403 and nothing changes', async () => {
      const { id } = await submit(system, ORG.rep, contractBody('Not yours to withdraw', { discountPct: 8 }));
      const before = await contractState(system, id);
      await system.as(ORG.rep2).post(`/contracts/${id}/withdraw`).send({ reason: 'timing' }).expect(403);
      await system.as(ORG.manager).post(`/contracts/${id}/withdraw`).send({ reason: 'timing' }).expect(403);
      expect(await contractState(system, id)).toEqual(before);
      expect(before.status).toBe('PENDING_APPROVAL');
    });
  });

  describe('SLA timer jobs that arrive early, late or for nothing', () => {
    it('guarantee: a reminder never acts before its timer is due, and a reminder or escalation of a decided step or an unknown timer does nothing', async () => {
      // Manager, then director: the contract stays pending after the manager's step is decided.
      const { id } = await submit(system, ORG.rep, contractBody('Timer guards', { discountPct: 20 }));
      await waitForRequest(system, ORG.manager, id);
      const step = await system.prisma.approvalStep.findFirstOrThrow({ where: { contractId: id, stage: { name: 'manager' } } });
      const reminder = await system.prisma.timer.findUniqueOrThrow({ where: { uniqueKey: `approval-reminder:${step.id}` } });
      const jobs = system.app.get(ApprovalJobs);
      const job = { outboxId: randomUUID(), correlationId: null, queue: QUEUES.approvalUrgent };
      // The default policy's SLA runs in business hours: the reminder is hours away.
      await expect(jobs.remind({ timerId: reminder.id, subjectId: step.id }, job)).rejects.toBeInstanceOf(NotDueYetError);

      await decide(system, ORG.manager, id, 'approve').expect(200);
      const counts = await rowCounts(system);
      expect((await jobs.remind({ timerId: reminder.id, subjectId: step.id }, job)).outcome).toBe('skipped');
      expect((await jobs.escalate({ timerId: reminder.id, subjectId: step.id }, job)).outcome).toBe('skipped');
      expect((await jobs.remind({ timerId: randomUUID(), subjectId: step.id }, job)).outcome).toBe('skipped');
      expect(await rowCounts(system)).toEqual(counts);
    });
  });

  describe('Idempotency-Key on POST /contracts', () => {
    it('the same key and body twice gives the same contract, one row, and one approval request email', async () => {
      const body = contractBody('Idempotent order', { discountPct: 8 });
      const key = `idem-${body.title.replace(/\W/g, '-')}`;
      const first = await submit(system, ORG.rep, body, { 'Idempotency-Key': key });
      const second = await system.as(ORG.rep).post('/contracts').set('Idempotency-Key', key).send(body);
      expect([200, 201]).toContain(second.status);
      expect(second.body.id).toBe(first.id);
      expect(await system.prisma.contract.count({ where: { title: body.title } })).toBe(1);
      await waitForRequest(system, ORG.manager, first.id);
      expect((await ledgerFor(system, first.id)).filter((r) => r.kind === 'approval-request')).toHaveLength(1);
      expect(requestsReceived(system, ORG.manager, first.id)).toHaveLength(1);
    });

    it('the same key sent twice at the same time still creates one contract', async () => {
      const body = contractBody('Concurrent idempotent order', { discountPct: 8 });
      const key = `idem-race-${body.title.replace(/\W/g, '-')}`;
      const [a, b] = await Promise.all([
        system.as(ORG.rep).post('/contracts').set('Idempotency-Key', key).send(body),
        system.as(ORG.rep).post('/contracts').set('Idempotency-Key', key).send(body),
      ]);
      expect([a.status, b.status].every((s) => s === 200 || s === 201)).toBe(true);
      expect(a.body.id).toBe(b.body.id);
      expect(await system.prisma.contract.count({ where: { title: body.title } })).toBe(1);
    });

    it('the same key with another body is 409 and writes nothing', async () => {
      const body = contractBody('Idempotent conflict', { discountPct: 8 });
      const key = `idem-conflict-${body.title.replace(/\W/g, '-')}`;
      await submit(system, ORG.rep, body, { 'Idempotency-Key': key });
      const counts = await rowCounts(system);
      const other = await system.as(ORG.rep).post('/contracts').set('Idempotency-Key', key).send({ ...body, amount: body.amount + 1 });
      expect(other.status).toBe(409);
      expect(await rowCounts(system)).toEqual(counts);
    });
  });

  it('every decision leaves an audit entry naming its actor', async () => {
    const { id } = await submit(system, ORG.rep, contractBody('Audited order', { discountPct: 8 }));
    await decide(system, ORG.manager, id, 'approve').expect(200);
    const audit = await auditOf(system, id);
    const byManager = audit.filter((e) => e.actor?.email === ORG.manager && /approve/.test(e.action));
    expect(byManager).toHaveLength(1);
    expect(audit.find((e) => /submit/.test(e.action))?.actor?.email).toBe(ORG.rep);
  });

  it('every email about a contract names its title and id', async () => {
    expect(await expectEveryEmailNamesItsContract(system)).toBeGreaterThan(5);
  });
});
