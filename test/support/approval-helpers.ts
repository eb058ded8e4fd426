import { randomBytes } from 'node:crypto';
import type { ReceivedEmail } from '#libs/testing';
import { ORG, SMALL_CONTRACT } from './org-fixture.js';
import type { TestSystem } from './test-system.js';

/** The SPEC's default policy, written out literally (not imported from product code). */
export const SPEC_DEFAULT_POLICY = {
  reminderAt: 0.5,
  stages: [
    { name: 'manager', when: 'discountPct > 5 or amount >= 100000', approvers: ['manager'], mode: 'all', sla: 'PT8H' },
    { name: 'director', when: 'discountPct > 15 or amount >= 1000000', approvers: ['director'], mode: 'all', sla: 'PT8H' },
    {
      name: 'finance',
      when: 'amount >= 1000000 or paymentTermDays > 90',
      approvers: ['role:FINANCE', { approver: 'role:LEGAL', when: 'amount >= 5000000' }],
      mode: 'all',
      sla: 'PT8H',
    },
  ],
};

export interface ContractBody {
  customerName: string;
  title: string;
  amount: number;
  currency: string;
  discountPct: number;
  paymentTermDays: number;
  customerId?: string;
  productLine?: string;
  region?: string;
}

/** A contract body with a unique title (so emails and rows are easy to tell apart). */
export function contractBody(label: string, overrides: Partial<ContractBody> = {}): ContractBody {
  return { ...SMALL_CONTRACT, ...overrides, title: `${overrides.title ?? label} ${randomBytes(3).toString('hex')}` };
}

export interface EmployeeSpec {
  email: string;
  name: string;
  role: string;
  managerEmail?: string;
  team?: string;
  region?: string;
  timezone?: string;
  locale?: 'zh-CN' | 'en';
  calendar?: string;
}

/** Adds employees to the org (bulk upsert as ADMIN). */
export async function addEmployees(system: TestSystem, employees: EmployeeSpec[]): Promise<void> {
  await system.as(ORG.admin).put('/org/employees')
    .send({ employees: employees.map((e) => ({ timezone: 'Asia/Shanghai', locale: 'en', ...e })) })
    .expect(200);
}

