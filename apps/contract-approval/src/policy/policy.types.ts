export { ROLES, type Role } from '#libs/contracts';

/** 'manager' | 'director' | `role:${Role}` | `email:${string}` */
export type ApproverRef = string;

export const APPROVAL_MODES = ['all', 'any', 'quorum'] as const;

export type ApprovalMode = (typeof APPROVAL_MODES)[number];

export interface ApproverEntrySpec {
  approver: ApproverRef;
  when?: string;
}

export interface StageSpec {
  name: string;
  when: string;
  approvers: (ApproverRef | ApproverEntrySpec)[];
  mode: ApprovalMode;
  quorum?: number;
  sla: string;
}

export interface ApprovalPolicyDocument {
  reminderAt: number;
  stages: StageSpec[];
}

export interface ContractFacts {
  /** In BASE_CURRENCY. */
  amount: number;
  discountPct: number;
  paymentTermDays: number;
  currency: string;
  productLine: string | null;
  region: string | null;
}

export interface SelectedEntry {
  /** Index of the entry in the stage's `approvers` list of the policy, not in the filtered list. */
  index: number;
  ref: ApproverRef;
}

export interface SelectedStage {
  /** 0-based position in the route (among the selected stages only). */
  position: number;
  name: string;
  mode: ApprovalMode;
  /** Effective quorum for mode 'quorum' (never more than `entries.length`), otherwise null. */
  quorum: number | null;
  sla: string;
  entries: SelectedEntry[];
}
