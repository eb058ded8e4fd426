import { ManualClock } from '#libs/time';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';
import { createCustomer, employeeId, keyOf, mailsWithKey, regularVisitAt, settled } from './revisit-test-helpers.js';

/**
 * Issue 3, item 3: one digest email per owner per working day at 08:30 in the owner's own zone,
 * listing today's and overdue revisits (none due: no email); exactly one however many replicas
 * run, across the New York daylight-saving change (2027-03-14), and one catch-up after downtime;
 * the delegate of an absent owner receives it.
 *
 * Two replicas of every service run the whole file on one database and one ManualClock. The
 * clock walks forward through one timeline; each test continues where the previous one stopped.
 */
const T0 = new Date('2027-03-11T20:00:00Z'); // Friday 04:00 in Shanghai, Thursday 15:00 in New York
const NY_REP = 'nyrep@salesflow.test';
const AWAY_REP = 'away@salesflow.test';
const BULK = Array.from({ length: 10 }, (_, i) => `bulk${i}@salesflow.test`);

describe('the morning digest', () => {
  const clock = new ManualClock(T0);
  const id: Record<string, string> = {};
  const system = useTestSystem({
    clock,
    async setUp() {
      await system.startReplica();
      await seedOrg(system);
      await system.as(ORG.admin).put('/org/calendars/ny-every-day')
        .send({ timezone: 'America/New_York', days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '18:00', holidays: [], workdays: [] })
        .expect(200);
      const shanghai = { role: 'SALES_SPECIALIST', managerEmail: ORG.manager, timezone: 'Asia/Shanghai' };
      await system.as(ORG.admin).put('/org/employees').send({
        employees: [
          // The calendar's zone wins: this rep's employee zone says Shanghai, the calendar says New York.
          { email: NY_REP, name: 'Nina York', ...shanghai, locale: 'en', calendar: 'ny-every-day' },
          { email: AWAY_REP, name: 'Alex Away', ...shanghai, locale: 'en' },
          ...BULK.map((email, i) => ({ email, name: `Bulk Owner ${i}`, ...shanghai, locale: i % 2 === 0 ? 'en' : 'zh-CN' })),
        ],
      }).expect(200);
      for (const email of [ORG.rep, ORG.rep2, NY_REP, AWAY_REP, ...BULK]) id[email] = await employeeId(system, email);

      const customer = (code: string, name: string, owner: string) => createCustomer(system, { code, name, ownerId: id[owner], createdAt: T0 });
      await regularVisitAt(system, await customer('SH-1', 'Shanghai One', ORG.rep), new Date('2027-03-11T02:00:00Z')); // Thu 10:00: overdue on Friday
      await regularVisitAt(system, await customer('SH-2', 'Shanghai Two', ORG.rep), new Date('2027-03-12T07:00:00Z')); // Fri 15:00: due today
      await regularVisitAt(system, await customer('NY-1', 'New York One', NY_REP), new Date('2027-03-11T15:00:00Z')); // Thu 10:00 EST
      await regularVisitAt(system, await customer('AW-1', 'Away Customer', AWAY_REP), new Date('2027-03-11T02:00:00Z'));
      for (const [i, email] of BULK.entries()) await regularVisitAt(system, await customer(`BK-${i}`, `Bulk Customer ${i}`, email), new Date('2027-03-11T02:00:00Z'));
      await customer('IDLE-1', 'Idle Customer', ORG.rep2); // a C-tier plan 90 working days out: nothing due for weeks

      await system.as(ORG.admin).post('/org/absences')
        .send({ employeeEmail: AWAY_REP, from: '2027-03-11T00:00:00Z', to: '2027-03-13T00:00:00Z', delegateEmail: ORG.rep2 })
        .expect(201);
      await settled(system, clock, 'the setup');
    },
  });

  const digestKey = (email: string, date: string) => `revisit-digest:${id[email]}:${date}`;
  const digestsOf = (email: string) => mailsWithKey(system, `revisit-digest:${id[email]}:`);
  const datesOf = (email: string) => digestsOf(email).map((mail) => keyOf(mail).split(':')[2]);

  async function moveTo(iso: string, description: string) {
    clock.set(new Date(iso));
    await settled(system, clock, description);
  }

  /** Every digest key sent exactly once, in the SMTP sink and in the ledger. */
  async function expectNoDuplicates() {
    const keys = mailsWithKey(system, 'revisit-digest:').map(keyOf);
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
    const ledger = await system.prisma.notification.findMany({ where: { kind: 'revisit-digest' }, select: { idempotencyKey: true, status: true } });
    expect(ledger.map((row) => row.idempotencyKey).sort()).toEqual([...keys].sort());
    expect(ledger.every((row) => row.status === 'sent')).toBe(true);
  }

  it('guarantee: nothing is sent before 08:30 local', async () => {
    await moveTo('2027-03-12T00:29:59Z', 'Friday 08:29:59 in Shanghai');
    expect(mailsWithKey(system, 'revisit-digest:')).toEqual([]);
  });

  it('guarantee: at 08:30 Shanghai time each Shanghai owner with visits due gets exactly one digest (two replicas racing) listing today\u2019s and overdue visits, and the next one is armed for Monday 08:30', async () => {
    await moveTo('2027-03-12T00:30:00Z', 'Friday 08:30 in Shanghai');
    for (const email of [ORG.rep, ...BULK]) expect({ email, dates: datesOf(email) }).toEqual({ email, dates: ['2027-03-12'] });
    await expectNoDuplicates();

    const [mail] = digestsOf(ORG.rep);
    expect(mail.to).toEqual([ORG.rep]);
    expect(mail.subject).toBe('Customer revisits for 2027-03-12: 1 due today, 1 overdue');
    expect(mail.text).toContain('Shanghai One (SH-1) | Tier: C | Regular revisit | Due: 2027-03-11 10:00 (Asia/Shanghai) | 1 working day');
    expect(mail.text).toContain('Shanghai Two (SH-2) | Tier: C | Regular revisit | Due: 2027-03-12 15:00 (Asia/Shanghai)');
    expect(digestsOf(BULK[1])[0].subject).toBe('2027-03-12 客户回访：今日到期 0 个，逾期 1 个');
    for (const [i, email] of BULK.entries()) {
      const listed = [...digestsOf(email)[0].text.matchAll(/Bulk Customer (\d+) \(BK-/g)].map((match) => Number(match[1]));
      expect({ email, listed }).toEqual({ email, listed: [i] });
    }
  });

  it('guarantee: the digests due at one instant are composed set-based, several owners per job, and each owner\u2019s timer is in exactly one job', async () => {
    const fired = await system.prisma.timer.findMany({ where: { kind: 'revisit.digest', dueAt: new Date('2027-03-12T00:30:00Z'), firedAt: { not: null } } });
    const jobs = await system.prisma.outbox.findMany({ where: { jobName: 'revisit.digest', createdAt: { gte: new Date('2027-03-12T00:30:00Z') } } });
    const timerIds = jobs.flatMap((job) => (job.payload as { timerIds: string[] }).timerIds);
    expect(fired.length).toBeGreaterThanOrEqual(BULK.length + 2);
    expect(jobs.length).toBeLessThan(fired.length);
    expect([...timerIds].sort()).toEqual(fired.map((timer) => timer.id).sort());
    expect(jobs.every((job) => job.outcome === 'done' || job.outcome === 'skipped')).toBe(true);

    const next = await system.prisma.timer.findMany({ where: { subjectId: id[ORG.rep], kind: 'revisit.digest', firedAt: null } });
    expect(next.map((t) => [t.uniqueKey, t.dueAt.toISOString()])).toEqual([[digestKey(ORG.rep, '2027-03-15'), '2027-03-15T00:30:00.000Z']]);
  });

  it('guarantee: while the owner is absent, their delegate gets the owner\u2019s digest, which says so', async () => {
    const [mail] = mailsWithKey(system, digestKey(AWAY_REP, '2027-03-12'));
    expect(mail.to).toEqual([ORG.rep2]);
    expect(mail.subject).toBe('Customer revisits of Alex Away for 2027-03-12: 0 due today, 1 overdue');
    expect(mail.text).toContain('as the delegate of Alex Away (away@salesflow.test), who is absent');
    expect(mail.text).toContain('Away Customer (AW-1)');
    expect(system.smtp.to(AWAY_REP)).toEqual([]);
  });

  it('guarantee: in New York the digest follows the local clock through the start of daylight saving: 13:30Z in EST, 12:30Z on 2027-03-14 (EDT), once a day', async () => {
    await moveTo('2027-03-12T13:29:59Z', 'Friday 08:29:59 in New York');
    expect(datesOf(NY_REP)).toEqual([]);
    await moveTo('2027-03-12T13:30:00Z', 'Friday 08:30 EST');
    expect(datesOf(NY_REP)).toEqual(['2027-03-12']);
    await moveTo('2027-03-13T13:30:00Z', 'Saturday 08:30 EST');
    expect(datesOf(NY_REP)).toEqual(['2027-03-12', '2027-03-13']);

    const sunday = await system.prisma.timer.findUniqueOrThrow({ where: { uniqueKey: digestKey(NY_REP, '2027-03-14') } });
    expect(sunday.dueAt.toISOString()).toBe('2027-03-14T12:30:00.000Z');
    await moveTo('2027-03-14T12:29:59Z', 'Sunday 08:29:59 EDT');
    expect(datesOf(NY_REP)).toEqual(['2027-03-12', '2027-03-13']);
    await moveTo('2027-03-14T12:30:00Z', 'Sunday 08:30 EDT, the first morning of daylight saving');
    expect(datesOf(NY_REP)).toEqual(['2027-03-12', '2027-03-13', '2027-03-14']);
    const sundayMail = mailsWithKey(system, digestKey(NY_REP, '2027-03-14'))[0];
    expect(sundayMail.text).toContain('New York One (NY-1) | Tier: C | Regular revisit | Due: 2027-03-11 10:00 (America/New_York) | 3 working days');

    // The Shanghai owners work Monday to Friday: no weekend digests.
    expect(datesOf(ORG.rep)).toEqual(['2027-03-12']);
    await expectNoDuplicates();
  });

  it('guarantee: after downtime each owner gets one catch-up digest, not one per missed day, and the chain continues from now', async () => {
    // Down from Sunday to Wednesday 11:00 Shanghai (Tuesday 23:00 in New York).
    await moveTo('2027-03-17T03:00:00Z', 'the return after downtime');
    expect(datesOf(ORG.rep)).toEqual(['2027-03-12', '2027-03-17']);
    expect(datesOf(NY_REP)).toEqual(['2027-03-12', '2027-03-13', '2027-03-14', '2027-03-16']);
    for (const email of BULK) expect({ email, dates: datesOf(email) }).toEqual({ email, dates: ['2027-03-12', '2027-03-17'] });
    // The absence ended: the owner reads their own digest again, without the delegate note.
    const [own] = mailsWithKey(system, digestKey(AWAY_REP, '2027-03-17'));
    expect(own.to).toEqual([AWAY_REP]);
    expect(own.text).not.toContain('delegate');
    await expectNoDuplicates();

    const repNext = await system.prisma.timer.findMany({ where: { subjectId: id[ORG.rep], kind: 'revisit.digest', firedAt: null } });
    expect(repNext.map((t) => [t.uniqueKey, t.dueAt.toISOString()])).toEqual([[digestKey(ORG.rep, '2027-03-18'), '2027-03-18T00:30:00.000Z']]);
    const nyNext = await system.prisma.timer.findMany({ where: { subjectId: id[NY_REP], kind: 'revisit.digest', firedAt: null } });
    expect(nyNext.map((t) => [t.uniqueKey, t.dueAt.toISOString()])).toEqual([[digestKey(NY_REP, '2027-03-17'), '2027-03-17T12:30:00.000Z']]);
  });

  it('guarantee: an owner with nothing due gets no email, while their digest chain keeps running', async () => {
    const fired = await system.prisma.timer.findMany({ where: { subjectId: id[ORG.rep2], kind: 'revisit.digest', firedAt: { not: null } } });
    expect(fired.map((t) => t.uniqueKey)).toContain(digestKey(ORG.rep2, '2027-03-12'));
    expect(digestsOf(ORG.rep2)).toEqual([]);
    expect(await system.prisma.notification.count({ where: { idempotencyKey: { startsWith: `revisit-digest:${id[ORG.rep2]}:` } } })).toBe(0);
    expect(await system.prisma.timer.count({ where: { subjectId: id[ORG.rep2], kind: 'revisit.digest', firedAt: null } })).toBe(1);
  });

  it('guarantee: the daily schedule check re-arms a digest chain whose next timer was lost', async () => {
    await system.prisma.timer.deleteMany({ where: { subjectId: id[ORG.rep], kind: 'revisit.digest', firedAt: null } });
    await moveTo('2027-03-18T00:00:00Z', 'the daily schedule check');
    const rearmed = await system.prisma.timer.findUniqueOrThrow({ where: { uniqueKey: digestKey(ORG.rep, '2027-03-18') } });
    expect(rearmed.dueAt.toISOString()).toBe('2027-03-18T00:30:00.000Z');
    await moveTo('2027-03-18T00:30:00Z', 'Thursday 08:30 in Shanghai');
    expect(datesOf(ORG.rep)).toEqual(['2027-03-12', '2027-03-17', '2027-03-18']);
    await expectNoDuplicates();
  });
});
