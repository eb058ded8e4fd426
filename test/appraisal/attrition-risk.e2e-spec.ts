import { randomUUID } from 'node:crypto';
import { OutboxSignal } from '#libs/database';
import type { JobPayload } from '#libs/queue';
import { idempotencyKeyOf as keyOf } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { ORG, SMALL_CONTRACT, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';
import { engineIdle } from '../followup/engine-idle.js';
import { AttritionJobs } from '../../apps/appraisal/src/attrition/attrition.jobs.js';
import { AttritionAlertsJobs } from '../../apps/customer-follow-up/src/risk/attrition-alerts.jobs.js';

/**
 * Issue 11 item 8 (salesperson attrition risk), through HTTP, NATS, the timers, BullMQ, the
 * notifier and SMTP. Appraisal's daily scan (06:00 Shanghai, appraisal-bulk) reads five signals
 * set-based and publishes `attrition.flagged`; customer-follow-up's risk module records it as a
 * risk alert of type attrition with the evidence and three countermeasure tasks, and emails the
 * person's manager (bulk, their locale). Ray Rep has all five signals; Rita Rep, his peer, only
 * an overdue training (below minSignals 2).
 *
 * One timeline on a ManualClock: Wednesday 7 April 2027, 10:00 in Shanghai. January to March are
 * the completed months.
 */
const T0 = new Date('2027-04-07T02:00:00Z');
/** 30 s after the 06:00 Shanghai scan of that date. */
const scanOf = (shanghaiDate: string) => new Date(`${shanghaiDate}T06:00:30+08:00`);

interface AlertBody {
  id: string;
  type: string;
  rule: string;
  severity: number;
  active: boolean;
  clearedAt: string | null;
  status: string;
  sendCount: number;
  employee: { email: string } | null;
  customer: unknown;
  evidence: { signals: { signal: string; numbers: Record<string, unknown>; sources: { kind: string; id: string }[] }[]; policyVersion: number };
  tasks: { kind: string; owner: { email: string }; dueAt: string; status: string }[];
}

describe('appraisal: salesperson attrition risk', () => {
  const clock = new ManualClock(T0);
  const ids = new Map<string, string>();
  const seeded = { appraisals: [] as string[], targets: [] as string[], sales: [] as string[], statements: [] as string[], sentBack: [] as string[] };
  let alertId = '';

  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      // The manager reads Chinese: the alert comes in their locale.
      await system.as(ORG.admin).put('/org/employees').send({
        employees: [{ email: ORG.manager, name: 'Mia Manager', role: 'SALES_MANAGER', managerEmail: ORG.director, team: 'East', timezone: 'Asia/Shanghai', locale: 'zh-CN' }],
      }).expect(200);
      for (const e of await system.prisma.employee.findMany()) ids.set(e.email, e.id);

      // Score: 82 in 2026-Q3, 61 in 2026-Q4 (Ray); 80 then 78 (Rita, a drop under 10).
      await appraisal(ORG.rep, '2026-Q3', 82, '2026-07-01T02:00:00Z');
      await appraisal(ORG.rep, '2026-Q4', 61, '2026-10-01T02:00:00Z');
      await appraisal(ORG.rep2, '2026-Q3', 80, '2026-07-01T02:00:00Z');
      await appraisal(ORG.rep2, '2026-Q4', 78, '2026-10-01T02:00:00Z');
      // Targets of 100,000 for January to March: Ray sells 40,000, 50,000 and nothing.
      for (const period of ['2027-01', '2027-02', '2027-03']) {
        seeded.targets.push((await system.prisma.salesTarget.create({ data: { period, employeeId: ids.get(ORG.rep)!, amount: '100000', setById: ids.get(ORG.manager)! } })).id);
      }
      await sale('40000', '2027-01-15T02:00:00Z');
      await sale('50000', '2027-02-15T02:00:00Z');
      // Commission: 3,000 a month from December to February, 900 in March (30 % of the trailing average).
      for (const [period, total] of [['2026-12', '3000'], ['2027-01', '3000'], ['2027-02', '3000'], ['2027-03', '900']]) await statement(period, total);
      // A mandatory training overdue for each of them, recorded from the training service's event.
      await trainingOverdue(ORG.rep);
      await trainingOverdue(ORG.rep2);
      // Three of Ray's contracts rejected by his manager, through the approval API.
      for (let i = 1; i <= 3; i++) {
        const submitted = await system.as(ORG.rep).post('/contracts').send({ ...SMALL_CONTRACT, title: `Big order ${i}`, amount: 150000 }).expect(201);
        await system.as(ORG.manager).post(`/contracts/${submitted.body.id}/decisions`).send({ decision: 'reject', comment: 'Price below the floor.' }).expect(200);
        seeded.sentBack.push(submitted.body.id as string);
      }
      await engineIdle(system, clock, 'the setup');
    },
  });

  async function appraisal(email: string, period: string, score: number, openedAt: string) {
    const at = new Date(openedAt);
    const cycle = await system.prisma.appraisalCycle.create({
      data: {
        period, scopeKind: 'TEAM', scopeValue: 'East', templateId: randomUUID(), selfDueAt: at, peerDueAt: at, managerDueAt: at, calibrationDueAt: at,
        openedById: ids.get(ORG.hr)!, openedAt: at, appraisals: 1,
      },
    });
    const row = await system.prisma.appraisal.create({ data: { cycleId: cycle.id, employeeId: ids.get(email)!, managerId: ids.get(ORG.manager)!, status: 'SIGNED_OFF', score, band: 'B', scoredAt: at } });
    if (email === ORG.rep) seeded.appraisals.push(row.id);
  }

  async function sale(amount: string, decidedAt: string) {
    const row = await system.prisma.contract.create({
      data: {
        ownerId: ids.get(ORG.rep)!, customerName: 'Acme', title: 'Supply', amount, currency: 'CNY', amountBase: amount, discountPct: '0', paymentTermDays: 30,
        status: 'APPROVED', policyVersion: 1, decidedAt: new Date(decidedAt),
      },
    });
    seeded.sales.push(row.id);
  }

  async function statement(period: string, total: string) {
    const [year, month] = period.split('-').map(Number);
    const first = new Date(Date.UTC(year, month - 1, 1));
    const end = new Date(Date.UTC(year, month, 1));
    const row = await system.prisma.commissionStatement.create({
      data: { employeeId: ids.get(ORG.rep)!, period, periodFirstDay: first, periodEndDay: end, planVersion: 0, sales: '0', tier: 'base', total, computedAt: end },
    });
    seeded.statements.push(row.id);
  }

  /** The job `training.overdue` becomes for appraisal (SUBSCRIBERS), as the training service's outbox writes it. */
  async function trainingOverdue(email: string) {
    const payload = {
      eventId: randomUUID(), employeeId: ids.get(email)!, courseId: randomUUID(), category: 'compliance', mandatory: true, requirementId: randomUUID(), dueOn: '2027-03-31',
    };
    await system.prisma.outbox.create({ data: { id: randomUUID(), queue: 'appraisal-bulk', jobName: 'appraisal.training-overdue', payload } });
    system.app.get(OutboxSignal).notify();
  }

  async function moveTo(at: Date, description: string) {
    clock.set(at);
    await engineIdle(system, clock, description);
  }

  const list = async (email: string) => (await system.as(email).get('/risk-alerts?type=attrition').expect(200)).body.items as AlertBody[];
  const attritionMails = () => system.smtp.received.filter((mail) => keyOf(mail).startsWith(`risk-alert:${alertId}:`));
  const scansCompleted = () => system.prisma.auditEntry.count({ where: { action: 'attrition-scan.completed' } });

  it('guarantee: a bad policy is 400 with field messages and writes nothing; only HR and ADMIN publish one (403); HR publishes a version', async () => {
    const bad = await system.as(ORG.hr).put('/attrition-policy').send({
      roles: ['SALES_SPECIALIST'], minSignals: 9, cooldownDays: 0, scoreDrop: null, missedTargets: { periodKind: 'week', periods: 3, belowPct: 80 },
      commissionDrop: null, trainingOverdue: null, contractsSentBack: null, countermeasures: { conversation: 'P1M', payPromotionReview: 'P10D', developmentPlan: 'P10D' },
    }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['minSignals', 'cooldownDays', 'missedTargets.periodKind', 'countermeasures.conversation']));
    await system.as(ORG.hr).put('/attrition-policy').send({ minSignals: 2 }).expect(400);
    await system.as(ORG.manager).put('/attrition-policy').send({}).expect(403);
    expect(await system.prisma.attritionPolicy.count()).toBe(0);
    const defaults = (await system.as(ORG.hr).get('/attrition-policy').expect(200)).body;
    expect(defaults).toMatchObject({ version: 0, createdAt: null, policy: { minSignals: 2, cooldownDays: 30 } });
    await system.as(ORG.rep).get('/attrition-policy').expect(403);

    const published = await system.as(ORG.hr).put('/attrition-policy').send(defaults.policy).expect(200);
    expect(published.body).toMatchObject({ version: 1, policy: defaults.policy });
    expect(await system.prisma.auditEntry.count({ where: { action: 'attrition-policy.published', actorId: ids.get(ORG.hr) } })).toBe(1);
  });

  it('guarantee: the daily scan is a timer on the appraisal bulk queue at 06:00 Shanghai; it flags the person with every signal\u2019s numbers and the ids behind them, and three tasks due in the manager\u2019s working time', async () => {
    const timer = await system.prisma.timer.findUniqueOrThrow({ where: { uniqueKey: 'attrition-scan:2027-04-08' } });
    expect(timer).toMatchObject({ kind: 'attrition.scan', queue: 'appraisal-bulk', firedAt: null });
    expect(timer.dueAt.toISOString()).toBe('2027-04-07T22:00:00.000Z');
    expect(await system.prisma.riskAlert.count({ where: { type: 'attrition' } })).toBe(0);

    await moveTo(scanOf('2027-04-08'), 'the first attrition scan');
    expect(await scansCompleted()).toBe(1);
    const alerts = await list(ORG.admin);
    expect(alerts.map((a) => a.employee?.email)).toEqual([ORG.rep]);
    const [alert] = alerts;
    alertId = alert.id;
    expect(alert).toMatchObject({ type: 'attrition', rule: 'attrition_signals', severity: 5, status: 'open', sendCount: 1, customer: null, evidence: { policyVersion: 1 } });
    const signal = (name: string) => alert.evidence.signals.find((s) => s.signal === name)!;
    const sourceIds = (name: string, kind: string) => signal(name).sources.filter((s) => s.kind === kind).map((s) => s.id).sort();
    expect(signal('score_drop').numbers).toEqual({ previous: 82, previousPeriod: '2026-Q3', latest: 61, latestPeriod: '2026-Q4', drop: 21, minDrop: 10 });
    expect(signal('score_drop').sources.map((s) => s.id)).toEqual(seeded.appraisals);
    expect(signal('missed_targets').numbers).toEqual({ periods: 3, periodKind: 'month', belowPct: 80, attainments: '2027-01 40%, 2027-02 50%, 2027-03 0%' });
    expect(sourceIds('missed_targets', 'sales-target')).toEqual([...seeded.targets].sort());
    expect(sourceIds('missed_targets', 'contract')).toEqual([...seeded.sales].sort());
    expect(signal('commission_drop').numbers).toEqual({ latest: 900, latestPeriod: '2027-03', trailingAverage: 3000, trailing: 3, ratioPct: 30, belowPct: 60 });
    expect(sourceIds('commission_drop', 'commission-statement')).toEqual([...seeded.statements].sort());
    expect(signal('training_overdue').numbers).toEqual({ count: 1, minimum: 1 });
    const overdue = await system.prisma.appraisalTrainingOutcome.findFirstOrThrow({ where: { employeeId: ids.get(ORG.rep), kind: 'OVERDUE' } });
    expect(signal('training_overdue').sources).toEqual([{ kind: 'training-outcome', id: overdue.id }]);
    expect(signal('contracts_sent_back').numbers).toEqual({ count: 3, contracts: 3, windowDays: 90, minimum: 3 });
    expect(sourceIds('contracts_sent_back', 'contract')).toEqual([...seeded.sentBack].sort());

    // Scanned Thursday 06:00, before working hours: two working days from Thursday 09:00 is Monday 09:00, ten is Thursday 22 April 09:00.
    expect(alert.tasks.map((t) => [t.kind, t.owner.email, t.dueAt, t.status])).toEqual([
      ['conversation', ORG.manager, '2027-04-12T01:00:00.000Z', 'OPEN'],
      ['development_plan', ORG.manager, '2027-04-22T01:00:00.000Z', 'OPEN'],
      ['pay_promotion_review', ORG.manager, '2027-04-22T01:00:00.000Z', 'OPEN'],
    ]);
    expect(await system.prisma.riskTask.count()).toBe(3);
  });

  it('guarantee: a person below the thresholds (one signal of two) is not flagged', async () => {
    expect(await system.prisma.appraisalTrainingOutcome.count({ where: { employeeId: ids.get(ORG.rep2), kind: 'OVERDUE' } })).toBe(1);
    expect(await system.prisma.riskAlert.count({ where: { type: 'attrition', subjectId: ids.get(ORG.rep2) } })).toBe(0);
    expect(await system.prisma.auditEntry.count({ where: { action: 'attrition.flagged' } })).toBe(1);
  });

  it('guarantee: the manager gets one bulk email in their locale with the evidence and the tasks; the person and their peer get none', async () => {
    const mails = attritionMails();
    expect(mails.map(keyOf)).toEqual([`risk-alert:${alertId}:1`]);
    const [mail] = mails;
    expect(mail.to).toEqual([ORG.manager]);
    expect(mail.subject).toBe('人员流失风险：Ray Rep（5 项信号）');
    expect(mail.text).toContain('2026-Q3 为 82，2026-Q4 为 61：下降 21（下降 10 起提醒）');
    expect(mail.text).toContain('最近 3 个周期（月）均低于目标的 80%：2027-01 40%, 2027-02 50%, 2027-03 0%');
    expect(mail.text).toContain('2027-03 为 900，是此前 3 个月平均 3000 的 30%（低于 60% 提醒）');
    expect(mail.text).toContain('最近 90 天内 3 份合同被驳回或要求修改 3 次（3 次起提醒）');
    expect(mail.text).toContain('与 Ray Rep 进行一次谈话，截止 2027-04-12 09:00');
    expect(mail.text).toContain('制定培训与发展计划，截止 2027-04-22 09:00');
    expect(mail.text).toContain('评估其薪酬与晋升机会，截止 2027-04-22 09:00');
    const ledger = await system.prisma.notification.findUniqueOrThrow({ where: { idempotencyKey: `risk-alert:${alertId}:1` } });
    expect(ledger).toMatchObject({ kind: 'attrition-alert', locale: 'zh-CN', status: 'sent' });
    const [batch] = await system.prisma.$queryRaw<{ queue: string }[]>`SELECT queue FROM "Outbox" WHERE payload->'notificationIds' ? ${ledger.id}`;
    expect(batch.queue).toBe('notifier-bulk');
    const toThePeople = system.smtp.received.filter((m) => (m.to.includes(ORG.rep) || m.to.includes(ORG.rep2)) && keyOf(m).startsWith('risk-alert:'));
    expect(toThePeople).toEqual([]);
  });

  it('guarantee: the manager chain and HR see the alert; the person, a peer and FINANCE do not (absent from the list, 403 on acting)', async () => {
    for (const reader of [ORG.manager, ORG.director, ORG.hr, ORG.admin]) expect((await list(reader)).map((a) => a.id)).toEqual([alertId]);
    for (const outsider of [ORG.rep, ORG.rep2, ORG.finance]) {
      expect(await list(outsider)).toEqual([]);
      expect(((await system.as(outsider).get('/risk-alerts').expect(200)).body.items as AlertBody[]).filter((a) => a.type === 'attrition')).toEqual([]);
    }
    await system.as(ORG.rep).post(`/risk-alerts/${alertId}/acknowledge`).expect(403);
    await system.as(ORG.rep2).post(`/risk-alerts/${alertId}/snooze`).send({ until: '2027-05-01T00:00:00Z', reason: 'peer' }).expect(403);
    await system.as(ORG.finance).post(`/risk-alerts/${alertId}/acknowledge`).expect(403);
    expect((await list(ORG.admin))[0].status).toBe('open');
  });

  it('guarantee: a duplicate of the scan\u2019s job and a redelivered flag change nothing (no second event, email or task)', async () => {
    const fired = await system.prisma.timer.findUniqueOrThrow({ where: { uniqueKey: 'attrition-scan:2027-04-08' } });
    const context = { outboxId: randomUUID(), correlationId: null };
    expect(await system.app.get(AttritionJobs).scan({ timerId: fired.id, subjectId: fired.subjectId }, { ...context, queue: 'appraisal-bulk' })).toBe('skipped');
    const delivered = await system.prisma.outbox.findFirstOrThrow({ where: { jobName: 'risk.attrition-flagged' } });
    const payload = delivered.payload as unknown as JobPayload<'risk.attrition-flagged'>;
    expect(await system.app.get(AttritionAlertsJobs).flagged(payload, { ...context, queue: 'followup-bulk' })).toBe('skipped');
    await engineIdle(system, clock, 'after the duplicates');
    expect(await system.prisma.outbox.count({ where: { jobName: 'risk.attrition-flagged' } })).toBe(1);
    expect(await system.prisma.notification.count({ where: { kind: 'attrition-alert' } })).toBe(1);
    expect((await list(ORG.admin))[0].sendCount).toBe(1);
  });

  it('guarantee: the next day\u2019s scan flags him again but does not email within the cooldown', async () => {
    await moveTo(scanOf('2027-04-09'), 'the second attrition scan');
    expect(await scansCompleted()).toBe(2);
    expect(await system.prisma.auditEntry.count({ where: { action: 'attrition.flagged' } })).toBe(2);
    expect(attritionMails()).toHaveLength(1);
    expect((await list(ORG.admin))[0]).toMatchObject({ sendCount: 1, severity: 5 });
    expect(await system.prisma.riskTask.count()).toBe(3);
  });

  it('guarantee: the manager\u2019s manager snoozes it; past the cooldown it stays silent until the snooze ends, then one reminder; HR acknowledges it', async () => {
    await system.as(ORG.director).post(`/risk-alerts/${alertId}/snooze`).send({ until: '2027-05-20T00:00:00Z', reason: 'Talking after the quarter review.' }).expect(200);
    await moveTo(scanOf('2027-05-10'), 'a scan past the cooldown, during the snooze');
    expect(attritionMails()).toHaveLength(1);
    expect((await list(ORG.admin))[0].status).toBe('snoozed');

    await moveTo(scanOf('2027-05-21'), 'the first scan after the snooze');
    const mails = attritionMails();
    expect(mails.map(keyOf)).toEqual([`risk-alert:${alertId}:1`, `risk-alert:${alertId}:2`]);
    expect(mails[1].to).toEqual([ORG.manager]);
    expect(mails[1].text).toContain('该风险仍然存在，这是一次提醒。');
    // April had no target: the missed-target streak is broken, four signals still hold.
    expect((await list(ORG.admin))[0]).toMatchObject({ status: 'open', sendCount: 2, severity: 4 });
    expect(await system.prisma.riskTask.count()).toBe(3);

    const acknowledged = await system.as(ORG.hr).post(`/risk-alerts/${alertId}/acknowledge`).expect(200);
    expect(acknowledged.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: { email: ORG.hr } });
  });

  it('guarantee: an alert whose person is no longer flagged is cleared (kept, inactive, no email); flagged again, it re-opens, but within the cooldown of its last email it is not sent again (no flapping emails)', async () => {
    const defaults = (await system.as(ORG.hr).get('/attrition-policy').expect(200)).body.policy;
    // Only two signals on, and three sent-back contracts no longer enough: one signal holds for Ray.
    const narrow = { ...defaults, scoreDrop: null, missedTargets: null, commissionDrop: null, contractsSentBack: { windowDays: 90, minimum: 10 } };
    await system.as(ORG.hr).put('/attrition-policy').send(narrow).expect(200);
    await moveTo(scanOf('2027-05-22'), 'a scan under the narrow policy');
    expect((await list(ORG.admin))[0]).toMatchObject({ severity: 0, active: false, status: 'acknowledged', clearedAt: scanOf('2027-05-22').toISOString(), sendCount: 2 });
    expect(await system.prisma.auditEntry.count({ where: { entityId: alertId, action: 'risk-alert.cleared' } })).toBe(1);
    expect(attritionMails()).toHaveLength(2);

    await system.as(ORG.hr).put('/attrition-policy').send(defaults).expect(200);
    await moveTo(scanOf('2027-05-23'), 'a scan under the default policy again');
    expect((await list(ORG.admin))[0]).toMatchObject({ severity: 4, active: true, status: 'open', clearedAt: null, sendCount: 2 });
    // Re-opened twice: when the snooze ended, and now that the acknowledged risk came back.
    expect(await system.prisma.auditEntry.count({ where: { entityId: alertId, action: 'risk-alert.reopened' } })).toBe(2);
    expect(attritionMails()).toHaveLength(2);
    expect(await system.prisma.riskTask.count()).toBe(3);
  });

  it('guarantee (issue 13 item 6): an alert below the critical severity gets no email of its own; it waits for the manager\u2019s 08:00 digest', async () => {
    // Critical from six signals: no attrition alert is emailed at once any more.
    await system.as(ORG.admin).patch('/follow-up-policy').send({ risk: { criticalSeverity: 6 } }).expect(200);
    // Rita's second signal: three contracts sent back (her overdue training is the first).
    for (let i = 1; i <= 3; i++) {
      const submitted = await system.as(ORG.rep2).post('/contracts').send({ ...SMALL_CONTRACT, title: `Rita order ${i}`, amount: 150000 }).expect(201);
      await system.as(ORG.manager).post(`/contracts/${submitted.body.id}/decisions`).send({ decision: 'reject', comment: 'Price below the floor.' }).expect(200);
    }
    await moveTo(scanOf('2027-05-24'), 'a scan flagging Rita with two signals');
    const rita = (await list(ORG.admin)).find((a) => a.employee?.email === ORG.rep2);
    expect(rita).toMatchObject({ severity: 2, status: 'open', sendCount: 0 });
    expect(system.smtp.received.filter((mail) => keyOf(mail).startsWith(`risk-alert:${rita!.id}:`))).toEqual([]);
    expect(await system.prisma.riskTask.count({ where: { alertId: rita!.id } })).toBe(3);

    await moveTo(new Date('2027-05-24T08:00:30+08:00'), 'the managers\u2019 Monday digest');
    const digest = system.smtp.received.filter((mail) => keyOf(mail).startsWith('risk-digest:') && keyOf(mail).endsWith(':2027-05-24') && mail.to[0] === ORG.manager);
    expect(digest).toHaveLength(1);
    expect(digest[0].text).toContain('Rita Rep');
    expect(system.smtp.received.filter((mail) => keyOf(mail).startsWith(`risk-alert:${rita!.id}:`))).toEqual([]);
  });
});
