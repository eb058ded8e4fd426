import { DEFAULT_POLICY } from './default-policy.js';
import { validatePolicy, type PolicyFieldError } from './policy-validator.js';

type Json = Record<string, unknown>;

function policyWith(mutate: (policy: Json & { stages: Json[] }) => void): unknown {
  const policy = structuredClone(DEFAULT_POLICY) as unknown as Json & { stages: Json[] };
  mutate(policy);
  return policy;
}

function errorsOf(input: unknown): PolicyFieldError[] {
  const result = validatePolicy(input);
  if (result.ok) throw new Error('expected the policy to be refused');
  return result.errors;
}

describe('validatePolicy', () => {
  it('accepts the default policy and returns an equal, independent copy', () => {
    const result = validatePolicy(DEFAULT_POLICY);
    expect(result).toEqual({ ok: true, policy: DEFAULT_POLICY });
    if (result.ok) expect(result.policy).not.toBe(DEFAULT_POLICY);
  });

  it('accepts an empty stage list (everything is approved at once)', () => {
    expect(validatePolicy({ reminderAt: 0.5, stages: [] })).toEqual({ ok: true, policy: { reminderAt: 0.5, stages: [] } });
  });

  it('accepts quorum mode, conditional entries, email and every role reference', () => {
    const result = validatePolicy({
      reminderAt: 0.25,
      stages: [
        {
          name: 'board',
          when: 'region == "EU" and exists(productLine) and round(amount) >= 1',
          approvers: ['email:ceo@example.com', 'role:LEGAL', { approver: 'role:HR', when: 'discountPct > 50' }],
          mode: 'quorum',
          quorum: 3,
          sla: 'P1DT2H30M',
        },
      ],
    });
    expect(result.ok).toBe(true);
  });

  it.each<[string, (p: Json & { stages: Json[] }) => void, string, RegExp]>([
    ['unknown top-level key', (p) => (p.colour = 'red'), 'colour', /not a known key/],
    ['unknown stage key', (p) => (p.stages[0].owner = 'x'), 'stages[0].owner', /not a known key/],
    [
      'unknown entry key',
      (p) => (p.stages[2].approvers = ['role:FINANCE', { approver: 'role:LEGAL', if: 'amount > 1' }]),
      'stages[2].approvers[1].if',
      /not a known key/,
    ],
    ['missing reminderAt', (p) => delete p.reminderAt, 'reminderAt', /required/],
    ['reminderAt of 1', (p) => (p.reminderAt = 1), 'reminderAt', /between 0 and 1/],
    ['reminderAt of 0', (p) => (p.reminderAt = 0), 'reminderAt', /between 0 and 1/],
    ['reminderAt as a string', (p) => (p.reminderAt = '0.5'), 'reminderAt', /between 0 and 1/],
    ['stages not an array', (p) => (p.stages = {} as unknown as Json[]), 'stages', /array/],
    ['stage not an object', (p) => (p.stages[1] = 'director' as unknown as Json), 'stages[1]', /must be an object/],
    ['empty stage name', (p) => (p.stages[0].name = ' '), 'stages[0].name', /non-empty/],
    ['duplicate stage name', (p) => (p.stages[2].name = 'manager'), 'stages[2].name', /duplicates the name of stages\[0\]/],
    ['missing when', (p) => delete p.stages[1].when, 'stages[1].when', /required/],
    ['when that does not parse', (p) => (p.stages[1].when = 'amount >'), 'stages[1].when', /does not parse: Parse error on line 1/],
    ['when with an unknown field', (p) => (p.stages[1].when = 'amout > 5'), 'stages[1].when', /unknown field "amout"/],
    [
      'unknown field in a branch never taken',
      (p) => (p.stages[0].when = 'amount > 5 or foo > 1'),
      'stages[0].when',
      /unknown field "foo"/,
    ],
    ['when with an unknown function', (p) => (p.stages[0].when = 'eval(amount) > 1'), 'stages[0].when', /unknown function "eval\(\)"/],
    ['when with property access', (p) => (p.stages[0].when = 'length of region > 1'), 'stages[0].when', /property access/],
    ['when with deprecated syntax', (p) => (p.stages[0].when = 'amount % 2 == 0'), 'stages[0].when', /deprecated/],
    ['when that is not a string', (p) => (p.stages[0].when = 5), 'stages[0].when', /must be a string/],
    [
      'entry when naming an unknown field',
      (p) => (p.stages[2].approvers = ['role:FINANCE', { approver: 'role:LEGAL', when: 'customer == "x"' }]),
      'stages[2].approvers[1].when',
      /unknown field "customer"/,
    ],
    ['approvers empty', (p) => (p.stages[0].approvers = []), 'stages[0].approvers', /non-empty array/],
    ['approvers not an array', (p) => (p.stages[0].approvers = 'manager'), 'stages[0].approvers', /non-empty array/],
    ['unknown reference', (p) => (p.stages[0].approvers = ['boss']), 'stages[0].approvers[0]', /unknown approver reference "boss"/],
    ['unknown role', (p) => (p.stages[2].approvers = ['role:CFO']), 'stages[2].approvers[0]', /unknown role .*"role:CFO"/],
    [
      'unknown role inside an entry object',
      (p) => (p.stages[2].approvers = ['role:FINANCE', { approver: 'role:legal', when: 'amount > 1' }]),
      'stages[2].approvers[1].approver',
      /unknown role/,
    ],
    ['invalid email reference', (p) => (p.stages[0].approvers = ['email:not-an-email']), 'stages[0].approvers[0]', /invalid email/],
    [
      'entry object without approver',
      (p) => (p.stages[2].approvers = [{ when: 'amount > 1' }]),
      'stages[2].approvers[0].approver',
      /required/,
    ],
    ['entry of a wrong type', (p) => (p.stages[0].approvers = [7]), 'stages[0].approvers[0]', /approver reference string or an object/],
    [
      'duplicate reference in a stage',
      (p) => (p.stages[2].approvers = ['role:FINANCE', { approver: 'role:FINANCE', when: 'amount > 1' }]),
      'stages[2].approvers[1].approver',
      /duplicates the approver of stages\[2\]\.approvers\[0\]/,
    ],
    ['unknown mode', (p) => (p.stages[0].mode = 'majority'), 'stages[0].mode', /one of all, any, quorum/],
    ['quorum missing for quorum mode', (p) => (p.stages[0].mode = 'quorum'), 'stages[0].quorum', /required when mode is quorum/],
    [
      'quorum larger than the entries',
      (p) => Object.assign(p.stages[2], { mode: 'quorum', quorum: 3 }),
      'stages[2].quorum',
      /asks a quorum of 3, larger than its 2 approver entries/,
    ],
    ['quorum of zero', (p) => Object.assign(p.stages[2], { mode: 'quorum', quorum: 0 }), 'stages[2].quorum', /at least 1/],
    ['fractional quorum', (p) => Object.assign(p.stages[2], { mode: 'quorum', quorum: 1.5 }), 'stages[2].quorum', /integer/],
    ['quorum without quorum mode', (p) => (p.stages[2].quorum = 1), 'stages[2].quorum', /only allowed when mode is quorum/],
    ['sla not ISO-8601', (p) => (p.stages[0].sla = '8 hours'), 'stages[0].sla', /not an ISO-8601 duration/],
    ['sla in weeks', (p) => (p.stages[0].sla = 'P1W'), 'stages[0].sla', /days, hours, minutes and seconds/],
    ['sla in months', (p) => (p.stages[0].sla = 'P1M'), 'stages[0].sla', /days, hours, minutes and seconds/],
    ['empty sla duration', (p) => (p.stages[0].sla = 'PT'), 'stages[0].sla', /not an ISO-8601 duration/],
    ['zero sla', (p) => (p.stages[0].sla = 'PT0H'), 'stages[0].sla', /shorter than PT1S/],
    ['sla over P90D', (p) => (p.stages[0].sla = 'P99999999D'), 'stages[0].sla', /longer than P90D/],
    ['negative sla', (p) => (p.stages[0].sla = '-PT8H'), 'stages[0].sla', /not an ISO-8601 duration/],
    ['missing sla', (p) => delete p.stages[0].sla, 'stages[0].sla', /ISO-8601 duration string/],
  ])('refuses %s at its field path', (_label, mutate, field, message) => {
    const errors = errorsOf(policyWith(mutate));
    expect(errors).toContainEqual({ field, message: expect.stringMatching(message) });
  });

  it('does not flag a string literal that spells a field or keyword', () => {
    const policy = policyWith((p) => (p.stages[0].when = 'currency == "amount" or region == "foo" or productLine == "and"'));
    expect(validatePolicy(policy).ok).toBe(true);
  });

  it('refuses a non-object document', () => {
    expect(errorsOf('policy')).toEqual([{ field: '(root)', message: expect.any(String) }]);
    expect(errorsOf([])).toEqual([{ field: '(root)', message: expect.any(String) }]);
    expect(errorsOf(null)).toEqual([{ field: '(root)', message: expect.any(String) }]);
  });

  it('reports every problem at once, each at its own path', () => {
    const errors = errorsOf(
      policyWith((p) => {
        p.reminderAt = 2;
        p.stages[1].when = 'foo > 1';
        p.stages[2].approvers = ['role:FINANCE', { approver: 'role:CEO' }];
      }),
    );
    expect(errors.map((e) => e.field).sort()).toEqual(['reminderAt', 'stages[1].when', 'stages[2].approvers[1].approver']);
  });

  it('drops nothing and adds nothing: an entry without when stays without when', () => {
    const result = validatePolicy({
      reminderAt: 0.5,
      stages: [{ name: 's', when: 'amount > 0', approvers: [{ approver: 'manager' }], mode: 'any', sla: 'PT1H' }],
    });
    expect(result).toEqual({
      ok: true,
      policy: { reminderAt: 0.5, stages: [{ name: 's', when: 'amount > 0', approvers: [{ approver: 'manager' }], mode: 'any', sla: 'PT1H' }] },
    });
    if (result.ok) expect(Object.keys(result.policy.stages[0].approvers[0] as object)).toEqual(['approver']);
  });
});
