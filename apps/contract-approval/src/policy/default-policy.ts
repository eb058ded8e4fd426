import type { ApprovalPolicyDocument } from './policy.types.js';

// Frozen because it is a shared module-level value handed to every caller.
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export const DEFAULT_POLICY: ApprovalPolicyDocument = deepFreeze({
  reminderAt: 0.5,
  stages: [
    {
      name: 'manager',
      when: 'discountPct > 5 or amount >= 100000',
      approvers: ['manager'],
      mode: 'all',
      sla: 'PT8H',
    },
    {
      name: 'director',
      when: 'discountPct > 15 or amount >= 1000000',
      approvers: ['director'],
      mode: 'all',
      sla: 'PT8H',
    },
    {
      name: 'finance',
      when: 'amount >= 1000000 or paymentTermDays > 90',
      approvers: ['role:FINANCE', { approver: 'role:LEGAL', when: 'amount >= 5000000' }],
      mode: 'all',
      sla: 'PT8H',
    },
  ],
});
