import type { Selectable } from 'kysely';
import type { ApprovalStage, ApprovalStep, Employee, StepAssignee } from '#generated/prisma';
import type { DB } from '#generated/kysely';
import type { AuditEntryRow } from '#libs/audit';
import { personView, type PersonView } from '#libs/org';

/**
 * A contract row as Kysely reads it: numeric columns (amount, amountBase, discountPct) are
 * strings with the column's scale ("1200.00"), not Prisma.Decimal. Prisma reads are converted
 * with `fromPrismaContract` so one shape flows through the service.
 */
export type Contract = Selectable<DB['Contract']>;

export function fromPrismaContract<T extends { amount: { toFixed(dp: number): string }; amountBase: { toFixed(dp: number): string }; discountPct: { toFixed(dp: number): string } }>(
  row: T,
): Omit<T, 'amount' | 'amountBase' | 'discountPct'> & { amount: string; amountBase: string; discountPct: string } {
  // The columns' scale is 2: toFixed(2) gives the text Postgres sends.
  return { ...row, amount: row.amount.toFixed(2), amountBase: row.amountBase.toFixed(2), discountPct: row.discountPct.toFixed(2) };
}

export type StageWithSteps = ApprovalStage & { steps: (ApprovalStep & { assignees: StepAssignee[] })[] };

export interface ContractSummary {
  id: string;
  status: Contract['status'];
  title: string;
  customerId: string | null;
  customerName: string;
  amount: number;
  currency: string;
  amountBase: number;
  baseCurrency: string;
  discountPct: number;
  paymentTermDays: number;
  productLine: string | null;
  region: string | null;
  owner: PersonView;
  policyVersion: number;
  pricePolicyVersion: number | null;
  lostReason: string | null;
  lostCompetitorId: string | null;
  round: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
}

export function contractSummary(contract: Contract, owner: Employee, baseCurrency: string): ContractSummary {
  return {
    id: contract.id,
    status: contract.status,
    title: contract.title,
    customerId: contract.customerId,
    customerName: contract.customerName,
    amount: Number(contract.amount),
    currency: contract.currency,
    amountBase: Number(contract.amountBase),
    baseCurrency,
    discountPct: Number(contract.discountPct),
    paymentTermDays: contract.paymentTermDays,
    productLine: contract.productLine,
    region: contract.region,
    owner: personView(owner),
    policyVersion: contract.policyVersion,
    pricePolicyVersion: contract.pricePolicyVersion,
    lostReason: contract.lostReason,
    lostCompetitorId: contract.lostCompetitorId,
    round: contract.round,
    version: contract.version,
    createdAt: contract.createdAt.toISOString(),
    updatedAt: contract.updatedAt.toISOString(),
    decidedAt: contract.decidedAt?.toISOString() ?? null,
  };
}

/** The SPEC's route stage shape: {name, mode, quorum?, status, dueAt, approvers:[{ref, emails, decision?, decidedBy?}]}. */
export function routeView(stages: StageWithSteps[], people: Map<string, PersonView>) {
  return stages.map((stage) => ({
    name: stage.name,
    mode: stage.mode,
    ...(stage.mode === 'quorum' ? { quorum: stage.quorum } : {}),
    status: stage.status,
    dueAt: stage.status === 'PENDING' ? (stage.dueAt?.toISOString() ?? null) : null,
    approvers: [...stage.steps]
      .sort((a, b) => a.entryIndex - b.entryIndex)
      .map((step) => {
        const decidedBy = step.decidedById ? people.get(step.decidedById) : undefined;
        const onBehalfOf = step.onBehalfOfId ? people.get(step.onBehalfOfId) : undefined;
        return {
          ref: step.ref,
          emails: step.assignees.filter((a) => a.active).map((a) => people.get(a.employeeId)?.email).filter((e): e is string => Boolean(e)),
          ...(step.decision ? { decision: step.decision } : {}),
          ...(decidedBy ? { decidedBy: personView(decidedBy) } : {}),
          ...(onBehalfOf ? { onBehalfOf: personView(onBehalfOf) } : {}),
          ...(step.comment ? { comment: step.comment } : {}),
        };
      }),
  }));
}

export function auditView(entry: AuditEntryRow, people: Map<string, Employee>) {
  const actor = entry.actorId ? people.get(entry.actorId) : undefined;
  const onBehalfOf = entry.onBehalfOfId ? people.get(entry.onBehalfOfId) : undefined;
  return {
    at: entry.at.toISOString(),
    action: entry.action,
    actor: actor ? personView(actor) : null,
    ...(onBehalfOf ? { onBehalfOf: personView(onBehalfOf) } : {}),
    ...(entry.before ? { before: entry.before } : {}),
    ...(entry.after ? { after: entry.after } : {}),
  };
}

/** Everyone a set of route stages and audit entries mentions. */
export function peopleIn(stages: StageWithSteps[], entries: AuditEntryRow[] = []): string[] {
  const ids = new Set<string>();
  for (const stage of stages) {
    for (const step of stage.steps) {
      for (const a of step.assignees) ids.add(a.employeeId);
      if (step.decidedById) ids.add(step.decidedById);
      if (step.onBehalfOfId) ids.add(step.onBehalfOfId);
    }
  }
  for (const entry of entries) {
    if (entry.actorId) ids.add(entry.actorId);
    if (entry.onBehalfOfId) ids.add(entry.onBehalfOfId);
  }
  return [...ids];
}
