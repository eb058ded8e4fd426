import { BadRequestException } from '@nestjs/common';
import { CsvRecordReader, RecordTooLongError, type CsvRecord } from './csv-record-reader.js';
import { NdjsonLineReader } from './ndjson-line-reader.js';

export type UploadFormat = 'csv' | 'ndjson';

/** One record for the service: its JSON text, or why it could not be read. `row` is the line it starts on. */
export interface UploadRow {
  row: number;
  raw?: string;
  problem?: string;
}

export type UploadItem = { kind: 'header'; columns: string[] } | { kind: 'row'; row: UploadRow };

const MEDIA_TYPES: Record<string, UploadFormat> = { 'text/csv': 'csv', 'application/x-ndjson': 'ndjson' };

export function uploadFormat(contentType: string | undefined): UploadFormat | null {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return MEDIA_TYPES[mediaType] ?? null;
}

export const UPLOAD_MEDIA_TYPES = Object.keys(MEDIA_TYPES);

/**
 * Reads an upload as it streams in, one chunk at a time: a CSV yields its header, then each record
 * keyed by the header as JSON text; NDJSON yields each non-blank line as it is. Nothing but the
 * current record is held in memory.
 */
export async function* readUpload(body: AsyncIterable<Uint8Array | string>, format: UploadFormat): AsyncGenerator<UploadItem> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parser = format === 'csv' ? new CsvUploadParser() : new NdjsonUploadParser();
  try {
    for await (const chunk of body) {
      yield* parser.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    }
    yield* parser.push(decoder.decode());
    yield* parser.end();
  } catch (error) {
    if (error instanceof RecordTooLongError) throw refused(error.message);
    if ((error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') throw refused('The upload is not valid UTF-8 text.');
    throw error;
  }
}

class CsvUploadParser {
  private readonly reader = new CsvRecordReader();
  private columns: string[] | null = null;

  push(text: string): UploadItem[] {
    return this.items(this.reader.push(text));
  }

  end(): UploadItem[] {
    return this.items(this.reader.end());
  }

  private items(records: CsvRecord[]): UploadItem[] {
    return records.map((record): UploadItem => {
      if (this.columns !== null) return { kind: 'row', row: csvRow(record, this.columns) };
      if (record.error) throw refused(`The CSV header on line ${record.line} is malformed: ${record.error}.`);
      this.columns = record.fields.map((f) => f.trim());
      return { kind: 'header', columns: this.columns };
    });
  }
}

class NdjsonUploadParser {
  private readonly reader = new NdjsonLineReader();

  push(text: string): UploadItem[] {
    return this.reader.push(text).map((l) => ({ kind: 'row', row: { row: l.line, raw: l.text } }));
  }

  end(): UploadItem[] {
    return this.reader.end().map((l) => ({ kind: 'row', row: { row: l.line, raw: l.text } }));
  }
}

function csvRow(record: CsvRecord, columns: string[]): UploadRow {
  if (record.error) return { row: record.line, problem: `the CSV record is malformed: ${record.error}` };
  if (record.fields.length !== columns.length) {
    return { row: record.line, problem: `the record has ${record.fields.length} fields; the header has ${columns.length}` };
  }
  return { row: record.line, raw: JSON.stringify(Object.fromEntries(columns.map((column, i) => [column, record.fields[i]]))) };
}

function refused(message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, message: `${message} Nothing was imported.`, errors: [{ field: 'body', message }] });
}
