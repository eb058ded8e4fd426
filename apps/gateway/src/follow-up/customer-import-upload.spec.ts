import { BadRequestException } from '@nestjs/common';
import { readUpload, uploadFormat, type UploadItem } from './customer-import-upload.js';

async function collect(chunks: (string | Uint8Array)[], format: 'csv' | 'ndjson'): Promise<UploadItem[]> {
  const items: UploadItem[] = [];
  async function* body() {
    yield* chunks;
  }
  for await (const item of readUpload(body(), format)) items.push(item);
  return items;
}

describe('readUpload', () => {
  it('turns a CSV into its header and one JSON object per record, keyed by the header', async () => {
    const items = await collect(['code,name,ownerEmail\nC-1,"Acme, Ltd.",rep@x.test\n'], 'csv');
    expect(items).toEqual([
      { kind: 'header', columns: ['code', 'name', 'ownerEmail'] },
      { kind: 'row', row: { row: 2, raw: JSON.stringify({ code: 'C-1', name: 'Acme, Ltd.', ownerEmail: 'rep@x.test' }) } },
    ]);
  });

  it('reports a record whose field count differs from the header as a problem row, not a failure', async () => {
    const items = await collect(['code,name,ownerEmail\nC-1,Acme\nC-2,Beta,rep@x.test\n'], 'csv');
    expect(items[1]).toEqual({ kind: 'row', row: { row: 2, problem: 'the record has 2 fields; the header has 3' } });
    expect(items[2]).toMatchObject({ kind: 'row', row: { row: 3 } });
  });

  it('decodes UTF-8 split across chunks', async () => {
    const bytes = Buffer.from('code,name,ownerEmail\nC-1,华东机电,rep@x.test\n');
    const items = await collect([bytes.subarray(0, 26), bytes.subarray(26, 27), bytes.subarray(27)], 'csv');
    expect(JSON.parse((items[1] as { row: { raw: string } }).row.raw).name).toBe('华东机电');
  });

  it('refuses bytes that are not UTF-8 with a 400', async () => {
    await expect(collect([Buffer.from([0x63, 0x6f, 0xff, 0x0a])], 'csv')).rejects.toBeInstanceOf(BadRequestException);
  });

  it('passes NDJSON lines through with their line numbers, skipping blank lines', async () => {
    const items = await collect(['{"code":"A"}\r\n\n{"co', 'de":"B"}'], 'ndjson');
    expect(items).toEqual([
      { kind: 'row', row: { row: 1, raw: '{"code":"A"}' } },
      { kind: 'row', row: { row: 3, raw: '{"code":"B"}' } },
    ]);
  });

  it('knows the two media types, parameters and case aside', () => {
    expect(uploadFormat('text/csv; charset=utf-8')).toBe('csv');
    expect(uploadFormat('Application/X-NDJSON')).toBe('ndjson');
    expect(uploadFormat('application/json')).toBeNull();
    expect(uploadFormat(undefined)).toBeNull();
  });
});
