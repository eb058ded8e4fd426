import { idempotencyKeyOf as keyOf, waitFor, type ReceivedEmail } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { addEmployees } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 11 item 4, the review steps, through HTTP with the real SMTP sink: the self review; the
 * manager picks three peers, who each get a single-use link to a page (1-5 and a comment) that is
 * anonymous to the person; the manager's review; calibration (a band change needs a reason);
 * sign-off (409 on a second; KPI values frozen); the result email in the person's locale (en and
 * zh-CN) with scores, band, comments and evidence. Each refusal writes nothing.
 */
const T0 = new Date('2027-01-04T02:00:00Z'); // Monday 10:00 in Shanghai
const PEERS = ['peer1@salesflow.test', 'peer2@salesflow.test', 'peer3@salesflow.test'];

const TEMPLATE = {
  kpis: [
    { kind: 'salesAttainment', weight: 40, scoring: { kind: 'linear', floor: 50, target: 100 }, threshold: 50, courseCategory: 'sales_skills' },
    { kind: 'teamwork', weight: 30, scoring: { kind: 'linear', floor: 1, target: 5 } },
    { kind: 'managerRating', weight: 30, scoring: { kind: 'linear', floor: 1, target: 5 } },
  ],
  bands: [{ name: 'below', min: 0 }, { name: 'meets', min: 50 }, { name: 'exceeds', min: 90 }],
};
const CYCLE = {
  period: '2026-12',
  scope: { role: 'SALES_SPECIALIST' },
  template: 'sales',
  deadlines: { self: '2027-01-15T18:00:00+08:00', peer: '2027-01-22T18:00:00+08:00', manager: '2027-01-29T18:00:00+08:00', calibration: '2027-02-05T18:00:00+08:00' },
};

interface Kpi { kind: string; status: string; value: number | null; evidence: { sourceKind: string; sourceId: string }[] }

