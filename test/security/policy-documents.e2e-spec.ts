import { ORG, seedOrg } from '../support/org-fixture.js';
import type { TestSystem } from '../support/test-system.js';
import { useTestSystem } from '../support/use-test-system.js';

type FieldErrors = { field: string; message: string }[];

const FOLLOW_UP_FIELDS = [
  'cadenceDays', 'tierThresholds', 'postSigningVisitWorkingDays', 'surveyAfterContractDays', 'overdueEscalationWorkingDays',
  'digestLocalTime', 'complaintDeadlines', 'complaintReminderAt', 'surveyCapDays', 'surveyLinkTtlDays', 'lowScoreThreshold',
  'atRiskVisitWorkingDays', 'risk', 'scanTimes', 'competition',
];

async function followUpPolicy(system: TestSystem) {
  return (await system.as(ORG.admin).get('/follow-up-policy').expect(200)).body as { version: number; policy: Record<string, unknown> };
}

describe('a policy PUT replaces only with a complete document; PATCH /follow-up-policy changes part of it (issue 12 item 4)', () => {
  const system = useTestSystem({ setUp: () => seedOrg(system) });

  it('guarantee: PUT /follow-up-policy {} is a 400 listing every missing field, and the active policy is kept (no reset to defaults)', async () => {
    await system.as(ORG.admin).patch('/follow-up-policy').send({ surveyCapDays: 60 }).expect(200);
    const before = await followUpPolicy(system);
    const versions = await system.prisma.followUpPolicy.count();

    const response = await system.as(ORG.admin).put('/follow-up-policy').send({});
    expect(response.status).toBe(400);
    const errors = response.body.errors as FieldErrors;
    expect(errors.map((e) => e.field)).toEqual(FOLLOW_UP_FIELDS);
    expect(errors.every((e) => e.message.includes('is required'))).toBe(true);

    expect(await system.prisma.followUpPolicy.count()).toBe(versions);
    expect(await followUpPolicy(system)).toEqual(before);
    expect(before.policy.surveyCapDays).toBe(60);
  });

  it('guarantee: PUT /follow-up-policy with a complete document replaces it', async () => {
    const { version, policy } = await followUpPolicy(system);
    const response = await system.as(ORG.admin).put('/follow-up-policy').send({ ...policy, lowScoreThreshold: 3 }).expect(200);
    expect(response.body).toEqual({ version: version + 1, policy: { ...policy, lowScoreThreshold: 3 } });
  });

  it('guarantee: PATCH /follow-up-policy changes one field (nested ones merge) and keeps every other as it was', async () => {
    const before = await followUpPolicy(system);
    const cadence = before.policy.cadenceDays as Record<string, number>;
    const response = await system.as(ORG.admin).patch('/follow-up-policy').send({ cadenceDays: { A: 7 } }).expect(200);
    const expected = { ...before.policy, cadenceDays: { ...cadence, A: 7 } };
    expect(response.body).toEqual({ version: before.version + 1, policy: expected });
    expect(await followUpPolicy(system)).toEqual({ version: before.version + 1, policy: expected });
  });

  it('guarantee: a PATCH whose merged result is invalid, or that names no field, is a 400 writing nothing; a non-ADMIN gets 403', async () => {
    const before = await followUpPolicy(system);
    const versions = await system.prisma.followUpPolicy.count();
    const bad = await system.as(ORG.admin).patch('/follow-up-policy').send({ risk: { cooldownDays: -1 }, bogus: 1 });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as FieldErrors).map((e) => e.field).sort()).toEqual(['(root)', 'risk.cooldownDays']);
    const empty = await system.as(ORG.admin).patch('/follow-up-policy').send({});
    expect({ status: empty.status, errors: empty.body.errors as FieldErrors }).toEqual({ status: 400, errors: [{ field: '(root)', message: 'name at least one field to change' }] });
    await system.as(ORG.manager).patch('/follow-up-policy').send({ surveyCapDays: 10 }).expect(403);
    expect(await system.prisma.followUpPolicy.count()).toBe(versions);
    expect(await followUpPolicy(system)).toEqual(before);
  });

  it.each([
    ['/approval-policy', ['reminderAt', 'stages'], () => system.prisma.approvalPolicy.count()],
    ['/training-policy', ['remindersBefore', 'digestWeekday', 'digestLocalTime'], () => system.prisma.trainingPolicy.count()],
    ['/commission-plan', ['effectiveFrom', 'tiers', 'accelerator', 'cap', 'discount', 'disputes'], () => system.prisma.commissionPlan.count()],
  ])('guarantee: PUT %s {} is a 400 naming every missing field, writing nothing, as PUT /follow-up-policy is', async (path, fields, versions) => {
    const before = await versions();
    const response = await system.as(ORG.admin).put(path).send({});
    expect(response.status).toBe(400);
    expect((response.body.errors as FieldErrors).map((e) => e.field)).toEqual(fields);
    expect(await versions()).toBe(before);
  });
});
