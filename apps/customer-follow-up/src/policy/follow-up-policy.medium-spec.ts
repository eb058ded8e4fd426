import { featureTestingModule, TEST_ADMIN_EMAIL, type FeatureTestingModule } from '#libs/testing';
import type { Caller } from '#libs/rpc';
import { FollowUpCoreModule } from '../customer-follow-up.module.js';
import { DEFAULT_FOLLOW_UP_POLICY } from './follow-up-policy.js';
import { FollowUpPolicyStore } from './follow-up-policy.store.js';

/** Medium tier: the policy store on a real database. PATCHes merge into the version they replace. */
describe('follow-up policy store (medium)', () => {
  let t: FeatureTestingModule;
  let admin: Caller;

  beforeAll(async () => {
    t = await featureTestingModule({ imports: [FollowUpCoreModule] });
    const row = await t.prisma.employee.findUniqueOrThrow({ where: { email: TEST_ADMIN_EMAIL } });
    admin = { id: row.id, email: row.email, name: row.name, role: row.role };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('guarantee: concurrent PATCHes of different fields each land in their own version and the last one keeps every change', async () => {
    const store = t.get(FollowUpPolicyStore);
    const patches = [{ surveyCapDays: 45 }, { lowScoreThreshold: 3 }, { cadenceDays: { A: 7 } }, { risk: { cooldownDays: 21 } }];
    const versions = await Promise.all(patches.map((changes, i) => store.change(admin, changes, `corr-${i}`)));

    expect(versions.map((v) => v.version).sort()).toEqual([1, 2, 3, 4]);
    expect((await store.active()).policy).toEqual({
      ...DEFAULT_FOLLOW_UP_POLICY,
      surveyCapDays: 45,
      lowScoreThreshold: 3,
      cadenceDays: { ...DEFAULT_FOLLOW_UP_POLICY.cadenceDays, A: 7 },
      risk: { ...DEFAULT_FOLLOW_UP_POLICY.risk, cooldownDays: 21 },
    });
    const audit = await t.prisma.auditEntry.findMany({ where: { entityType: 'follow-up-policy' } });
    expect(audit.map((entry) => entry.action)).toEqual(['policy.changed', 'policy.changed', 'policy.changed', 'policy.changed']);
  });
});
