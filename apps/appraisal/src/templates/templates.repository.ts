import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Tx } from '#libs/database';
import type { TemplateDocument } from './templates.rules.js';

export interface TemplateRow {
  id: string;
  name: string;
  version: number;
  document: TemplateDocument;
  createdAt: Date;
}

@Injectable()
export class TemplatesRepository {
  /** Serializes the versions of one name (the unique (name, version) is the last guard). */
  async lockName(tx: Tx, name: string): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtext('appraisal-template'), hashtext(${name}))`.execute(tx);
  }

  async latest(tx: Tx, name: string): Promise<TemplateRow | null> {
    const row = await tx.selectFrom('AppraisalTemplate').select(['id', 'name', 'version', 'document', 'createdAt']).where('name', '=', name).orderBy('version', 'desc').limit(1).executeTakeFirst();
    return (row as TemplateRow | undefined) ?? null;
  }

  async byId(tx: Tx, id: string): Promise<TemplateRow | null> {
    const row = await tx.selectFrom('AppraisalTemplate').select(['id', 'name', 'version', 'document', 'createdAt']).where('id', '=', id).executeTakeFirst();
    return (row as TemplateRow | undefined) ?? null;
  }

  async add(tx: Tx, row: { name: string; version: number; document: TemplateDocument; createdById: string; at: Date }): Promise<TemplateRow> {
    const id = randomUUID();
    await tx.insertInto('AppraisalTemplate').values({ id, name: row.name, version: row.version, document: JSON.stringify(row.document), createdById: row.createdById, createdAt: row.at }).execute();
    return { id, name: row.name, version: row.version, document: row.document, createdAt: row.at };
  }
}
