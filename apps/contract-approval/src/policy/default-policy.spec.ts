import { DEFAULT_POLICY } from './default-policy.js';

// Copied verbatim from SPEC.md, "Approval policy".
const SPEC_POLICY_JSON = `{
  "reminderAt": 0.5,
  "stages": [
    { "name": "manager",  "when": "discountPct > 5 or amount >= 100000",
      "approvers": ["manager"], "mode": "all", "sla": "PT8H" },
    { "name": "director", "when": "discountPct > 15 or amount >= 1000000",
      "approvers": ["director"], "mode": "all", "sla": "PT8H" },
    { "name": "finance",  "when": "amount >= 1000000 or paymentTermDays > 90",
      "approvers": ["role:FINANCE", { "approver": "role:LEGAL", "when": "amount >= 5000000" }],
      "mode": "all", "sla": "PT8H" }
  ]
}`;

describe('DEFAULT_POLICY', () => {
  it('is exactly the policy in the SPEC', () => {
    expect(DEFAULT_POLICY).toStrictEqual(JSON.parse(SPEC_POLICY_JSON));
  });

  it('cannot be mutated by a caller', () => {
    expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY.stages[2].approvers[1])).toBe(true);
  });
});