export async function putPolicy(system: TestSystem, policy: object): Promise<number> {
  const response = await system.as(ORG.admin).put('/approval-policy').send(policy);
  if (response.status !== 200) throw new Error(`PUT /approval-policy answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.version;
}

/** Submits and returns the 201 body (fails the test with the answer otherwise). */
export async function submit(system: TestSystem, as: string, body: ContractBody, headers: Record<string, string> = {}) {
  const request = system.as(as).post('/contracts');
  for (const [k, v] of Object.entries(headers)) request.set(k, v);
  const response = await request.send(body);
  if (response.status !== 201) throw new Error(`POST /contracts as ${as} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as { id: string; status: string; route: RouteStage[] };
}

export interface RouteStage {
  name: string;
  mode: string;
  quorum?: number;
  status: string;
  dueAt: string | null;
  approvers: { ref: string; emails: string[]; decision?: string; decidedBy?: { id: string; email: string; name: string } }[];
}

export async function getContract(system: TestSystem, as: string, id: string) {
  const response = await system.as(as).get(`/contracts/${id}`).expect(200);
  return response.body as { id: string; status: string; title: string; round: number; version: number; amountBase: number; route: RouteStage[]; history: HistoryEntry[] };
}

export interface HistoryEntry {
  at: string;
  action: string;
  actor: { id: string; email: string; name: string } | null;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

export async function auditOf(system: TestSystem, id: string): Promise<HistoryEntry[]> {
  const response = await system.as(ORG.admin).get(`/contracts/${id}/audit`).expect(200);
  return response.body.items;
}

export function decide(system: TestSystem, as: string, id: string, decision: string, comment?: string) {
  return system.as(as).post(`/contracts/${id}/decisions`).send(comment === undefined ? { decision } : { decision, comment });
}

// ---- email ----

const REQUEST_SUBJECT = /Approval request|审批请求/;
const OUTCOME_SUBJECT: Record<string, RegExp> = {
  APPROVED: /Contract approved|合同已批准/,
  REJECTED: /Contract rejected|合同已驳回/,
  CHANGES_REQUESTED: /Changes requested|合同需修改/,
  WITHDRAWN: /Contract withdrawn|合同已撤回/,
};

export function isAbout(mail: ReceivedEmail, contractId: string): boolean {
  return mail.subject.includes(contractId) || mail.text.includes(contractId);
}

export function isRequest(mail: ReceivedEmail, to: string, contractId: string, round = 1): boolean {
  if (!mail.to.includes(to.toLowerCase()) || !isAbout(mail, contractId) || !REQUEST_SUBJECT.test(mail.subject)) return false;
  const roundMarked = /round (\d+)|第 (\d+) 轮/.exec(mail.subject);
  const mailRound = roundMarked ? Number(roundMarked[1] ?? roundMarked[2]) : 1;
  return mailRound === round;
}

export function waitForRequest(system: TestSystem, to: string, contractId: string, round = 1): Promise<ReceivedEmail> {
  return system.smtp.waitForEmail(`the round ${round} approval request to ${to} about ${contractId}`, (mail) => isRequest(mail, to, contractId, round));
}

export function waitForOutcome(system: TestSystem, to: string, contractId: string, outcome: keyof typeof OUTCOME_SUBJECT): Promise<ReceivedEmail> {
  return system.smtp.waitForEmail(`the ${outcome} outcome email to ${to} about ${contractId}`, (mail) =>
    mail.to.includes(to.toLowerCase()) && isAbout(mail, contractId) && OUTCOME_SUBJECT[outcome].test(mail.subject));
}

export function requestsReceived(system: TestSystem, to: string, contractId: string, round?: number): ReceivedEmail[] {
  return system.smtp.received.filter((mail) =>
    round === undefined ? mail.to.includes(to.toLowerCase()) && isAbout(mail, contractId) && REQUEST_SUBJECT.test(mail.subject) : isRequest(mail, to, contractId, round));
}

export interface LedgerRow {
  recipientEmail: string;
  kind: string;
  idempotencyKey: string;
  status: string;
  round: number | null;
}

/**
 * Intended emails about a contract, from the send ledger. Rows are written in the same transaction
 * as the state change, so once the HTTP answer arrived, a missing row means no email will follow.
 */
export async function ledgerFor(system: TestSystem, contractId: string): Promise<LedgerRow[]> {
  return system.prisma.$queryRaw<LedgerRow[]>`
    SELECT "recipientEmail", kind, "idempotencyKey", status::text AS status, (data->>'round')::int AS round
    FROM "Notification" WHERE data->'contract'->>'id' = ${contractId} ORDER BY "createdAt"`;
}

export async function requestRecipients(system: TestSystem, contractId: string, round?: number): Promise<string[]> {
  return (await ledgerFor(system, contractId))
    .filter((row) => row.kind === 'approval-request' && (round === undefined || row.round === round))
    .map((row) => row.recipientEmail)
    .sort();
}

/** Pulls the action link's token out of an email (text part). */
export function linkToken(mail: ReceivedEmail): string {
  const match = /https?:\/\/[^\s"'<>]*\/actions\/([A-Za-z0-9_-]+)/.exec(mail.text);
  if (!match) throw new Error(`No /actions/<token> link in the email "${mail.subject}": ${mail.text.slice(0, 800)}`);
  return match[1];
}

// ---- "nothing was written" ----

export interface RowCounts {
  contracts: number;
  stages: number;
  steps: number;
  assignees: number;
  audit: number;
  notifications: number;
  actionTokens: number;
  idempotency: number;
  policies: number;
  fxRates: number;
}

export async function rowCounts(system: TestSystem): Promise<RowCounts> {
  const p = system.prisma;
  const [contracts, stages, steps, assignees, audit, notifications, actionTokens, idempotency, policies, fxRates] = await Promise.all([
    p.contract.count(), p.approvalStage.count(), p.approvalStep.count(), p.stepAssignee.count(), p.auditEntry.count(),
    p.notification.count(), p.actionToken.count(), p.idempotencyRecord.count(), p.approvalPolicy.count(), p.fxRate.count(),
  ]);
  return { contracts, stages, steps, assignees, audit, notifications, actionTokens, idempotency, policies, fxRates };
}

/** A contract's state as seen through the API, for "nothing changed" checks. */
export async function contractState(system: TestSystem, id: string) {
  const contract = await getContract(system, ORG.admin, id);
  const audit = await auditOf(system, id);
  return { status: contract.status, version: contract.version, round: contract.round, route: contract.route, auditLength: audit.length };
}

/** SPEC: every email about a contract names its title and id (subject or text). Checks every email received so far. */
export async function expectEveryEmailNamesItsContract(system: TestSystem): Promise<number> {
  const contracts = await system.prisma.contract.findMany({ select: { id: true, title: true } });
  for (const mail of system.smtp.received) {
    const about = contracts.filter((c) => isAbout(mail, c.id));
    const namesTitle = about.some((c) => (mail.subject + mail.text).includes(c.title));
    expect({ subject: mail.subject, namesId: about.length > 0, namesTitle }).toEqual({ subject: mail.subject, namesId: true, namesTitle: true });
  }
  return system.smtp.received.length;
}
