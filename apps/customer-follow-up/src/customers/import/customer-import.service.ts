import { Injectable } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { OutboxSignal, OutboxWriter, Database } from '#libs/database';
import { JOBS, QUEUES } from '#libs/queue';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, type Caller, isUuid } from '#libs/rpc';
import { Clock } from '#libs/time';
import type { CustomerImportRow } from '../../rows.js';
import { CustomerImportRepository, type Rejection, type StagedRow } from './customer-import.repository.js';
import { checkImportColumns } from './customer-import.rules.js';

export const IMPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One uploaded record: its JSON text, or why the gateway could not read it. `row` is its line in the upload. */
export interface UploadedRow {
  row: number;
  raw?: string;
  problem?: string;
}

export type FinishUpload = { importId: string; rowsTotal: number } | { importId: string; abort: string };

/** Rejections listed in the status; the count says how many there are in all. */
export const ERRORS_SHOWN = 1000;
const MAX_ROWS_PER_CHUNK = 5000;
const MAX_RAW_LENGTH = 65_536;


/**
 * The receiving side of an upload: the gateway streams the rows here in chunks, they wait in
 * CustomerImportRow, and finishing queues the bulk job that validates and upserts them.
 */
@Injectable()
export class CustomerImportService {
  constructor(
    private readonly database: Database,
    private readonly repository: CustomerImportRepository,
    private readonly outbox: OutboxWriter,
    private readonly signal: OutboxSignal,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async start(caller: Caller, body: { format: ImportFormat; columns: string[] | null }): Promise<{ importId: string }> {
    if (!(IMPORT_FORMATS as readonly string[]).includes(body.format)) throw new BadRequestError(`Unknown import format ${String(body.format)}.`);
    if (body.format === 'csv') {
      const errors = checkImportColumns(body.columns ?? []);
      if (errors.length > 0) throw new BadRequestError('The CSV header is invalid; nothing was imported.', errors);
    }
    const created = await this.repository.create({ uploadedById: caller.id, format: body.format, createdAt: this.clock.now() });
    return { importId: created.id };
  }

  async addRows(caller: Caller, body: { importId: string; rows: UploadedRow[] }): Promise<{ staged: number }> {
    const upload = await this.receiving(caller, body.importId);
    if (!Array.isArray(body.rows) || body.rows.length > MAX_ROWS_PER_CHUNK) throw new BadRequestError(`Send 1 to ${MAX_ROWS_PER_CHUNK} rows per chunk.`);
    const staged: StagedRow[] = [];
    const rejected: Rejection[] = [];
    for (const row of body.rows) {
      if (!Number.isInteger(row.row) || row.row < 1) throw new BadRequestError('Each row needs its positive row number.');
      if (typeof row.raw === 'string' && row.raw.length <= MAX_RAW_LENGTH) staged.push({ rowNumber: row.row, raw: row.raw });
      else rejected.push({ rowNumber: row.row, reason: row.problem ?? `the row is longer than ${MAX_RAW_LENGTH} characters` });
    }
    await this.repository.stage(upload.id, staged, rejected);
    return { staged: staged.length };
  }

  /** Queues the import (or abandons it); saying it twice answers the same. */
  async finish(caller: Caller, body: FinishUpload, correlationId: string): Promise<{ jobId: string; status: CustomerImportRow['status'] }> {
    if (!isUuid(body.importId)) throw notFound(body.importId);
    const result = await this.database.transaction(async (tx) => {
      const upload = await this.repository.lock(tx, body.importId);
      if (!upload) throw notFound(body.importId);
      if (upload.uploadedById !== caller.id) throw new ForbiddenError('Only the uploader may add to an import.');
      if (upload.status !== 'receiving') return { jobId: upload.id, status: upload.status };
      const now = this.clock.now();
      if ('abort' in body) {
        await this.repository.update(tx, upload.id, { status: 'failed', error: body.abort.slice(0, 1000), finishedAt: now });
        await this.repository.deleteStaged(tx, upload.id);
        return { jobId: upload.id, status: 'failed' as const };
      }
      // Rows the gateway could not read were rejected on arrival: they are done already.
      const rejectedOnArrival = await this.repository.countRejections(tx, upload.id);
      await this.repository.update(tx, upload.id, { status: 'queued', rowsTotal: body.rowsTotal, rowsDone: rejectedOnArrival, rejected: rejectedOnArrival });
      await this.outbox.add(tx, { queue: QUEUES.followUpBulk, jobName: JOBS.customerImport, payload: { importId: upload.id }, correlationId });
      await this.audit.record(tx, {
        entityType: 'customer-import', entityId: upload.id, action: 'customer-import.queued', actorId: caller.id,
        after: { format: upload.format, rowsTotal: body.rowsTotal }, correlationId, at: now,
      });
      return { jobId: upload.id, status: 'queued' as const };
    });
    this.signal.notify();
    return result;
  }

  async get(caller: Caller, id: string) {
    const upload = isUuid(id) ? await this.repository.find(id) : null;
    if (!upload) throw notFound(id);
    if (upload.uploadedById !== caller.id && caller.role !== 'ADMIN') throw new ForbiddenError('Only the uploader and ADMIN may see this import.');
    const errors = await this.repository.firstRejections(id, ERRORS_SHOWN);
    return {
      id: upload.id,
      status: upload.status,
      format: upload.format,
      rowsTotal: upload.rowsTotal,
      rowsDone: upload.rowsDone,
      upserted: upload.upserted,
      rejected: upload.rejected,
      errors: errors.map((e) => ({ row: e.rowNumber, reason: e.reason })),
      errorsNotShown: Math.max(0, upload.rejected - errors.length),
      error: upload.error,
      createdAt: upload.createdAt.toISOString(),
      finishedAt: upload.finishedAt?.toISOString() ?? null,
    };
  }

  private async receiving(caller: Caller, importId: string): Promise<CustomerImportRow> {
    const upload = isUuid(importId) ? await this.repository.find(importId) : null;
    if (!upload) throw notFound(importId);
    if (upload.uploadedById !== caller.id) throw new ForbiddenError('Only the uploader may add to an import.');
    if (upload.status !== 'receiving') throw new ConflictError(`Import ${importId} is ${upload.status}; it takes no more rows.`);
    return upload;
  }
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(`Import ${id} does not exist.`);
}