describe('appraisal: review steps from self review to sign-off', () => {
  const clock = new ManualClock(T0);
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      await addEmployees(system, [
        { email: ORG.rep2, name: 'Rita Rep', role: 'SALES_SPECIALIST', managerEmail: ORG.manager, team: 'East', locale: 'zh-CN' },
        ...PEERS.map((email, i) => ({ email, name: `Peer ${i + 1}`, role: 'CUSTOMER_SERVICE' as const, managerEmail: ORG.manager, team: 'East' })),
      ]);
      await system.as(ORG.hr).put('/appraisal-templates/sales').send(TEMPLATE).expect(200);
    },
  });
  const appraisalOf = new Map<string, string>();
  let cycleId = '';

  const appraisal = async (as: string, who: string) => (await system.as(as).get(`/appraisals/${appraisalOf.get(who)}`).expect(200)).body;
  const row = (who: string) => system.prisma.appraisal.findUniqueOrThrow({ where: { id: appraisalOf.get(who)! } });
  const peerMails = (): ReceivedEmail[] => system.smtp.received.filter((mail) => keyOf(mail).startsWith('appraisal-peer-request:'));
  const tokenIn = (mail: ReceivedEmail) => /\/peer-reviews\/([A-Za-z0-9_-]+)/.exec(mail.text)![1];
  const resultMail = async (to: string) => {
    await waitFor(`the result email to ${to}`, async () => system.smtp.received.filter((m) => keyOf(m).startsWith('appraisal-result:') && m.to.includes(to)), (mails) => mails.length > 0);
    return system.smtp.received.filter((m) => keyOf(m).startsWith('appraisal-result:') && m.to.includes(to));
  };

  it('opens the cycle: both specialists in SELF_REVIEW, with the default of three peers', async () => {
    const cycle = (await system.as(ORG.hr).post('/appraisal-cycles').send(CYCLE).expect(201)).body;
    cycleId = cycle.id;
    expect(cycle.peers).toBe(3);
    const list = (await system.as(ORG.hr).get(`/appraisals?cycle=${cycleId}`).expect(200)).body.items;
    for (const item of list) appraisalOf.set(item.employee.email, item.id);
    expect([...appraisalOf.keys()].sort()).toEqual([ORG.rep, ORG.rep2].sort());
    expect(list.every((item: { status: string }) => item.status === 'SELF_REVIEW')).toBe(true);
  });

  it('the self review: only by the person, with a comment; then 409 on a second', async () => {
    const id = appraisalOf.get(ORG.rep)!;
    await system.as(ORG.manager).post(`/appraisals/${id}/self-review`).send({ comment: 'Mine to write' }).expect(403);
    const bad = await system.as(ORG.rep).post(`/appraisals/${id}/self-review`).send({ comment: '' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['comment']);
    expect((await row(ORG.rep)).selfReviewedAt).toBeNull();
    await system.as(ORG.rep2).post(`/appraisals/${id}/self-review`).send({ comment: 'Not mine' }).expect(403);

    const done = (await system.as(ORG.rep).post(`/appraisals/${id}/self-review`).send({ comment: 'Closed the Huaxin renewal' }).expect(200)).body;
    expect(done.status).toBe('PEER_REVIEW');
    expect(done.review.self.comment).toBe('Closed the Huaxin renewal');
    await system.as(ORG.rep).post(`/appraisals/${id}/self-review`).send({ comment: 'Again' }).expect(409);
  });

  it('the manager picks three peers: each gets one email with a link; bad picks are 400 and write nothing', async () => {
    const id = appraisalOf.get(ORG.rep)!;
    await system.as(ORG.rep2).post(`/appraisals/${id}/peers`).send({ peers: PEERS }).expect(403);
    const bad = await system.as(ORG.manager).post(`/appraisals/${id}/peers`).send({ peers: [PEERS[0], ORG.rep, 'nobody@salesflow.test'] }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['peers[1]', 'peers[2]']);
    await system.as(ORG.manager).post(`/appraisals/${id}/peers`).send({ peers: [...PEERS, ORG.rep2] }).expect(400);
    expect(await system.prisma.appraisalPeerReview.count()).toBe(0);

    const picked = (await system.as(ORG.manager).post(`/appraisals/${id}/peers`).send({ peers: PEERS }).expect(200)).body;
    expect(picked.review.peers).toMatchObject({ asked: 3, answered: 0 });
    expect(picked.review.peers.names.map((p: { name: string }) => p.name).sort()).toEqual(['Peer 1', 'Peer 2', 'Peer 3']);
    await system.as(ORG.manager).post(`/appraisals/${id}/peers`).send({ peers: PEERS }).expect(409);
    await waitFor('three peer emails', async () => peerMails().length, (n) => n >= 3);
    expect(peerMails().map((mail) => mail.to[0]).sort()).toEqual(PEERS);
    expect(peerMails()[0].subject).toBe('Please rate the teamwork of Ray Rep (2026-12)');
    // The link's token is not stored: only its hash is.
    const stored = await system.prisma.appraisalPeerReview.findMany();
    expect(stored.some((r) => r.tokenHash === tokenIn(peerMails()[0]))).toBe(false);
  });

  it('a peer link works once: the page, a rating, then 410; a bad rating is 400; a made-up token 404', async () => {
    const [first, second, third] = PEERS.map((email) => tokenIn(peerMails().find((mail) => mail.to[0] === email)!));
    const page = await system.http.get(`/peer-reviews/${first}`).expect(200);
    expect(page.text).toContain('Please rate the teamwork of Ray Rep in 2026-12');
    expect((await system.http.post(`/peer-reviews/${first}`).send({ rating: 7 }).expect(400)).body.errors.map((e: { field: string }) => e.field)).toEqual(['rating']);
    await system.http.post(`/peer-reviews/${first}`).send({ rating: 4, comment: 'Always helps with demos' }).expect(200);
    await system.http.post(`/peer-reviews/${first}`).send({ rating: 1 }).expect(410);
    await system.http.get(`/peer-reviews/${first}`).expect(410);
    await system.http.post('/peer-reviews/not-a-real-token').send({ rating: 3 }).expect(404);
    // A browser form posts text.
    await system.http.post(`/peer-reviews/${second}`).type('form').send({ rating: '5', comment: 'Great partner' }).expect(200);
    expect((await row(ORG.rep)).status).toBe('PEER_REVIEW');
    await system.http.post(`/peer-reviews/${third}`).send({ rating: 3 }).expect(200);
    expect((await row(ORG.rep)).status).toBe('MANAGER_REVIEW');
  });

  it('the ratings are anonymous to the person: teamwork is their average, its evidence names reviews, not peers', async () => {
    const mine = await appraisal(ORG.rep, ORG.rep);
    expect(mine.review.peers).toEqual({ asked: 3, answered: 3, names: null, comments: ['Always helps with demos', 'Great partner'] });
    const teamwork: Kpi = mine.kpis.find((k: Kpi) => k.kind === 'teamwork');
    expect(teamwork).toMatchObject({ status: 'SCORED', value: 4 });
    const peerIds = await Promise.all(PEERS.map(async (email) => (await system.prisma.employee.findUniqueOrThrow({ where: { email } })).id));
    expect(teamwork.evidence.map((e) => e.sourceKind)).toEqual(['peer-review', 'peer-review', 'peer-review']);
    expect(teamwork.evidence.some((e) => peerIds.includes(e.sourceId))).toBe(false);
    expect(JSON.stringify(mine)).not.toContain('Peer 1');
    // The manager sees who answered.
    expect((await appraisal(ORG.manager, ORG.rep)).review.peers.names.every((p: { answered: boolean }) => p.answered)).toBe(true);
  });

  it('the manager reviews after the self review (409 before it), rating the managerRating KPI', async () => {
    await system.as(ORG.manager).post(`/appraisals/${appraisalOf.get(ORG.rep2)}/manager-review`).send({ rating: 4, comment: 'Good' }).expect(409);
    const id = appraisalOf.get(ORG.rep)!;
    await system.as(ORG.director).post(`/appraisals/${id}/manager-review`).send({ rating: 4, comment: 'Not the reviewer' }).expect(403);
    await system.as(ORG.manager).post(`/appraisals/${id}/manager-review`).send({ rating: 9, comment: 'x' }).expect(400);
    const reviewed = (await system.as(ORG.manager).post(`/appraisals/${id}/manager-review`).send({ rating: 5, comment: 'Strong quarter' }).expect(200)).body;
    expect(reviewed.status).toBe('CALIBRATION');
    expect(reviewed.kpis.find((k: Kpi) => k.kind === 'managerRating')).toMatchObject({ status: 'SCORED', value: 5 });
    // No sales in December: attainment is left out, teamwork (4 of 5: 75) and the rating (100) share the weight.
    expect(reviewed.score).toBe(87.5);
    expect(reviewed.band).toBe('meets');
  });

  it('calibration: not by the manager; a band change without a reason is 400 and writes nothing; with one it moves on', async () => {
    const id = appraisalOf.get(ORG.rep)!;
    await system.as(ORG.manager).post(`/appraisals/${id}/calibration`).send({ band: 'meets' }).expect(403);
    const refused = await system.as(ORG.director).post(`/appraisals/${id}/calibration`).send({ band: 'exceeds' }).expect(400);
    expect(refused.body.errors).toEqual([{ field: 'reason', message: 'required when the band changes (from meets to exceeds)' }]);
    expect((await row(ORG.rep))).toMatchObject({ status: 'CALIBRATION', band: 'meets', calibratedAt: null });
    const calibrated = (await system.as(ORG.director).post(`/appraisals/${id}/calibration`).send({ band: 'exceeds', reason: 'Carried the launch alone' }).expect(200)).body;
    expect(calibrated).toMatchObject({ status: 'SIGN_OFF', band: 'exceeds' });
    expect(calibrated.review.calibration).toMatchObject({ from: 'meets', band: 'exceeds', reason: 'Carried the launch alone' });
  });

  it('sign-off freezes the KPIs and emails the result in English; a second sign-off is 409', async () => {
    const id = appraisalOf.get(ORG.rep)!;
    await system.as(ORG.rep).post(`/appraisals/${id}/sign-off`).expect(403);
    const signed = (await system.as(ORG.hr).post(`/appraisals/${id}/sign-off`).expect(200)).body;
    expect(signed.status).toBe('SIGNED_OFF');
    expect(signed.review.signedOffAt).toBe(T0.toISOString());
    const second = await system.as(ORG.director).post(`/appraisals/${id}/sign-off`).expect(409);
    expect(second.body.code).toBe('appraisal.signed_off');
    const kpis = await system.prisma.appraisalKpi.findMany({ where: { appraisalId: id } });
    expect(kpis.every((k) => k.frozenAt?.getTime() === T0.getTime())).toBe(true);

    const [mail] = await resultMail(ORG.rep);
    expect(mail.subject).toBe('Your appraisal for 2026-12: exceeds');
    expect(mail.text).toContain('signed off: exceeds, overall score 87.5');
    expect(mail.text).toContain('Calibration moved the band from meets to exceeds: Carried the launch alone');
    expect(mail.text).toContain('Teamwork (peer ratings, 1-5): 4 | Score: 75 | Weight: 50% | 3 records: peer-review:');
    expect(mail.text).toContain('Your manager\u2019s comment: Strong quarter');
    expect(mail.text).toContain('A colleague\u2019s comment: Great partner');
    expect(mail.text).not.toContain('Peer 2');
  });

  it('a person without peer ratings: teamwork left out; the same band needs no reason; the result in Chinese', async () => {
    const id = appraisalOf.get(ORG.rep2)!;
    await system.as(ORG.rep2).post(`/appraisals/${id}/self-review`).send({ comment: '完成了年度目标' }).expect(200);
    await system.as(ORG.manager).post(`/appraisals/${id}/manager-review`).send({ rating: 3, comment: '表现稳定' }).expect(200);
    const band = (await row(ORG.rep2)).band!;
    await system.as(ORG.hr).post(`/appraisals/${id}/calibration`).send({ band }).expect(200);
    await system.as(ORG.director).post(`/appraisals/${id}/sign-off`).expect(200);
    const [mail] = await resultMail(ORG.rep2);
    expect(mail.subject).toBe(`您 2026-12 的绩效评估：${band}`);
    expect(mail.text).toContain('团队合作（同事评分，1-5）：- | 得分：无数据：不计入，其余权重重新分配');
    expect(mail.text).toContain('经理意见：表现稳定');
  });

  it('every step left an audit row, and none names a peer', async () => {
    const trail = await system.prisma.auditEntry.findMany({ where: { entityId: appraisalOf.get(ORG.rep)! } });
    expect(trail.map((e) => e.action).sort()).toEqual([
      'appraisal.self-reviewed', 'appraisal.peers-picked', 'appraisal.peer-rated', 'appraisal.peer-rated', 'appraisal.peer-rated',
      'appraisal.manager-reviewed', 'appraisal.calibrated', 'appraisal.signed-off',
    ].sort());
    const peerIds = await Promise.all(PEERS.map(async (email) => (await system.prisma.employee.findUniqueOrThrow({ where: { email } })).id));
    const rated = trail.filter((e) => e.action === 'appraisal.peer-rated');
    expect(rated.every((e) => e.actorId === null && !peerIds.some((p) => JSON.stringify(e.after).includes(p)))).toBe(true);
    expect(cycleId).not.toBe('');
  });
});
