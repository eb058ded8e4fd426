import { idempotencyKeyOf as keyOf, type ReceivedEmail } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { addEmployees } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 10 ("emails in zh-CN and en"): each training email is written in its reader's locale,
 * which is the org directory's. This file covers the kinds and occasions the other files read in
 * one language only: the seat freed for someone waitlisted, the withdrawal and the cancellation
 * (METHOD:CANCEL), the update after a reschedule, the retake invitation, the manager told of a
 * last failed attempt and of an unexcused absence. Elsewhere: the first invitation
 * (training-sessions), the session reminder (training-attendance, training-redis-flush), the
 * overdue reminder (training-overdue, training-overdue-replicas) and its escalations (en in
 * training-overdue, zh-CN in training-overdue-replicas), the manager told in English of a last
 * failed attempt (training-attendance).
 *
 * Two teams: Mia Manager's in English (Ray, Rita), 周经理's in Chinese (Zhang, Zhao).
 */
const T0 = new Date('2027-05-06T02:00:00Z');
const TRAINER = 'trainer@salesflow.test';
const ZH_MANAGER = 'zhou@salesflow.test';
const ZH_A = 'zhang@salesflow.test';
const ZH_B = 'zhao@salesflow.test';
const EN_A = ORG.rep;
const EN_B = ORG.rep2;
const CODE = 'LC-101';
const ZH_TITLE = '客户关系管理';
const EN_TITLE = 'Customer relationship management';

