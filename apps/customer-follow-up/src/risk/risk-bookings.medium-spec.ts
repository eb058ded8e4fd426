import { randomUUID } from 'node:crypto';
import type { KyselyPlugin } from 'kysely';
import type { Customer, Employee } from '#generated/prisma';
import { RISK_TYPE_COMPETITION, RISK_TYPE_CUSTOMER_DEMAND } from '#libs/contracts';
import { Database, type Tx } from '#libs/database';
import { OrgAdminService, type EmployeeInput } from '#libs/org';
import { featureTestingModule, TEST_ADMIN_EMAIL, type FeatureTestingModule } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { FollowUpCoreModule } from '../customer-follow-up.module.js';
import { bookingSourceId, RISK_VISIT_KIND } from './risk-countermeasures.rules.js';
import { RiskCountermeasures, type CountermeasureRequest } from './risk-countermeasures.service.js';
import { RiskModule } from './risk.module.js';

/**
 * Medium tier: RiskCountermeasures on a real database (no Redis, NATS or SMTP). Issue 13 item 8:
 * the surveys and visits a scan's new alerts book are booked for the whole slice at once, so the
 * number of statements does not grow with the number of alerts; and booking many at once keeps
 * what booking one at a time guaranteed: the survey cap per contact (two customers sharing a
 * buyer get one survey, the other task says why), one visit per task and customer, nothing twice
 * when the same alerts come again.
 */
const T0 = new Date('2027-03-11T01:00:00.000Z'); // Thursday 09:00 in Shanghai
const REP = 'rep@salesflow.test';
const REP2 = 'rep2@salesflow.test';

