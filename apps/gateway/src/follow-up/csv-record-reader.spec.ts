import { CsvRecordReader, RecordTooLongError, type CsvRecord } from './csv-record-reader.js';

/** Feeds the text in chunks of the given size (1 = one character at a time). */
function read(text: string, chunkSize = text.length || 1, maxRecordLength?: number): CsvRecord[] {
  const reader = new CsvRecordReader(maxRecordLength);
  const records: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += chunkSize) records.push(...reader.push(text.slice(i, i + chunkSize)));
  return [...records, ...reader.end()];
}

const fields = (records: CsvRecord[]) => records.map((r) => r.fields);

describe('CsvRecordReader (streaming RFC 4180)', () => {
  it('splits plain records on commas and line ends, with or without a final line break', () => {
    expect(fields(read('a,b,c\n1,2,3\n'))).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
    expect(fields(read('a,b\n1,2'))).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields(read('a,,c\n'))).toEqual([['a', '', 'c']]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const text = 'code,name,note\n"C-1","Acme, Ltd.","He said ""hi""\nand left"\n';
    expect(fields(read(text))).toEqual([['code', 'name', 'note'], ['C-1', 'Acme, Ltd.', 'He said "hi"\nand left']]);
  });

  it('gives the same records whatever the chunk boundaries (every split point, including inside "" and CRLF)', () => {
    const text = 'a,"x ""q"" y","1,2"\r\n"",b,"line\r\nbreak"\r\nlast,"""",z';
    const whole = read(text);
    expect(fields(whole)).toEqual([['a', 'x "q" y', '1,2'], ['', 'b', 'line\nbreak'], ['last', '"', 'z']]);
    for (let size = 1; size <= text.length; size++) expect(read(text, size)).toEqual(whole);
  });

  it('numbers each record by the line it starts on, counting line breaks inside quotes and skipping blank lines', () => {
    const records = read('h1,h2\n\n"multi\nline",x\r\n\r\ny,z\rw,v\n');
    expect(records.map((r) => [r.line, ...r.fields])).toEqual([[1, 'h1', 'h2'], [3, 'multi\nline', 'x'], [6, 'y', 'z'], [7, 'w', 'v']]);
  });

  it('drops a leading byte-order mark (Excel writes one)', () => {
    expect(fields(read('\uFEFFcode,name\n', 1))).toEqual([['code', 'name']]);
  });

  it('keeps multi-byte text intact', () => {
    expect(fields(read('华东机电,"上海, 浦东"\n', 2))).toEqual([['华东机电', '上海, 浦东']]);
  });

  it('marks an unclosed quote and text after a closing quote as malformed records, and keeps going', () => {
    expect(read('"a"b,c\nok,1\n')).toEqual([
      { line: 1, fields: ['ab', 'c'], error: 'unexpected text after a closing quote in field 1' },
      { line: 2, fields: ['ok', '1'] },
    ]);
    expect(read('ok,1\n"never closed,2\n')[1]).toMatchObject({ line: 2, error: 'a quoted field is not closed' });
  });

  it('refuses a record longer than the limit instead of buffering the rest of the upload', () => {
    expect(() => read('"' + 'x'.repeat(100), 10, 50)).toThrow(RecordTooLongError);
    expect(fields(read('x'.repeat(50) + '\n' + 'y'.repeat(50), 7, 50))).toEqual([['x'.repeat(50)], ['y'.repeat(50)]]);
  });
});
