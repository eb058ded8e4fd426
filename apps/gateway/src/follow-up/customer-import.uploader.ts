import { BadRequestException, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { FinishImport, ImportRows, StartImport } from '#libs/contracts';
import { type Caller } from '#libs/rpc';
import { ServiceClient } from '../http/service-client.js';
import { readUpload, type UploadFormat, type UploadItem, type UploadRow } from './customer-import-upload.js';

export const MAX_IMPORT_ROWS = 100_000;
// NATS carries at most 1 MB per message by default; a chunk stays well below it.
const CHUNK_ROWS = 1000;
const CHUNK_CHARS = 256 * 1024;

/**
 * Streams an upload to the follow-up service: start (with the CSV header), rows in chunks, finish.
 * Each chunk is acknowledged before the next is read, so a slow database slows the upload instead
 * of filling memory. A failure abandons the import, whose staged rows are dropped.
 */
@Injectable()
export class CustomerImportUploader {
  constructor(private readonly service: ServiceClient) {}

  async receive(caller: Caller, correlationId: string, format: UploadFormat, body: AsyncIterable<Uint8Array | string>): Promise<{ jobId: string }> {
    const items = readUpload(body, format);
    let next = await items.next();
    let columns: string[] | null = null;
    if (format === 'csv') {
      if (next.done) throw empty('The upload is empty: a CSV needs a header row (code,name,ownerEmail,...).');
      columns = (next.value as Extract<UploadItem, { kind: 'header' }>).columns;
      next = await items.next();
    }
    if (next.done) throw empty('The upload has no rows.');
    const { importId } = await this.service.call(StartImport, caller, correlationId, { format, columns });
    try {
      let chunk: UploadRow[] = [];
      let chars = 0;
      let total = 0;
      for (; !next.done; next = await items.next()) {
        const { row } = next.value as Extract<UploadItem, { kind: 'row' }>;
        if (++total > MAX_IMPORT_ROWS) throw new PayloadTooLargeException(`An import takes at most ${MAX_IMPORT_ROWS} rows; nothing was imported.`);
        chunk.push(row);
        chars += (row.raw ?? row.problem ?? '').length;
        if (chunk.length >= CHUNK_ROWS || chars >= CHUNK_CHARS) {
          await this.service.call(ImportRows, caller, correlationId, { importId, rows: chunk });
          chunk = [];
          chars = 0;
        }
      }
      if (chunk.length > 0) await this.service.call(ImportRows, caller, correlationId, { importId, rows: chunk });
      const finished = await this.service.call(FinishImport, caller, correlationId, { importId, rowsTotal: total });
      return { jobId: finished.jobId };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.service.call(FinishImport, caller, correlationId, { importId, abort: `The upload failed: ${reason}` }).catch(() => undefined);
      throw error;
    } finally {
      await items.return(undefined);
    }
  }
}

function empty(message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, message, errors: [{ field: 'body', message }] });
}