describe('training: every training email in zh-CN and in en', () => {
  const clock = new ManualClock(T0);
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      await addEmployees(system, [
        { email: TRAINER, name: 'Tara Trainer', role: 'HR' },
        { email: ZH_MANAGER, name: '周经理', role: 'SALES_MANAGER', managerEmail: ORG.director, team: 'North', locale: 'zh-CN' },
        { email: ZH_A, name: '张伟', role: 'SALES_SPECIALIST', managerEmail: ZH_MANAGER, team: 'North', locale: 'zh-CN' },
        { email: ZH_B, name: '赵敏', role: 'SALES_SPECIALIST', managerEmail: ZH_MANAGER, team: 'North', locale: 'zh-CN' },
      ]);
    },
  });

  const patch = (as: string, path: string) => system.http.patch(path).set('Authorization', `Bearer ${system.token(as)}`);
  const remove = (as: string, path: string) => system.http.delete(path).set('Authorization', `Bearer ${system.token(as)}`);
  const mailKeyed = (prefix: string, to: string): Promise<ReceivedEmail> =>
    system.smtp.waitForEmail(`an email keyed ${prefix}... to ${to}`, (mail) => keyOf(mail).startsWith(prefix) && mail.to.includes(to));
  const calendarMethod = (mail: ReceivedEmail) => {
    const files = mail.parsed.attachments.filter((file) => file.contentType === 'text/calendar');
    expect(files).toHaveLength(1);
    return /^METHOD:(\w+)/m.exec(files[0].content.toString('utf8'))?.[1];
  };

  let courseId = '';
  let s1 = '';
  let s3 = '';
  const enrollment = new Map<string, string>();

  async function schedule(startsAt: string, endsAt: string, capacity: number): Promise<string> {
    return (await system.as(ORG.hr).post('/sessions').send({ courseId, startsAt, endsAt, timezone: 'Asia/Shanghai', place: 'Room 3A', trainer: TRAINER, capacity }).expect(201)).body.id;
  }
  async function enroll(sessionId: string, email: string): Promise<{ id: string; status: string }> {
    return (await system.as(ORG.hr).post(`/sessions/${sessionId}/enrollments`).send({ employeeEmail: email }).expect(201)).body;
  }

  it('a seat freed by a withdrawal: the one withdrawn is told (METHOD:CANCEL) and the first waitlisted is invited, each in their language', async () => {
    courseId = (await system.as(ORG.hr).post('/courses').send({
      code: CODE, titleZh: ZH_TITLE, titleEn: EN_TITLE, category: 'customer_relationship', levels: ['SALES_SPECIALIST'],
      durationMinutes: 120, mandatory: true, passMark: 80, attemptsAllowed: 2,
    }).expect(201)).body.id;
    s1 = await schedule('2027-05-10T01:00:00Z', '2027-05-10T03:00:00Z', 2);
    s3 = await schedule('2027-05-17T01:00:00Z', '2027-05-17T03:00:00Z', 5);
    for (const email of [EN_A, ZH_A, EN_B, ZH_B]) {
      const made = await enroll(s1, email);
      enrollment.set(email, made.id);
      expect([email, made.status]).toEqual([email, email === EN_B || email === ZH_B ? 'WAITLISTED' : 'CONFIRMED']);
    }

    await remove(ORG.manager, `/enrollments/${enrollment.get(EN_A)}`).expect(200);
    const enWithdrawn = await mailKeyed(`training-cancellation:${s1}:0:`, EN_A);
    expect(enWithdrawn.subject).toBe(`You are withdrawn from the training: ${EN_TITLE} (${CODE})`);
    expect(enWithdrawn.text).toContain(`Your enrollment in the training session ${EN_TITLE}, starting 2027-05-10 09:00 (Asia/Shanghai), is withdrawn.`);
    expect(calendarMethod(enWithdrawn)).toBe('CANCEL');
    const enPromoted = await mailKeyed(`training-invitation:${s1}:0:`, EN_B);
    expect(enPromoted.subject).toBe(`A seat is free for you: ${EN_TITLE} (${CODE})`);
    expect(enPromoted.text).toContain('A seat came free: you are now enrolled');

    await remove(ZH_MANAGER, `/enrollments/${enrollment.get(ZH_A)}`).expect(200);
    const zhWithdrawn = await mailKeyed(`training-cancellation:${s1}:0:`, ZH_A);
    expect(zhWithdrawn.subject).toBe(`您已退出培训：${ZH_TITLE}（${CODE}）`);
    expect(zhWithdrawn.text).toContain(`您在培训课程 ${ZH_TITLE}（开始时间 2027-05-10 09:00 (Asia/Shanghai)）的报名已撤销。`);
    expect(calendarMethod(zhWithdrawn)).toBe('CANCEL');
    const zhPromoted = await mailKeyed(`training-invitation:${s1}:0:`, ZH_B);
    expect(zhPromoted.subject).toBe(`候补转正：${ZH_TITLE}（${CODE}）已为您保留座位`);
    expect(zhPromoted.text).toContain('有座位空出：您已从候补名单转为正式参加培训课程');
  });

  it('a reschedule: the update (METHOD:REQUEST) in each reader\u2019s language', async () => {
    const read = await system.as(ORG.hr).get(`/sessions/${s1}`).expect(200);
    await patch(ORG.hr, `/sessions/${s1}`).send({ version: read.body.version, startsAt: '2027-05-12T01:00:00Z', endsAt: '2027-05-12T03:00:00Z' }).expect(200);
    const en = await mailKeyed(`training-invitation:${s1}:1:`, EN_B);
    expect(en.subject).toBe(`Training rescheduled: ${EN_TITLE} (${CODE})`);
    expect(en.text).toContain(`The training session ${EN_TITLE} has changed. It now starts 2027-05-12 09:00 (Asia/Shanghai).`);
    expect(calendarMethod(en)).toBe('REQUEST');
    const zh = await mailKeyed(`training-invitation:${s1}:1:`, ZH_B);
    expect(zh.subject).toBe(`培训时间变更：${ZH_TITLE}（${CODE}）`);
    expect(zh.text).toContain(`培训课程 ${ZH_TITLE} 有变更，现在的开始时间为 2027-05-12 09:00 (Asia/Shanghai)。`);
    expect(calendarMethod(zh)).toBe('REQUEST');
  });

  it('a cancellation (METHOD:CANCEL) in each reader\u2019s language', async () => {
    const s2 = await schedule('2027-05-13T06:00:00Z', '2027-05-13T08:00:00Z', 5);
    await enroll(s2, EN_A);
    await enroll(s2, ZH_A);
    const cancelled = await system.as(ORG.hr).post(`/sessions/${s2}/cancel`).expect(200);
    const en = await mailKeyed(`training-cancellation:${s2}:${cancelled.body.sequence}:`, EN_A);
    expect(en.subject).toBe(`Training cancelled: ${EN_TITLE} (${CODE})`);
    expect(en.text).toContain(`The training session ${EN_TITLE} that was to start 2027-05-13 14:00 (Asia/Shanghai) is cancelled.`);
    expect(calendarMethod(en)).toBe('CANCEL');
    const zh = await mailKeyed(`training-cancellation:${s2}:${cancelled.body.sequence}:`, ZH_A);
    expect(zh.subject).toBe(`培训已取消：${ZH_TITLE}（${CODE}）`);
    expect(zh.text).toContain(`原定于 2027-05-13 14:00 (Asia/Shanghai) 开始的培训课程 ${ZH_TITLE} 已取消。`);
    expect(calendarMethod(zh)).toBe('CANCEL');
  });

  it('a first failed attempt: the retake invitation in each reader\u2019s language', async () => {
    clock.set(new Date('2027-05-12T03:00:00Z'));
    await system.as(TRAINER).post(`/sessions/${s1}/attendance`)
      .send({ records: [{ enrollmentId: enrollment.get(EN_B), status: 'present' }, { enrollmentId: enrollment.get(ZH_B), status: 'present' }] })
      .expect(200);
    for (const email of [EN_B, ZH_B]) {
      const failed = await system.as(TRAINER).post(`/enrollments/${enrollment.get(email)}/assessment`).send({ score: 50 }).expect(200);
      expect(failed.body).toMatchObject({ enrollment: { result: 'FAILED' }, retake: { sessionId: s3, status: 'CONFIRMED', attempt: 2 }, managerTold: false });
      enrollment.set(email, failed.body.retake.id);
    }
    const en = await mailKeyed(`training-invitation:${s3}:0:`, EN_B);
    expect(en.subject).toBe(`Training invitation: ${EN_TITLE} (${CODE})`);
    expect(en.text).toContain(`You are enrolled in the training session ${EN_TITLE}, starting 2027-05-17 09:00 (Asia/Shanghai).`);
    const zh = await mailKeyed(`training-invitation:${s3}:0:`, ZH_B);
    expect(zh.subject).toBe(`培训邀请：${ZH_TITLE}（${CODE}）`);
    expect(zh.text).toContain(`您已报名参加培训课程 ${ZH_TITLE}，开始时间为 2027-05-17 09:00 (Asia/Shanghai)。`);
  });

  it('the manager told: of a last failed attempt in Chinese, of an unexcused absence in English', async () => {
    clock.set(new Date('2027-05-17T03:00:00Z'));
    await system.as(TRAINER).post(`/sessions/${s3}/attendance`)
      .send({ records: [{ enrollmentId: enrollment.get(EN_B), status: 'absent' }, { enrollmentId: enrollment.get(ZH_B), status: 'present' }] })
      .expect(200);
    const absent = await mailKeyed('training-failed:', ORG.manager);
    expect(absent.subject).toBe(`Mandatory training missed: Rita Rep, ${EN_TITLE} (${CODE})`);
    expect(absent.text).toContain(`Rita Rep was absent without excuse from the mandatory training session ${EN_TITLE} that started 2027-05-17 09:00 (Asia/Shanghai).`);

    const last = await system.as(TRAINER).post(`/enrollments/${enrollment.get(ZH_B)}/assessment`).send({ score: 40 }).expect(200);
    expect(last.body).toMatchObject({ enrollment: { result: 'FAILED', attempt: 2 }, retake: null, managerTold: true });
    const failed = await mailKeyed('training-failed:', ZH_MANAGER);
    expect(failed.subject).toBe(`培训未通过：赵敏，${ZH_TITLE}（${CODE}）`);
    expect(failed.text).toContain(`赵敏 未通过培训课程 ${ZH_TITLE} 的考核（得分 40，及格线 80）；这是第 2 次考核，共允许 2 次，已是最后一次。`);
  });
});