describe('risk countermeasures book surveys and visits set-based (medium: a real database)', () => {
  const clock = new ManualClock(T0);
  let t: FeatureTestingModule;
  let countermeasures: RiskCountermeasures;
  let reps: Employee[];
  let sequence = 0;

  async function customer(owner: Employee, contactEmail: string | null): Promise<Customer> {
    const code = `C-${++sequence}`;
    return t.prisma.customer.create({
      data: {
        code, name: `Customer ${code}`, ownerId: owner.id, tier: 'A', status: 'active', region: 'Shanghai', createdAt: T0,
        contacts: contactEmail ? [{ name: `Buyer of ${code}`, email: contactEmail, locale: 'en' }] : [],
      },
    });
  }

  /** A customer-demand alert row for each customer (the tasks reference it). */
  async function demandAlerts(customers: Customer[]): Promise<CountermeasureRequest[]> {
    return Promise.all(customers.map(async (c) => {
      const alert = await t.prisma.riskAlert.create({ data: { type: RISK_TYPE_CUSTOMER_DEMAND, subjectId: c.id, rule: 'no_recent_contract', severity: 5, evidence: {} } });
      return { alertId: alert.id, type: RISK_TYPE_CUSTOMER_DEMAND, ownerId: c.ownerId, customerId: c.id };
    }));
  }

  /** Runs open() in one transaction, counting the statements it sends. */
  async function openCounting(requests: CountermeasureRequest[]): Promise<number> {
    let statements = 0;
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        statements++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    await t.get(Database).transaction((tx) => countermeasures.open(tx.withPlugin(counter) as Tx, requests, clock.now(), 'corr-bookings'));
    return statements;
  }

  beforeAll(async () => {
    t = await featureTestingModule({ imports: [FollowUpCoreModule, RiskModule], clock });
    countermeasures = t.get(RiskCountermeasures);
    const org = t.get(OrgAdminService);
    const admin = await t.prisma.employee.findUniqueOrThrow({ where: { email: TEST_ADMIN_EMAIL } });
    const everyone: Partial<EmployeeInput> = { timezone: 'Asia/Shanghai', locale: 'en' };
    await org.upsertEmployees(admin, [
      { email: 'manager@salesflow.test', name: 'Mia Manager', role: 'SALES_MANAGER', ...everyone },
      { email: REP, name: 'Ray Rep', role: 'SALES_SPECIALIST', managerEmail: 'manager@salesflow.test', region: 'Shanghai', ...everyone },
      { email: REP2, name: 'Rita Rep', role: 'SALES_SPECIALIST', managerEmail: 'manager@salesflow.test', region: 'Shanghai', ...everyone },
    ]);
    reps = [await t.prisma.employee.findUniqueOrThrow({ where: { email: REP } }), await t.prisma.employee.findUniqueOrThrow({ where: { email: REP2 } })];
  });

  afterAll(async () => {
    await t?.close();
  });

  it('guarantee: the survey cap holds within one batch (one buyer of two customers gets one survey, the other task says which), a customer without a contact is named, every visit is booked', async () => {
    const shared = await customer(reps[0], 'buyer@shared.example');
    const sameBuyer = await customer(reps[1], '  Buyer@Shared.example ');
    const noContact = await customer(reps[0], null);
    const requests = await demandAlerts([shared, sameBuyer, noContact]);
    const competition = await t.prisma.riskAlert.create({ data: { type: RISK_TYPE_COMPETITION, subjectId: randomUUID(), rule: 'discount_creep', severity: 5, evidence: {} } });
    requests.push({ alertId: competition.id, type: RISK_TYPE_COMPETITION, ownerId: reps[1].id, segmentCustomerIds: [shared.id, noContact.id] });

    const created = await t.get(Database).transaction((tx) => countermeasures.open(tx, requests, clock.now(), 'corr-first'));
    expect(created).toHaveLength(3 * 3 + 3);

    const surveys = await t.prisma.survey.findMany({ where: { reason: 'risk' } });
    expect(surveys).toHaveLength(1);
    const [survey] = surveys;
    expect(survey).toMatchObject({ customerId: shared.id, contactEmail: 'buyer@shared.example' });
    const surveyTask = (c: Customer) => created.find((task) => task.kind === 'satisfaction_survey' && requests.find((r) => r.alertId === task.alertId)!.customerId === c.id)!;
    expect(surveyTask(shared)).toMatchObject({ id: survey.sourceId, status: 'DONE', note: `Survey ${survey.id} sent.` });
    expect(surveyTask(sameBuyer)).toMatchObject({ status: 'OPEN', note: 'No survey sent (frequency-cap): please ask the customer another way.' });
    expect(surveyTask(noContact)).toMatchObject({ status: 'OPEN', note: 'No survey sent (no-contact-email): please ask the customer another way.' });
    const skipped = await t.prisma.auditEntry.findFirstOrThrow({ where: { entityId: sameBuyer.id, action: 'survey.skipped' } });
    expect(skipped.after).toMatchObject({ because: 'frequency-cap', lastSurveyId: survey.id, sourceId: surveyTask(sameBuyer).id });
    // The survey's task needs no reminder any more; the capped one keeps its two.
    const pendingTimers = (taskId: string) => t.prisma.timer.count({ where: { subjectId: taskId, cancelledAt: null } });
    expect(await pendingTimers(survey.sourceId)).toBe(0);
    expect(await pendingTimers(surveyTask(sameBuyer).id)).toBe(2);
    const emails = await t.prisma.notification.findMany({ where: { kind: 'survey-request' } });
    expect(emails.map((e) => e.recipientEmail)).toEqual(['buyer@shared.example']);

    // Visits: one per customer-demand task, and one per segment customer of the competition task, each with its overdue timer.
    const visits = await t.prisma.visit.findMany({ where: { kind: RISK_VISIT_KIND } });
    const segmentTask = created.find((task) => task.kind === 'segment_revisits')!;
    const visitTasks = created.filter((task) => task.kind === 'visit');
    expect(visits.map((v) => v.sourceId).sort()).toEqual([
      ...visitTasks.map((task) => task.id), bookingSourceId(segmentTask.id, shared.id), bookingSourceId(segmentTask.id, noContact.id),
    ].sort());
    for (const task of visitTasks) {
      const visit = visits.find((v) => v.sourceId === task.id)!;
      expect(task.note).toBe(`Visits booked: ${visit.id}.`);
      expect(visit.dueAt).toEqual(task.dueAt);
      expect(await t.prisma.timer.count({ where: { uniqueKey: `visit-overdue:${visit.id}` } })).toBe(1);
    }
    expect(segmentTask.note).toMatch(/^Visits booked: [0-9a-f-]{36}, [0-9a-f-]{36}\.$/);
    expect(await t.prisma.auditEntry.count({ where: { action: 'visit.planned', correlationId: 'corr-first' } })).toBe(5);

    // The same alerts again (a redelivered job, the next day's scan): nothing created, booked or sent twice.
    const again = await t.get(Database).transaction((tx) => countermeasures.open(tx, requests, clock.now(), 'corr-again'));
    expect(again).toEqual([]);
    expect(await t.prisma.survey.count({ where: { reason: 'risk' } })).toBe(1);
    expect(await t.prisma.visit.count({ where: { kind: RISK_VISIT_KIND } })).toBe(5);
  });

  it('guarantee: booking ten times as many alerts sends the same number of statements (set-based, not per customer)', async () => {
    const batch = async (size: number) => {
      const customers = await Promise.all(Array.from({ length: size }, (_, i) => customer(reps[i % 2], `buyer-${sequence + i + 1}@batch.example`)));
      return demandAlerts(customers);
    };
    const few = await openCounting(await batch(3));
    const many = await openCounting(await batch(30));
    expect(few).toBeGreaterThan(10);
    expect(many).toBe(few);
    expect(await t.prisma.survey.count({ where: { contactEmail: { endsWith: '@batch.example' } } })).toBe(33);
  });
});
