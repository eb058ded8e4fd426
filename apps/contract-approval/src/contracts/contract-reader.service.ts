import { Inject, Injectable } from '@nestjs/common';
import type { ContractStatus, Employee } from '#generated/prisma';
import { readAuditTrail } from '#libs/audit';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { Database, PrismaService, type Tx } from '#libs/database';
import { OrgDirectory, personView } from '#libs/org';
import { ForbiddenError, NotFoundError, toPage, type Caller } from '#libs/rpc';
import { Clock } from '#libs/time';
import { ActionTokens } from '../approval/action-tokens.service.js';
import { ApprovalRepository } from '../approval/approval.repository.js';
import { ContractsRepository } from './contracts.repository.js';
import { auditView, contractSummary, fromPrismaContract, peopleIn, routeView, type Contract, type StageWithSteps } from './contract-views.js';

/** Reads of contracts, with the SPEC's visibility: ADMIN, the owner, the owner's managers, people on the route. */
@Injectable()
export class ContractReader {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly database: Database,
    private readonly directory: OrgDirectory,
    private readonly tokens: ActionTokens,
    private readonly clock: Clock,
    private readonly routes: ApprovalRepository,
    private readonly contracts: ContractsRepository,
  ) {}

  async submissionView(tx: Tx, contract: Contract) {
    const route = await this.currentRoute(tx, contract);
    return { id: contract.id, status: contract.status, route, round: contract.round, version: contract.version };
  }

  /** The contract with its current route (no history), as the caller's transaction sees it. */
  async decisionView(tx: Tx, contract: Contract, owner: Employee) {
    return { ...contractSummary(contract, owner, this.config.BASE_CURRENCY), route: await this.currentRoute(tx, contract) };
  }

  private async currentRoute(tx: Tx, contract: Contract) {
    const { stages, people } = await this.routes.stagesOfRoundWithPeople(tx, contract.id, contract.round);
    return routeView(stages, people);
  }

  async get(caller: Caller, contractId: string) {
    const { contract, stages, people, owner } = await this.load(this.database.db, contractId);
    await this.assertVisible(caller, contract.id, owner);
    const audit = await readAuditTrail(this.database.db, 'contract', contractId);
    const everyone = await this.people(peopleIn(stages, audit), people);
    return {
      ...contractSummary(contract, owner, this.config.BASE_CURRENCY),
      route: routeView(stages, everyone),
      history: audit.map((entry) => auditView(entry, everyone)),
    };
  }

  async audit(caller: Caller, contractId: string) {
    const { contract, owner, people } = await this.load(this.database.db, contractId);
    await this.assertVisible(caller, contract.id, owner);
    const entries = await readAuditTrail(this.database.db, 'contract', contractId);
    const everyone = await this.people(peopleIn([], entries), people);
    return { items: entries.map((entry) => auditView(entry, everyone)), nextCursor: null };
  }

  async list(caller: Caller, query: { status?: ContractStatus; owner?: string; cursor?: string; limit: number }) {
    const ownerFilter = query.owner ? await this.directory.findByIdOrEmail(query.owner) : null;
    if (query.owner && !ownerFilter) return { items: [], nextCursor: null };
    const visibility =
      caller.role === 'ADMIN'
        ? {}
        : { OR: [{ ownerId: { in: await this.directory.reportingSubtree(caller.id) } }, { stages: { some: { steps: { some: { assignees: { some: { employeeId: caller.id } } } } } } }] };
    const rows = await this.prisma.contract.findMany({
      where: { AND: [visibility, { status: query.status, ownerId: ownerFilter?.id }] },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
      ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    });
    const owners = new Map((await this.directory.findManyById([...new Set(rows.map((r) => r.ownerId))])).map((e) => [e.id, e]));
    return toPage(rows, query.limit, (row) => contractSummary(fromPrismaContract(row), owners.get(row.ownerId)!, this.config.BASE_CURRENCY));
  }

  /** The caller's pending steps, oldest first. */
  async inbox(caller: Caller) {
    const waiting = await this.contracts.awaitingDecisionBy(this.database.db, caller.id);
    const ids = waiting.flatMap((w) => [w.contract.ownerId, ...(w.onBehalfOfId ? [w.onBehalfOfId] : [])]);
    const people = new Map((await this.directory.findManyById([...new Set(ids)])).map((e) => [e.id, e]));
    return {
      items: waiting.map((w) => ({
        contract: contractSummary(w.contract, people.get(w.contract.ownerId)!, this.config.BASE_CURRENCY),
        stage: w.stage,
        approver: w.approver,
        dueAt: w.dueAt?.toISOString() ?? null,
        as: w.as,
        ...(w.onBehalfOfId && people.get(w.onBehalfOfId) ? { onBehalfOf: personView(people.get(w.onBehalfOfId)!) } : {}),
      })),
      nextCursor: null,
    };
  }

  async actionView(token: string) {
    const link = await this.tokens.usable(this.database.db, token, this.clock.now());
    const step = await this.prisma.approvalStep.findUniqueOrThrow({ where: { id: link.stepId }, include: { stage: true } });
    const { contract, owner } = await this.load(this.database.db, step.contractId);
    const approver = await this.directory.findById(link.employeeId);
    return {
      contract: contractSummary(contract, owner, this.config.BASE_CURRENCY),
      stage: step.stage.name,
      approver: approver ? { ...personView(approver), locale: approver.locale, timezone: (await this.directory.workingContext(approver)).zone } : null,
      stepStatus: step.status,
      choices: ['approve', 'reject', 'request_changes'],
      expiresAt: link.expiresAt.toISOString(),
    };
  }

  usableLink(tx: Tx, token: string, now: Date) {
    return this.tokens.usable(tx, token, now);
  }

  consumeLink(tx: Tx, tokenId: string, now: Date) {
    return this.tokens.consume(tx, tokenId, now);
  }

  private async load(tx: Tx, contractId: string) {
    if (!/^[0-9a-f-]{36}$/i.test(contractId)) throw new NotFoundError(`Contract ${contractId} does not exist.`, 'contract.not_found');
    const contract = await this.contracts.find(tx, contractId);
    if (!contract) throw new NotFoundError(`Contract ${contractId} does not exist.`, 'contract.not_found');
    const stages: StageWithSteps[] = await this.routes.stagesOfRound(tx, contractId, contract.round);
    const people = new Map((await this.directory.findManyById([contract.ownerId, ...peopleIn(stages)], tx)).map((e) => [e.id, e]));
    return { contract, stages, people, owner: people.get(contract.ownerId)! };
  }

  private async people(ids: string[], known: Map<string, Employee>): Promise<Map<string, Employee>> {
    const missing = ids.filter((id) => !known.has(id));
    const found = missing.length > 0 ? await this.directory.findManyById(missing) : [];
    return new Map([...known, ...found.map((e) => [e.id, e] as const)]);
  }

  private async assertVisible(caller: Caller, contractId: string, owner: Employee): Promise<void> {
    if (caller.role === 'ADMIN' || caller.id === owner.id) return;
    if (await this.contracts.isOnRoute(this.database.db, caller.id, contractId)) return;
    if (await this.directory.isAbove(caller.id, owner)) return;
    throw new ForbiddenError('You may not see this contract.');
  }
}
