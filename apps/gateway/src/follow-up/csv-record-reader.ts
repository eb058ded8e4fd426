/** One CSV record and the line of the upload it starts on (1-based). */
export interface CsvRecord {
  line: number;
  fields: string[];
  /** Set when the record is malformed; its fields are then whatever could be read. */
  error?: string;
}

/** A record (or NDJSON line) longer than the limit: the rest of the upload cannot be trusted to split right. */
export class RecordTooLongError extends Error {}

/**
 * A streaming RFC 4180 reader: feed text in any chunks, get whole records back. Quoted fields
 * may hold commas, line breaks (kept as LF) and doubled quotes (""); lines end with LF, CRLF or
 * CR; blank lines are skipped; a leading byte-order mark is dropped.
 */
export class CsvRecordReader {
  private fields: string[] = [];
  private field = '';
  private inQuotes = false;
  /** A quoted field was closed: only a comma, a line end or another quote may follow. */
  private afterClosingQuote = false;
  /** A quote ended a chunk inside a quoted field: the next chunk tells a doubled quote from a closing one. */
  private pendingQuote = false;
  private quotedRecord = false;
  private error: string | undefined;
  private skipLineFeed = false;
  private line = 1;
  private recordLine = 1;
  private recordLength = 0;
  private started = false;

  constructor(private readonly maxRecordLength = 65_536) {}

  push(text: string): CsvRecord[] {
    const records: CsvRecord[] = [];
    let start = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) start = 1;
    }
    for (let i = start; i < text.length; i++) {
      const char = text[i];
      if (this.skipLineFeed) {
        this.skipLineFeed = false;
        // The LF of a CRLF: the CR already ended the line (or, quoted, became the field's line break).
        if (char === '\n') continue;
      }
      if (++this.recordLength > this.maxRecordLength && char !== '\n' && char !== '\r') {
        throw new RecordTooLongError(`The record starting on line ${this.recordLine} is longer than ${this.maxRecordLength} characters (an unclosed quote?).`);
      }
      if (this.inQuotes) {
        if (char === '"') {
          if (text[i + 1] === '"') {
            this.field += '"';
            i++;
            this.recordLength++;
          } else if (i + 1 === text.length) {
            this.pendingQuote = true;
            this.inQuotes = false;
          } else {
            this.inQuotes = false;
            this.afterClosingQuote = true;
          }
        } else if (char === '\n' || char === '\r') {
          this.countLineBreak(char);
          this.field += '\n';
        } else {
          this.field += char;
        }
        continue;
      }
      if (this.pendingQuote) {
        this.pendingQuote = false;
        if (char === '"') {
          this.field += '"';
          this.inQuotes = true;
          continue;
        }
        this.afterClosingQuote = true;
      }
      if (char === ',') {
        this.endField();
      } else if (char === '\n' || char === '\r') {
        this.countLineBreak(char);
        const record = this.endRecord();
        if (record) records.push(record);
      } else if (this.afterClosingQuote) {
        this.error ??= `unexpected text after a closing quote in field ${this.fields.length + 1}`;
        this.field += char;
      } else if (char === '"' && this.field === '') {
        this.inQuotes = true;
        this.quotedRecord = true;
      } else {
        this.field += char;
      }
    }
    return records;
  }

  /** The last record when the upload does not end with a line break. */
  end(): CsvRecord[] {
    if (this.pendingQuote) {
      this.pendingQuote = false;
      this.afterClosingQuote = true;
    }
    if (this.inQuotes) {
      this.error ??= 'a quoted field is not closed';
      this.inQuotes = false;
    }
    const record = this.endRecord();
    return record ? [record] : [];
  }

  private countLineBreak(char: string): void {
    this.line++;
    if (char === '\r') this.skipLineFeed = true;
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.afterClosingQuote = false;
  }

  private endRecord(): CsvRecord | null {
    this.endField();
    const blank = this.fields.length === 1 && this.fields[0] === '' && !this.quotedRecord;
    const record: CsvRecord = { line: this.recordLine, fields: this.fields, ...(this.error ? { error: this.error } : {}) };
    this.fields = [];
    this.error = undefined;
    this.quotedRecord = false;
    this.recordLine = this.line;
    this.recordLength = 0;
    return blank ? null : record;
  }
}
