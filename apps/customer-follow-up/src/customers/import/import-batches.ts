import { Injectable, Logger } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { Database, type Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { Clock } from '#libs/time';
import { PermanentJobError } from '#libs/workflow';
import { RevisitPlanKeeper } from '../../revisits/revisit-plan-keeper.service.js';
import type { CustomerImportRow } from '../../rows.js';
import { CustomerAccess } from '../customer-access.js';
import { CustomerImportRepository, type Rejection, type StagedRow } from './customer-import.repository.js';
import {
  changedFields, changesRevisitPlan, parseImportRow, planUpserts, refusedData, refuseNewNamelessContacts, type AcceptedRow, type ExistingCustomer,
} from './customer-import.rules.js';

export const IMPORT_BATCH_SIZE = 1000;
const MAX_IMMEDIATE_RETRIES = 3;

type BatchOutcome = 'more' | 'finished' | 'nothing-to-do';

/** A customer created or changed between planning and writing; retrying the batch sees it. */
export class ImportBatchRaceError extends Error {}

/**
 * The work of the `customer.import` bulk job: staged rows in batches, each batch one transaction
 * under the import's row lock (validate, upsert the good rows, plan their revisits, record the bad
 * ones, delete what was done, count it), so a crash or a second copy of the job resumes where the
 * last commit left off.
 */
@Injectable()
export class ImportBatches {
  private readonly logger = new Logger(ImportBatches.name);

  constructor(
    private readonly database: Database,
    private readonly repository: CustomerImportRepository,
    private readonly access: CustomerAccess,
    private readonly directory: OrgDirectory,
    private readonly plans: RevisitPlanKeeper,
    private readonly clock: Clock,
    private readonly audit: AuditWriter,
  ) {}

  async run(importId: string, correlationId: string | null): Promise<'done' | 'skipped'> {
    let batches = 0;
    let races = 0;
    for (;;) {
      let outcome: BatchOutcome;
      try {
        outcome = await this.database.transaction((tx) => this.processBatch(tx, importId, correlationId));
      } catch (error) {
        // The batch rolled back whole; past a few races, BullMQ's backoff takes over.
        if (error instanceof ImportBatchRaceError && ++races <= MAX_IMMEDIATE_RETRIES) continue;
        const refused = refusedData(error);
        if (refused) throw new PermanentJobError(`The database refuses a batch of import ${importId} (SQLSTATE ${refused.sqlState}): ${refused.message}`);
        throw error;
      }
      if (outcome === 'nothing-to-do') return batches === 0 ? 'skipped' : 'done';
      if (outcome === 'finished') {
        this.logger.log({ correlationId, msg: `Customer import ${importId} finished after ${batches} batches in this run.` });
        return 'done';
      }
      batches += 1;
    }
  }

  private async processBatch(tx: Tx, importId: string, correlationId: string | null): Promise<BatchOutcome> {
    const upload = await this.repository.lock(tx, importId);
    if (!upload || (upload.status !== 'queued' && upload.status !== 'running')) return 'nothing-to-do';
    const staged = await this.repository.nextStagedRows(tx, importId, IMPORT_BATCH_SIZE);
    if (staged.length === 0) {
      await this.repository.update(tx, importId, { status: 'done', finishedAt: this.clock.now() });
      return 'finished';
    }
    const { accepted, rejected } = await this.validate(tx, staged);
    const existing = new Map((await this.repository.lockByCodes(tx, [...new Set(accepted.map((a) => a.row.code))])).map((c) => [c.code, c] as const));
    const writable = await this.refuseUnwritable(tx, upload, accepted, existing, rejected);
    const { kept, refused } = refuseNewNamelessContacts(writable, existing);
    rejected.push(...refused.map(({ row, reason }) => ({ rowNumber: row.rowNumber, reason })));
    const planned = planUpserts(kept, existing);
    const now = this.clock.now();
    const written = await this.repository.upsert(tx, planned, now);
    if (written.length !== planned.length) throw new ImportBatchRaceError(`Customers changed while import ${importId} was writing a batch; the batch will be retried.`);
    const ids = new Map(written.map((w) => [w.code, w.id]));
    await this.plans.keep(tx, planned.filter(changesRevisitPlan).map((p) => ids.get(p.after.code)!), correlationId);
    await this.audit.recordAll(
      tx,
      planned.map((p) => ({
        entityType: 'customer', entityId: ids.get(p.after.code)!, action: p.before ? 'customer.updated-by-import' : 'customer.created-by-import',
        actorId: upload.uploadedById, ...changedFields(p.before, p.after), correlationId, at: now,
      })),
    );
    await this.repository.recordRejections(tx, importId, rejected);
    await this.repository.deleteStagedThrough(tx, importId, staged[staged.length - 1].rowNumber);
    await this.repository.addProgress(tx, importId, { rows: staged.length, upserted: kept.length, rejected: rejected.length });
    return 'more';
  }

  /** Each row on its own, then its owner: a known employee, looked up once per batch. */
  private async validate(tx: Tx, staged: StagedRow[]): Promise<{ accepted: (AcceptedRow & { rowNumber: number })[]; rejected: Rejection[] }> {
    const rejected: Rejection[] = [];
    const parsed: { rowNumber: number; row: AcceptedRow['row'] }[] = [];
    for (const { rowNumber, raw } of staged) {
      const result = parseImportRow(raw);
      if (result.ok) parsed.push({ rowNumber, row: result.row });
      else rejected.push({ rowNumber, reason: result.reason });
    }
    const owners = new Map((await this.repository.employeesByEmail(tx, [...new Set(parsed.map((p) => p.row.ownerEmail))])).map((e) => [e.email, e.id] as const));
    const accepted: (AcceptedRow & { rowNumber: number })[] = [];
    for (const { rowNumber, row } of parsed) {
      const ownerId = owners.get(row.ownerEmail);
      if (ownerId) accepted.push({ rowNumber, row, ownerId });
      else rejected.push({ rowNumber, reason: `ownerEmail ${row.ownerEmail} is not an employee` });
    }
    return { accepted, rejected };
  }

  /** An import changes an existing customer only where its uploader could change it by hand. */
  private async refuseUnwritable(
    tx: Tx,
    upload: CustomerImportRow,
    accepted: (AcceptedRow & { rowNumber: number })[],
    existing: Map<string, ExistingCustomer>,
    rejected: Rejection[],
  ): Promise<(AcceptedRow & { rowNumber: number })[]> {
    const uploader = await this.directory.findById(upload.uploadedById, tx);
    const everyOwner = uploader?.role === 'ADMIN';
    const ownersWritable = everyOwner || !uploader ? null : new Set(await this.directory.reportingSubtree(uploader.id, tx));
    const writable: (AcceptedRow & { rowNumber: number })[] = [];
    for (const row of accepted) {
      const current = existing.get(row.row.code);
      if (!current || everyOwner || ownersWritable?.has(current.ownerId)) writable.push(row);
      else rejected.push({ rowNumber: row.rowNumber, reason: `customer ${row.row.code} exists and is owned outside your reporting line; only its owner, their managers or ADMIN may change it` });
    }
    return writable;
  }
}
