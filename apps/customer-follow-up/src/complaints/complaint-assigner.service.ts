import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { UnprocessableError } from '#libs/rpc';
import type { CustomerRow as Customer, EmployeeRow as Employee } from '../rows.js';
import { leastLoaded } from './complaints.rules.js';
import { ComplaintsRepository } from './complaints.repository.js';

export interface Assignment {
  assignee: Employee;
  /** region | manager-team | anyone: which rule found the assignee (for the audit trail). */
  pool: 'region' | 'manager-team' | 'anyone';
}

/**
 * Who takes a new complaint: the least-loaded CUSTOMER_SERVICE employee of the customer's region;
 * when the region has none, of the team of the owner's manager; then of anyone in the role.
 * Someone absent right now is passed over (a complaint must not wait for a holiday to end); only
 * when everyone in the role is away does the least-loaded of them take it.
 * Runs under the assignment lock, so concurrent complaints see each other's load.
 */
@Injectable()
export class ComplaintAssigner {
  constructor(
    private readonly repository: ComplaintsRepository,
    private readonly directory: OrgDirectory,
  ) {}

  async assign(tx: Tx, customer: Customer, now: Date): Promise<Assignment> {
    await this.repository.lockAssignments(tx);
    let everyone: Employee[] = [];
    for await (const [pool, candidates] of this.candidatePools(tx, customer)) {
      const away = await this.directory.absencesAt(candidates.map((c) => c.id), now, tx);
      const present = candidates.filter((c) => !away.has(c.id));
      const assignee = leastLoaded(present, await this.repository.openCounts(tx, present.map((c) => c.id)));
      if (assignee) return { assignee, pool };
      everyone = candidates;
    }
    const assignee = leastLoaded(everyone, await this.repository.openCounts(tx, everyone.map((c) => c.id)));
    if (assignee) return { assignee, pool: 'anyone' };
    throw new UnprocessableError('No CUSTOMER_SERVICE employee can take this complaint: there is none in the organization. Nothing was recorded.');
  }

  /** Pools in order of preference, each read only when the one before it is empty. */
  private async *candidatePools(tx: Tx, customer: Customer): AsyncGenerator<[Assignment['pool'], Employee[]]> {
    if (customer.region) yield ['region', await this.repository.customerServiceIn(tx, { region: customer.region })];
    const team = await this.ownersManagerTeam(tx, customer);
    if (team) yield ['manager-team', await this.repository.customerServiceIn(tx, { team })];
    yield ['anyone', await this.repository.customerServiceIn(tx, 'anyone')];
  }

  private async ownersManagerTeam(tx: Tx, customer: Customer): Promise<string | null> {
    const owner = await this.directory.findById(customer.ownerId, tx);
    const manager = owner ? await this.directory.managerOf(owner, tx) : null;
    return manager?.team ?? null;
  }
}
