import { OutboxSignal } from '#libs/database';
import { idempotencyKeyOf as keyOf, type ReceivedEmail } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { engineIdle } from '../followup/engine-idle.js';
import { addEmployees, contractBody, submit } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 11 item 2, the Monday progress email: every Monday at 09:00 in the manager's own zone,
 * each manager whose reporting line has targets in the current quarter or month gets exactly one
 * email (bulk) with each person's attainment, who is behind pace and the team total. Two
 * replicas run the file on one database and one ManualClock, and the job is run a second time on
 * purpose: still one email per manager and Monday.
 *
 * Mia (Shanghai, en) manages Ray and Rita; Nora (New York, zh-CN) manages Ned (New York); Dana
 * the director is above both.
 */
const T0 = new Date('2026-12-09T02:00:00Z'); // Wednesday 10:00 in Shanghai
const NY_BOSS = 'nyboss@salesflow.test';
const NY_REP = 'nyrep@salesflow.test';
const MONDAY = '2026-12-14';
const SHANGHAI_MONDAY_0900 = '2026-12-14T01:00:00Z';
const NEW_YORK_MONDAY_0900 = '2026-12-14T14:00:00Z';

describe('appraisal: the Monday target progress email', () => {
  const clock = new ManualClock(T0);
  const id: Record<string, string> = {};
  const system = useTestSystem({
    clock,
    async setUp() {
      await system.startReplica();
      await seedOrg(system);
      await addEmployees(system, [
        { email: NY_BOSS, name: 'Nora North', role: 'SALES_MANAGER', managerEmail: ORG.director, team: 'West', timezone: 'America/New_York', locale: 'zh-CN' },
        { email: NY_REP, name: 'Ned North', role: 'SALES_SPECIALIST', managerEmail: NY_BOSS, team: 'West', timezone: 'America/New_York' },
      ]);
      for (const email of [ORG.director, ORG.manager, ORG.rep, ORG.rep2, NY_BOSS, NY_REP]) {
        id[email] = (await system.prisma.employee.findUniqueOrThrow({ where: { email } })).id;
      }
    },
  });
  const progressOf = (email: string): ReceivedEmail[] => system.smtp.received.filter((mail) => keyOf(mail).startsWith(`target-progress:${id[email]}:`));
  const allProgress = () => system.smtp.received.filter((mail) => keyOf(mail).startsWith('target-progress:'));
  async function moveTo(iso: string, description: string) {
    clock.set(new Date(iso));
    await engineIdle(system, clock, description);
  }

  it('targets of the quarter and the month, and contracts in CNY and USD approved this week', async () => {
    await engineIdle(system, clock, 'the start');
    await system.as(ORG.admin).put('/fx-rates').send({ rates: { USD: 7.1 } }).expect(200);
    await system.as(ORG.manager).put('/targets/2026-Q4').send({ targets: [{ employee: ORG.rep, amount: 300000 }] }).expect(200);
    await system.as(ORG.manager).put('/targets/2026-12').send({ targets: [{ employee: ORG.rep, amount: 100000 }, { employee: ORG.rep2, amount: 80000 }] }).expect(200);
    await system.as(NY_BOSS).put('/targets/2026-12').send({ targets: [{ employee: NY_REP, amount: 100000 }] }).expect(200);
    expect((await submit(system, ORG.rep, contractBody('Yuan deal', { amount: 50_000, currency: 'CNY' }))).status).toBe('APPROVED');
    expect((await submit(system, NY_REP, contractBody('Dollar deal', { amount: 10_000, currency: 'USD' }))).status).toBe('APPROVED'); // CNY 71,000
    await engineIdle(system, clock, 'the set-up');
    const links = await system.prisma.timer.findMany({ where: { kind: 'appraisal.target-progress', firedAt: null, cancelledAt: null } });
    expect(Object.fromEntries(links.map((t) => [t.subjectId, [t.uniqueKey, t.dueAt.toISOString()]]))).toEqual({
      [id[ORG.director]]: [`target-progress:${id[ORG.director]}:${MONDAY}`, new Date(SHANGHAI_MONDAY_0900).toISOString()],
      [id[ORG.manager]]: [`target-progress:${id[ORG.manager]}:${MONDAY}`, new Date(SHANGHAI_MONDAY_0900).toISOString()],
      [id[NY_BOSS]]: [`target-progress:${id[NY_BOSS]}:${MONDAY}`, new Date(NEW_YORK_MONDAY_0900).toISOString()],
    });
  });

  it('guarantee: nothing before 09:00 Monday; at 09:00 in Shanghai one email to each Shanghai manager, in en, with attainment, who is behind and the total', async () => {
    await moveTo('2026-12-14T00:59:59Z', 'Monday 08:59:59 in Shanghai');
    expect(allProgress()).toEqual([]);
    await moveTo(SHANGHAI_MONDAY_0900, 'Monday 09:00 in Shanghai');
    expect(progressOf(ORG.manager).map(keyOf)).toEqual([`target-progress:${id[ORG.manager]}:${MONDAY}`]);
    expect(progressOf(ORG.director)).toHaveLength(1);
    expect(progressOf(NY_BOSS)).toEqual([]);
    const [mail] = progressOf(ORG.manager);
    expect(mail.to).toEqual([ORG.manager]);
    expect(mail.subject).toBe(`Sales progress for the week of ${MONDAY}: 2 behind pace`);
    // Q4 in Shanghai: 1,785 of 2,208 hours; December: 321 of 744.
    expect(mail.text).toContain('2026-Q4: 80.84% of the period elapsed');
    expect(mail.text).toContain('- Ray Rep (rep@salesflow.test) | Target: 300,000.00 CNY | Actual: 50,000.00 CNY | Attainment: 16.67% | Expected by now: 242,527.17 CNY | Behind pace');
    expect(mail.text).toContain('2026-12: 43.15% of the period elapsed');
    expect(mail.text).toContain('- Ray Rep (rep@salesflow.test) | Target: 100,000.00 CNY | Actual: 50,000.00 CNY | Attainment: 50% | Expected by now: 43,145.16 CNY | On pace');
    expect(mail.text).toContain('- Rita Rep (rep2@salesflow.test) | Target: 80,000.00 CNY | Actual: 0.00 CNY | Attainment: 0% | Expected by now: 34,516.13 CNY | Behind pace');
    expect(mail.text).toContain('Team total (2 people) | Target: 180,000.00 CNY | Actual: 50,000.00 CNY | Attainment: 27.78% | Expected by now: 77,661.29 CNY | Behind pace');
    expect(mail.text).toContain('Behind pace (1): Rita Rep');
    expect(mail.text).not.toContain('Ned North');
    // The director's line is everyone: Ned is in December's section.
    expect(progressOf(ORG.director)[0].text).toContain('Ned North');
  });

  it('guarantee: at 09:00 EST the New York manager gets hers, in zh-CN, December only (no quarter target in her line)', async () => {
    await moveTo('2026-12-14T13:59:59Z', 'Monday 08:59:59 in New York');
    expect(progressOf(NY_BOSS)).toEqual([]);
    await moveTo(NEW_YORK_MONDAY_0900, 'Monday 09:00 EST');
    const mails = progressOf(NY_BOSS);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe(`${MONDAY} 当周销售进度：0 人落后于进度`);
    expect(mails[0].text).toContain('2026-12：周期已过 43.15%');
    expect(mails[0].text).toContain('- Ned North (nyrep@salesflow.test) | 目标：100,000.00 CNY | 实际：71,000.00 CNY | 达成率：71% | 按进度应达：43,145.16 CNY | 符合进度');
    expect(mails[0].text).toContain('无人落后于进度。');
    expect(mails[0].text).not.toContain('2026-Q4');
  });

  it('guarantee: exactly one email per manager and Monday with two replicas and the job run a second time; none to anyone without a line', async () => {
    const fired = await system.prisma.timer.findMany({ where: { kind: 'appraisal.target-progress', firedAt: { not: null } } });
    expect(fired).toHaveLength(3);
    await system.prisma.outbox.create({ data: { queue: 'appraisal-bulk', jobName: 'appraisal.target-progress', payload: { timerIds: fired.map((t) => t.id) } } });
    system.app.get(OutboxSignal).notify();
    await moveTo(NEW_YORK_MONDAY_0900, 'the progress job run a second time');
    const keys = allProgress().map(keyOf).sort();
    expect(keys).toEqual([ORG.director, ORG.manager, NY_BOSS].map((email) => `target-progress:${id[email]}:${MONDAY}`).sort());
    const ledger = await system.prisma.notification.findMany({ where: { kind: 'target-progress' } });
    expect(ledger.map((row) => row.idempotencyKey).sort()).toEqual(keys);
    for (const email of [ORG.rep, ORG.rep2, NY_REP, ORG.hr, ORG.finance]) expect(system.smtp.to(email).filter((mail) => keyOf(mail).startsWith('target-progress:'))).toEqual([]);
    // Each fired link armed next Monday's.
    const next = await system.prisma.timer.findMany({ where: { kind: 'appraisal.target-progress', firedAt: null, cancelledAt: null } });
    expect(next.map((t) => t.uniqueKey).sort()).toEqual([ORG.director, ORG.manager, NY_BOSS].map((email) => `target-progress:${id[email]}:2026-12-21`).sort());
  });
});
