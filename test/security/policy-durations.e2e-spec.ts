import { ORG, seedOrg } from '../support/org-fixture.js';
import type { TestSystem } from '../support/test-system.js';
import { useTestSystem } from '../support/use-test-system.js';

type FieldErrors = { field: string; message: string }[];
type Json = Record<string, unknown>;

/** Every stored policy version and audit entry: a refused policy write leaves all of them as they were. */
async function policyRows(system: TestSystem) {
  return {
    approval: await system.prisma.approvalPolicy.count(),
    followUp: await system.prisma.followUpPolicy.count(),
    training: await system.prisma.trainingPolicy.count(),
    commission: await system.prisma.commissionPlan.count(),
    audit: await system.prisma.auditEntry.count(),
  };
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * One way to put a duration into each policy endpoint, and the field the 400 must name. `prepare`
 * reads the active document first (a first GET /approval-policy stores the default version), and
 * answers the request to send.
 */
interface DurationSlot {
  endpoint: string;
  field: string;
  prepare(system: TestSystem, duration: string): Promise<() => PromiseLike<{ status: number; body: { errors?: FieldErrors } }>>;
}

const SLOTS: DurationSlot[] = [
  {
    endpoint: 'PUT /approval-policy (stage SLA)',
    field: 'stages[0].sla',
    async prepare(system, duration) {
      const { document } = (await system.as(ORG.admin).get('/approval-policy').expect(200)).body as { document: { stages: Json[] } };
      const policy = clone(document);
      policy.stages[0].sla = duration;
      return () => system.as(ORG.admin).put('/approval-policy').send(policy);
    },
  },
  {
    endpoint: 'PUT /follow-up-policy (complaint deadline)',
    field: 'complaintDeadlines.high.resolve',
    async prepare(system, duration) {
      const { policy } = (await system.as(ORG.admin).get('/follow-up-policy').expect(200)).body as { policy: { complaintDeadlines: { high: Json } } };
      const document = clone(policy);
      document.complaintDeadlines.high.resolve = duration;
      return () => system.as(ORG.admin).put('/follow-up-policy').send(document);
    },
  },
  {
    endpoint: 'PATCH /follow-up-policy (complaint deadline)',
    field: 'complaintDeadlines.critical.acknowledge',
    prepare: async (system, duration) => () => system.as(ORG.admin).patch('/follow-up-policy').send({ complaintDeadlines: { critical: { acknowledge: duration } } }),
  },
  {
    endpoint: 'PUT /training-policy (reminder before a session)',
    field: 'remindersBefore[1]',
    async prepare(system, duration) {
      const { policy } = (await system.as(ORG.admin).get('/training-policy').expect(200)).body as { policy: Json };
      return () => system.as(ORG.admin).put('/training-policy').send({ ...policy, remindersBefore: ['P1D', duration] });
    },
  },
  {
    endpoint: 'PUT /commission-plan (dispute SLA)',
    field: 'disputes.financeSla',
    async prepare(system, duration) {
      const { plan } = (await system.as(ORG.admin).get('/commission-plan').expect(200)).body as { plan: { disputes: Json } };
      const document = { ...clone(plan), effectiveFrom: '2099-01' };
      document.disputes.financeSla = duration;
      return () => system.as(ORG.admin).put('/commission-plan').send(document);
    },
  },
];

describe('policies cannot freeze a service: every policy duration is bounded to PT1S..P90D (issue 12 item 4)', () => {
  const system = useTestSystem({ setUp: () => seedOrg(system) });

  describe.each(SLOTS)('$endpoint', (slot) => {
    it.each([
      ['P99999999D', 'longer than P90D'],
      ['PT0S', 'shorter than PT1S'],
    ])('guarantee: %s is a 400 naming the field, and no policy version or audit entry is written', async (duration, problem) => {
      const send = await slot.prepare(system, duration);
      const before = await policyRows(system);
      const response = await send();
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: slot.field, message: expect.stringContaining(problem) }]);
      expect(await policyRows(system)).toEqual(before);
    });

    it('guarantee: P90D, the bound itself, is accepted', async () => {
      const response = await (await slot.prepare(system, 'P90D'))();
      expect(response.status).toBe(200);
    });
  });
});
