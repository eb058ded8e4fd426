import { PayloadTooLargeException } from '@nestjs/common';
import { FinishImport, ImportRows, StartImport, type RpcContract } from '#libs/contracts';
import { type Caller } from '#libs/rpc';
import type { ServiceClient } from '../http/service-client.js';
import { CustomerImportUploader, MAX_IMPORT_ROWS } from './customer-import.uploader.js';

const caller: Caller = { id: 'u1', email: 'rep@x.test', name: 'Rep', role: 'SALES_SPECIALIST' };

/** Records what the uploader sends; the service side is not under test here. */
function fakeService() {
  const calls: { pattern: string; body: Record<string, unknown> }[] = [];
  const service = {
    async call({ pattern }: RpcContract<unknown, unknown>, _caller: Caller, _correlationId: string, body: Record<string, unknown>) {
      calls.push({ pattern, body });
      if (pattern === StartImport.pattern) return { importId: 'imp-1' };
      if (pattern === FinishImport.pattern) return { jobId: 'imp-1' };
      return { staged: 0 };
    },
  };
  return { calls, uploader: new CustomerImportUploader(service as unknown as ServiceClient) };
}

async function* chunks(...parts: string[]) {
  for (const part of parts) yield Buffer.from(part);
}

const row = (i: number) => `C-${i},Name ${i},rep@x.test\n`;

describe('CustomerImportUploader', () => {
  it('sends the header at start, rows in chunks of at most 1000, then finish with the row count', async () => {
    const { calls, uploader } = fakeService();
    const body = 'code,name,ownerEmail\n' + Array.from({ length: 2500 }, (_, i) => row(i)).join('');
    // Cut the body into uneven pieces, as a network would.
    const pieces = body.match(/[\s\S]{1,777}/g)!;
    await expect(uploader.receive(caller, 'corr', 'csv', chunks(...pieces))).resolves.toEqual({ jobId: 'imp-1' });
    expect(calls.map((c) => c.pattern)).toEqual([
      StartImport.pattern, ImportRows.pattern, ImportRows.pattern, ImportRows.pattern, FinishImport.pattern,
    ]);
    expect(calls[0].body).toEqual({ format: 'csv', columns: ['code', 'name', 'ownerEmail'] });
    expect(calls.slice(1, 4).map((c) => (c.body.rows as unknown[]).length)).toEqual([1000, 1000, 500]);
    expect((calls[1].body.rows as { row: number }[])[0]).toEqual({ row: 2, raw: JSON.stringify({ code: 'C-0', name: 'Name 0', ownerEmail: 'rep@x.test' }) });
    expect(calls[4].body).toEqual({ importId: 'imp-1', rowsTotal: 2500 });
  });

  it('abandons the import when the upload breaks off, and passes the error on', async () => {
    const { calls, uploader } = fakeService();
    async function* broken() {
      yield Buffer.from('code,name,ownerEmail\n' + row(1));
      throw new Error('aborted');
    }
    await expect(uploader.receive(caller, 'corr', 'csv', broken())).rejects.toThrow('aborted');
    expect(calls.at(-1)).toEqual({ pattern: FinishImport.pattern, body: { importId: 'imp-1', abort: 'The upload failed: aborted' } });
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} rows with 413 and abandons the import`, async () => {
    const { calls, uploader } = fakeService();
    const lines = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `{"code":"C-${i}"}\n`).join('');
    await expect(uploader.receive(caller, 'corr', 'ndjson', chunks(lines))).rejects.toBeInstanceOf(PayloadTooLargeException);
    expect(calls.filter((c) => c.pattern === ImportRows.pattern).reduce((n, c) => n + (c.body.rows as unknown[]).length, 0)).toBe(MAX_IMPORT_ROWS);
    expect(calls.at(-1)?.body).toMatchObject({ importId: 'imp-1', abort: expect.stringContaining('at most 100000 rows') });
  });

  it('refuses an upload without rows before starting an import', async () => {
    const { calls, uploader } = fakeService();
    await expect(uploader.receive(caller, 'corr', 'csv', chunks('code,name,ownerEmail\n'))).rejects.toThrow('no rows');
    await expect(uploader.receive(caller, 'corr', 'ndjson', chunks('\n\n'))).rejects.toThrow('no rows');
    expect(calls).toEqual([]);
  });
});
