import { Injectable } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import type { CompetitorRequest } from '#libs/contracts';
import { Database } from '#libs/database';
import { ConflictError, NotFoundError, type Caller } from '#libs/rpc';
import { Clock } from '#libs/time';
import { CompetitorsRepository, type CompetitorRow } from './competitors.repository.js';

export function competitorView(row: CompetitorRow) {
  return { id: row.id, name: row.name, active: row.active, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

/** The competitors business is lost to: everyone reads the catalogue, ADMIN writes it (the gateway checks the role). */
@Injectable()
export class CompetitorsService {
  constructor(
    private readonly database: Database,
    private readonly competitors: CompetitorsRepository,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async list() {
    return { items: (await this.competitors.all(this.database.db)).map(competitorView) };
  }

  /** 409 when the name is taken. */
  async create(caller: Caller, input: CompetitorRequest, correlationId: string) {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const row = await this.competitors.insert(tx, input.name, input.active ?? true, now);
      if (!row) throw new ConflictError(`A competitor named ${input.name} already exists.`, 'competitor.name_taken');
      await this.audit.record(tx, { entityType: 'competitor', entityId: row.id, action: 'competitor.created', actorId: caller.id, before: null, after: { name: row.name, active: row.active }, correlationId, at: now });
      return competitorView(row);
    });
  }

  /** Renames or retires one (a retired competitor cannot be named in a new loss; old losses keep it). */
  async update(caller: Caller, id: string, input: CompetitorRequest, correlationId: string) {
    return this.database.transaction(async (tx) => {
      const found = await this.competitors.lock(tx, id);
      if (!found) throw new NotFoundError(`Competitor ${id} does not exist.`);
      const other = await this.competitors.byName(tx, input.name);
      if (other && other.id !== id) throw new ConflictError(`A competitor named ${input.name} already exists.`, 'competitor.name_taken');
      const now = this.clock.now();
      const row = await this.competitors.update(tx, id, { name: input.name, active: input.active ?? found.active }, now);
      await this.audit.record(tx, {
        entityType: 'competitor', entityId: id, action: 'competitor.updated', actorId: caller.id,
        before: { name: found.name, active: found.active }, after: { name: row.name, active: row.active }, correlationId, at: now,
      });
      return competitorView(row);
    });
  }
}
